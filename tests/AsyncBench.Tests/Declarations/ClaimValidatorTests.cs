using AsyncBench.Benchmarks.Declarations;
using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Running;
using AsyncBench.Protocol;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Validators;

namespace AsyncBench.Tests.Declarations;

/// <summary>Each malformed claim fails the run before anything runs, with a message that names the problem.</summary>
public sealed class ClaimValidatorTests
{
    [Theory]
    [InlineData(typeof(UnknownSide), "the side 'Missing' is not a benchmark of the class")]
    [InlineData(typeof(UnknownArgument), "is not a case the class runs at 'Count=10'")]
    [InlineData(typeof(UnknownSettingName), "the setting names 'Size', which is not a [Params] of the class")]
    [InlineData(typeof(UnknownSettingValue), "the class runs no case at 'Count=7'")]
    [InlineData(typeof(IncompleteSetting), "does not name the [Params] 'Mode'")]
    [InlineData(typeof(UnknownMetric), "the metric 'AsyncBench.Nothing' is not one the suite emits")]
    [InlineData(typeof(UnknownMechanism), "the mechanism metric 'AsyncBench.Nothing' is not one the suite emits")]
    [InlineData(typeof(ThresholdsNotAscending), "its Thresholds are not strictly ascending (2, 1.5)")]
    [InlineData(typeof(WrongAnswerCount), "it declares 3 Answers for 1 Thresholds")]
    [InlineData(typeof(OneWayOnly), "its Answers must include both Yes and No")]
    [InlineData(typeof(NotAnAnswer), "the answer 7 is not Yes or No")]
    [InlineData(typeof(PremiseOnACount), "it is a count and declares a premise")]
    [InlineData(typeof(PremiseOnAnotherSide), "its premise is counted on 'Other', which is not one of its sides")]
    [InlineData(typeof(PremiseOfAnUnknownMetric), "the premise metric 'AsyncBench.Nothing' is not one the suite emits")]
    [InlineData(typeof(PremiseWithoutABound), "its premise needs PremiseSide, PremiseMetric and a finite PremiseAtLeast")]
    [InlineData(typeof(SideWithoutWords), "the versus side 'Other' has no plain words for the answers")]
    [InlineData(typeof(NoTarget), "no [ClaimTarget(...)]")]
    [InlineData(typeof(NotKebabCase), "is not kebab-case")]
    [InlineData(typeof(OverAFloorItDoesNotDeclare), "it is read over its side's floor, but the class declares none (IDeclaresFloor)")]
    [InlineData(typeof(OverFloorWithAPremise), "it is read over its side's floor and declares a premise")]
    [InlineData(typeof(OverFloorAtZero), "a ratio's Thresholds must be above 0")]
    public void Validator_Should_FailTheRun_NamingTheProblem(Type type, string problem)
    {
        var errors = Errors(type);

        Assert.Contains(errors, e => e.IsCritical && e.Message.Contains(problem, StringComparison.Ordinal) && e.Message.StartsWith(type.FullName!, StringComparison.Ordinal));
    }

    [Fact]
    public void Validator_Should_PassAWellFormedClaim_AndEverySuiteClass()
    {
        Assert.DoesNotContain(ClaimValidator.Problems(typeof(WellFormed)), p => !p.Contains("is not stated by an assembly [Rule", StringComparison.Ordinal));
        Assert.DoesNotContain(ClaimValidator.Problems(typeof(WellFormedOverFloor)), p => !p.Contains("is not stated by an assembly [Rule", StringComparison.Ordinal));
        Assert.All(typeof(SuiteRunner).Assembly.GetTypes().Where(t => !t.IsAbstract && t.GetMethods().Any(m => m.IsDefined(typeof(BenchmarkAttribute), true))),
            t => Assert.Empty(ClaimValidator.Problems(t)));
    }

    [Fact]
    public void Validator_Should_CheckSidesAgainstEveryDeclaredCase_NotOnlyThoseTheFilterKept()
    {
        var all = BenchmarkConverter.TypeToBenchmarks(typeof(Benchmarks.Http.HttpBenchmarks), ManualConfig.CreateEmpty());
        var kept = all.BenchmarksCases.Where(c => c.Descriptor.WorkloadMethod.Name == "Serial").ToArray(); // the claims' other sides are filtered out

        Assert.Empty(ClaimValidator.Instance.Validate(new ValidationParameters(kept, all.Config)));
    }

