using AsyncBench.Benchmarks.Declarations;
using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Running;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Validators;

namespace AsyncBench.Tests.Declarations;

/// <summary>Each wrong case fact ([Concurrency], floor, [FixtureOnly]) fails the run before anything runs, naming the problem.</summary>
public sealed class DeclarationValidatorTests
{
    [Theory]
    [InlineData(typeof(ConcurrencyNamesNothing), "Run's [Concurrency(\"Missing\")] names no parameter or argument of its cases (they have: Count)")]
    [InlineData(typeof(ConcurrencyOfNone), "Run declares [Concurrency(0)]")]
    [InlineData(typeof(FloorWithoutConcurrency), "Run declares no [Concurrency], so its cases get no floor")]
    [InlineData(typeof(FloorWithoutCount), "has no Count parameter to spread it over")]
    [InlineData(typeof(NegativeFloor), "its floor at Count=2 waits -1 ms per unit")]
    [InlineData(typeof(BoundOfNone), "its floor at Count=2 bounds the target at 0 units")]
    [InlineData(typeof(FixtureOnlyWithoutParams), "[FixtureOnly] is on LatencyMs, which has no [Params]")]
    [InlineData(typeof(FixtureOnlyWithoutRealTarget), "[FixtureOnly] is on LatencyMs, but the class names no real target")]
    [InlineData(typeof(NoNightlyLaunches), "it declares [NightlyLaunches(0)]; a night gives a class at least 1 launch.")]
    public void Validator_Should_FailTheRun_NamingTheProblem(Type type, string problem)
    {
        var benchmarks = BenchmarkConverter.TypeToBenchmarks(type, ManualConfig.CreateEmpty());

        var errors = DeclarationValidator.Instance.Validate(new ValidationParameters(benchmarks.BenchmarksCases, benchmarks.Config)).ToList();

        Assert.Contains(errors, e => e.IsCritical && e.Message.StartsWith(type.FullName!, StringComparison.Ordinal) && e.Message.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void Validator_Should_PassWellDeclaredFacts_AndEverySuiteClass()
    {
        Assert.Empty(DeclarationValidator.Problems(typeof(WellDeclared)));
        Assert.All(typeof(SuiteRunner).Assembly.GetTypes().Where(t => !t.IsAbstract && t.GetMethods().Any(m => m.IsDefined(typeof(BenchmarkAttribute), true))),
            t => Assert.Empty(DeclarationValidator.Problems(t)));
    }

    [Fact]
    public void ARunWithAWrongFact_Should_FailBeforeAnythingRuns()
    {
        Assert.True(DeclarationValidator.Instance.TreatsWarningsAsErrors);
        Assert.Contains(BenchmarkConfig.Create(Profiles.Quick).GetValidators(), v => v is DeclarationValidator);
    }

    public abstract class FloorBenchmarks : IDeclaresFloor
    {
        [Params(2)]
        public int Count { get; set; }

        public string? RealTargetVariable => null;

        public virtual WorkloadFloor Floor(double? measuredTargetLatencyMs) => new(5);
    }

    public class WellDeclared : FloorBenchmarks
    {
        [FixtureOnly]
        [Params(5)]
        public int LatencyMs { get; set; }

        [Benchmark]
        [Concurrency(nameof(Count))]
        public int Run() => Count;

        [Benchmark]
        [Arguments(4)]
        [Concurrency(nameof(degree))]
        public int RunAt(int degree) => degree;
    }

    public class ConcurrencyNamesNothing
    {
        [Params(2)]
        public int Count { get; set; }

        [Benchmark]
        [Concurrency("Missing")]
        public int Run() => Count;
    }

    public class ConcurrencyOfNone
    {
        [Benchmark]
        [Concurrency(0)]
        public int Run() => 0;
    }

    public class FloorWithoutConcurrency : FloorBenchmarks
    {
        [Benchmark]
        public int Run() => Count;
    }

    public class FloorWithoutCount : IDeclaresFloor
    {
        public string? RealTargetVariable => null;

        public WorkloadFloor Floor(double? measuredTargetLatencyMs) => new(5);

        [Benchmark]
        [Concurrency(1)]
        public int Run() => 0;
    }

    public class NegativeFloor : FloorBenchmarks
    {
        public override WorkloadFloor Floor(double? measuredTargetLatencyMs) => new(-1);

        [Benchmark]
        [Concurrency(1)]
        public int Run() => Count;
    }

    public class BoundOfNone : FloorBenchmarks
    {
        public override WorkloadFloor Floor(double? measuredTargetLatencyMs) => new(5, TargetBound: 0);

        [Benchmark]
        [Concurrency(1)]
        public int Run() => Count;
    }

    public class FixtureOnlyWithoutParams : FloorBenchmarks
    {
        [FixtureOnly]
        public int LatencyMs { get; set; }

        [Benchmark]
        [Concurrency(1)]
        public int Run() => Count;
    }

    public class FixtureOnlyWithoutRealTarget
    {
        [FixtureOnly]
        [Params(5)]
        public int LatencyMs { get; set; }

        [Benchmark]
        public int Run() => LatencyMs;
    }

    [NightlyLaunches(0)]
    public class NoNightlyLaunches
    {
        [Benchmark]
        public int Run() => 1;
    }
}