    [Fact]
    public void OneComparison_WithOtherBandsInAnotherClass_Should_FailTheRun_InOneLineNamingBoth()
    {
        var problems = ClaimValidator.Disagreements([typeof(WellFormed), typeof(WellFormedElsewhere), typeof(Disagreeing)]).ToList();

        var problem = Assert.Single(problems);
        Assert.Contains("the comparison Slow ÷ Fast(degree=2) answers differently in ", problem, StringComparison.Ordinal);
        Assert.Contains(typeof(WellFormed).FullName!, problem, StringComparison.Ordinal);
        Assert.Contains($"and in {typeof(Disagreeing).FullName} (rule 1 disagreeing: < 1.1: Yes · ≥ 1.1: No)", problem, StringComparison.Ordinal);
        Assert.Single(problem.Split('\n'));
    }

    /// <summary>
    /// The same two sides the other way round are the same comparison: Fast ÷ Slow under Slow ÷ Fast's bands (≥ 1.1: yes)
    /// would answer yes where Slow ÷ Fast answers no, one value read in two directions. Mirrored bands (below 1/1.1: yes) agree.
    /// </summary>
    [Fact]
    public void OneComparison_TheOtherWayRound_WithBandsNotMirrored_Should_FailTheRun_InOneLineNamingBoth()
    {
        var problem = Assert.Single(ClaimValidator.Disagreements([typeof(WellFormed), typeof(ReversedNotMirrored)]));

        Assert.Contains($"the comparison Slow ÷ Fast(degree=2) answers differently in {typeof(WellFormed).FullName} (rule 1 well-formed: < 1.1: No · ≥ 1.1: Yes)", problem, StringComparison.Ordinal);
        Assert.Contains($"and in {typeof(ReversedNotMirrored).FullName} (rule 1 reversed, read the other way round as Fast(degree=2) ÷ Slow: < 1.1: No · ≥ 1.1: Yes)", problem, StringComparison.Ordinal);
        Assert.Single(problem.Split('\n'));
        Assert.Empty(ClaimValidator.Disagreements([typeof(WellFormed), typeof(ReversedMirrored)]));
    }

    [Fact]
    public void Suite_Should_AskEachComparisonOneWay()
    {
        Assert.Empty(ClaimValidator.Disagreements(typeof(SuiteRunner).Assembly.GetTypes()));
    }

    [Fact]
    public void ARunWithABadClaim_Should_FailBeforeAnythingRuns()
    {
        Assert.True(ClaimValidator.Instance.TreatsWarningsAsErrors);
        Assert.Contains(BenchmarkConfig.Create(Profiles.Quick).GetValidators(), v => v is ClaimValidator);
    }

    private static List<ValidationError> Errors(Type type)
    {
        var benchmarks = BenchmarkConverter.TypeToBenchmarks(type, ManualConfig.CreateEmpty());
        return [.. ClaimValidator.Instance.Validate(new ValidationParameters(benchmarks.BenchmarksCases, benchmarks.Config))];
    }

    public abstract class ClaimTestBenchmarks
    {
        [Params(10, 100)]
        public int Count { get; set; }

        [Benchmark(Baseline = true)]
        [InWords("the slow way")]
        public int Slow() => Count;

        [Benchmark]
        [Arguments(1)]
        [Arguments(2)]
        [InWords("the fast way")]
        public int Fast(int degree) => Count + degree;

        [Benchmark]
        public int Other() => Count - 1;
    }

    [ClaimTarget("nothing")]
    [Claim(1, "well-formed", ClaimMeasure.Ratio, nameof(Slow), nameof(Fast) + "(degree=2)", Setting = "Count=10", Question = "?", Thresholds = [1.1], Answers = [Answer.No, Answer.Yes], Mechanism = [MetricIds.UnitsPeakInFlight])]
    public class WellFormed : ClaimTestBenchmarks
    {
    }

    [ClaimTarget("nothing")]
    [Claim(1, "well-formed-too", ClaimMeasure.Ratio, nameof(Slow), nameof(Fast) + "(degree=2)", Setting = "Count=100", Question = "?", Thresholds = [1.1], Answers = [Answer.No, Answer.Yes], HoldsIf = Answer.No)]
    public class WellFormedElsewhere : ClaimTestBenchmarks
    {
    }

    [ClaimTarget("nothing")]
    [Claim(1, "disagreeing", ClaimMeasure.Ratio, nameof(Slow), nameof(Fast) + "(degree=2)", Setting = "Count=10", Question = "?", Thresholds = [1.1], Answers = [Answer.Yes, Answer.No])]
    public class Disagreeing : ClaimTestBenchmarks
    {
    }

    [ClaimTarget("nothing")]
    [Claim(1, "reversed", ClaimMeasure.Ratio, nameof(Fast) + "(degree=2)", nameof(Slow), Setting = "Count=10", Question = "?", Thresholds = [1.1], Answers = [Answer.No, Answer.Yes])]
    public class ReversedNotMirrored : ClaimTestBenchmarks
    {
    }

    [ClaimTarget("nothing")]
    [Claim(1, "reversed", ClaimMeasure.Ratio, nameof(Fast) + "(degree=2)", nameof(Slow), Setting = "Count=10", Question = "?", Thresholds = [1 / 1.1], Answers = [Answer.Yes, Answer.No])]
    public class ReversedMirrored : ClaimTestBenchmarks
    {
    }

    [ClaimTarget("nothing")]
    [Claim(1, "bad", ClaimMeasure.Ratio, "Missing", nameof(Slow), Setting = "Count=10", Question = "?", Thresholds = [1.1], Answers = [Answer.No, Answer.Yes])]
    public class UnknownSide : ClaimTestBenchmarks
    {
    }

    [ClaimTarget("nothing")]
    [Claim(1, "bad", ClaimMeasure.Ratio, nameof(Slow), nameof(Fast) + "(degree=3)", Setting = "Count=10", Question = "?", Thresholds = [1.1], Answers = [Answer.No, Answer.Yes])]
    public class UnknownArgument : ClaimTestBenchmarks
    {
    }

    [ClaimTarget("nothing")]
    [Claim(1, "bad", ClaimMeasure.Ratio, nameof(Slow), nameof(Fast) + "(degree=1)", Setting = "Count=10&Size=4", Question = "?", Thresholds = [1.1], Answers = [Answer.No, Answer.Yes])]
    public class UnknownSettingName : ClaimTestBenchmarks
    {
    }

    [ClaimTarget("nothing")]
    [Claim(1, "bad", ClaimMeasure.Ratio, nameof(Slow), nameof(Fast) + "(degree=1)", Setting = "Count=7", Question = "?", Thresholds = [1.1], Answers = [Answer.No, Answer.Yes])]
    public class UnknownSettingValue : ClaimTestBenchmarks
    {
    }

    [ClaimTarget("nothing")]
    [Claim(1, "bad", ClaimMeasure.Ratio, nameof(Slow), nameof(Fast) + "(degree=1)", Setting = "Count=10", Question = "?", Thresholds = [1.1], Answers = [Answer.No, Answer.Yes])]
    public class IncompleteSetting : ClaimTestBenchmarks
    {
        [Params("a", "b")]
        public string Mode { get; set; } = "a";
    }

    [ClaimTarget("nothing")]
    [Claim(1, "bad", nameof(Slow), "AsyncBench.Nothing", Setting = "Count=10", Question = "?", Thresholds = [1.1], Answers = [Answer.No, Answer.Yes])]
    public class UnknownMetric : ClaimTestBenchmarks
    {
    }

    [ClaimTarget("nothing")]
    [Claim(1, "bad", nameof(Slow), MetricIds.UnitsPeakInFlight, Setting = "Count=10", Question = "?", Thresholds = [1.1], Answers = [Answer.No, Answer.Yes], Mechanism = ["AsyncBench.Nothing"])]
    public class UnknownMechanism : ClaimTestBenchmarks
    {
    }

    [ClaimTarget("nothing")]
    [Claim(1, "bad", ClaimMeasure.Ratio, nameof(Slow), nameof(Fast) + "(degree=1)", Setting = "Count=10", Question = "?", Thresholds = [2.0, 1.5], Answers = [Answer.No, Answer.Yes, Answer.Yes])]
    public class ThresholdsNotAscending : ClaimTestBenchmarks
    {
    }

    [ClaimTarget("nothing")]
    [Claim(1, "bad", ClaimMeasure.Ratio, nameof(Slow), nameof(Fast) + "(degree=1)", Setting = "Count=10", Question = "?", Thresholds = [1.1], Answers = [Answer.No, Answer.Yes, Answer.Yes])]
    public class WrongAnswerCount : ClaimTestBenchmarks
    {
    }

    [ClaimTarget("nothing")]
    [Claim(1, "bad", ClaimMeasure.Ratio, nameof(Slow), nameof(Fast) + "(degree=1)", Setting = "Count=10", Question = "?", Thresholds = [1.1], Answers = [Answer.Yes, Answer.Yes])]
    public class OneWayOnly : ClaimTestBenchmarks
    {
    }

    [ClaimTarget("nothing")]
    [Claim(1, "bad", ClaimMeasure.Ratio, nameof(Slow), nameof(Fast) + "(degree=1)", Setting = "Count=10", Question = "?", Thresholds = [1.1, 2.0], Answers = [Answer.No, (Answer)7, Answer.Yes])]
    public class NotAnAnswer : ClaimTestBenchmarks
    {
    }

    [Claim(1, "bad", ClaimMeasure.Ratio, nameof(Slow), nameof(Fast) + "(degree=1)", Setting = "Count=10", Question = "?", Thresholds = [1.1], Answers = [Answer.No, Answer.Yes])]
    public class NoTarget : ClaimTestBenchmarks
    {
    }

    [ClaimTarget("nothing")]
    [Claim(1, "Not_Kebab", ClaimMeasure.Ratio, nameof(Slow), nameof(Fast) + "(degree=1)", Setting = "Count=10", Question = "?", Thresholds = [1.1], Answers = [Answer.No, Answer.Yes])]
    public class NotKebabCase : ClaimTestBenchmarks
    {
    }

    [ClaimTarget("nothing")]
    [Claim(1, "bad", nameof(Slow), MetricIds.UnitsPeakInFlight, Setting = "Count=10", Question = "?", Thresholds = [2], Answers = [Answer.No, Answer.Yes],
        PremiseSide = nameof(Slow), PremiseMetric = MetricIds.UnitsPeakInFlight, PremiseAtLeast = 2)]
    public class PremiseOnACount : ClaimTestBenchmarks
    {
    }

    [ClaimTarget("nothing")]
    [Claim(1, "bad", ClaimMeasure.Ratio, nameof(Slow), nameof(Fast) + "(degree=1)", Setting = "Count=10", Question = "?", Thresholds = [1.1], Answers = [Answer.No, Answer.Yes],
        PremiseSide = nameof(Other), PremiseMetric = MetricIds.UnitsPeakInFlight, PremiseAtLeast = 2)]
    public class PremiseOnAnotherSide : ClaimTestBenchmarks
    {
    }

    [ClaimTarget("nothing")]
    [Claim(1, "bad", ClaimMeasure.Ratio, nameof(Slow), nameof(Fast) + "(degree=1)", Setting = "Count=10", Question = "?", Thresholds = [1.1], Answers = [Answer.No, Answer.Yes],
        PremiseSide = nameof(Slow), PremiseMetric = "AsyncBench.Nothing", PremiseAtLeast = 2)]
    public class PremiseOfAnUnknownMetric : ClaimTestBenchmarks
    {
    }

    [ClaimTarget("nothing")]
    [Claim(1, "bad", ClaimMeasure.Ratio, nameof(Slow), nameof(Fast) + "(degree=1)", Setting = "Count=10", Question = "?", Thresholds = [1.1], Answers = [Answer.No, Answer.Yes],
        PremiseSide = nameof(Slow), PremiseMetric = MetricIds.UnitsPeakInFlight)]
    public class PremiseWithoutABound : ClaimTestBenchmarks
    {
    }

    [ClaimTarget("nothing")]
    [Claim(1, "bad", ClaimMeasure.Ratio, nameof(Slow), nameof(Other), Setting = "Count=10", Question = "?", Thresholds = [1.1], Answers = [Answer.No, Answer.Yes])]
    public class SideWithoutWords : ClaimTestBenchmarks
    {
    }

    /// <summary>A class whose units wait, so its cases have a floor to be read over.</summary>
    public abstract class FloorTestBenchmarks : ClaimTestBenchmarks, IDeclaresFloor
    {
        public string? RealTargetVariable => null;

        public WorkloadFloor Floor(double? measuredTargetLatencyMs) => new(20);
    }

    [ClaimTarget("nothing")]
    [Claim(1, "within-its-floor", ClaimMeasure.OverFloor, nameof(Slow), Setting = "Count=10", Question = "?", Thresholds = [1.1], Answers = [Answer.Yes, Answer.No])]
    public class WellFormedOverFloor : FloorTestBenchmarks
    {
    }

    [ClaimTarget("nothing")]
    [Claim(1, "bad", ClaimMeasure.OverFloor, nameof(Slow), Setting = "Count=10", Question = "?", Thresholds = [1.1], Answers = [Answer.Yes, Answer.No])]
    public class OverAFloorItDoesNotDeclare : ClaimTestBenchmarks
    {
    }

    [ClaimTarget("nothing")]
    [Claim(1, "bad", ClaimMeasure.OverFloor, nameof(Slow), Setting = "Count=10", Question = "?", Thresholds = [1.1], Answers = [Answer.Yes, Answer.No],
        PremiseSide = nameof(Slow), PremiseMetric = MetricIds.UnitsPeakInFlight, PremiseAtLeast = 2)]
    public class OverFloorWithAPremise : FloorTestBenchmarks
    {
    }

    [ClaimTarget("nothing")]
    [Claim(1, "bad", ClaimMeasure.OverFloor, nameof(Slow), Setting = "Count=10", Question = "?", Thresholds = [0], Answers = [Answer.Yes, Answer.No])]
    public class OverFloorAtZero : FloorTestBenchmarks
    {
    }
}
