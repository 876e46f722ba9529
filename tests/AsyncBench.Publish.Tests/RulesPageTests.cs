using AsyncBench.Benchmarks.Declarations;
using AsyncBench.Protocol;
using AsyncBench.Publishing;

namespace AsyncBench.Publish.Tests;

/// <summary>
/// The rules page reads the suite's own rules ([Rule] in the benchmarks project) and the format-1 comparisons of
/// published sidecars (the fixed inputs; the suite now declares format-2 claims, [Claim]); synthetic runs put each
/// declared comparison in the band that yields the outcome wanted.
/// </summary>
public class RulesPageTests
{
    private static readonly Type[] SuiteTypes = typeof(DeclarationsExporter).Assembly.GetTypes();

    private static readonly IReadOnlyList<DeclaredRule> SuiteRules = DeclarationsExporter.Rules(SuiteTypes);

    /// <summary>Format-1 comparisons, as published runs under results/ still carry them (the fixed inputs' sidecars).</summary>
    private static readonly IReadOnlyList<DeclaredComparison> SuiteComparisons = RunDeclarations.Read(TestInputs.Small).Comparisons;

    public static TheoryData<int, RuleOutcome> RulesAndOutcomes()
    {
        var data = new TheoryData<int, RuleOutcome>();
        foreach (var rule in SuiteComparisons.Select(c => c.Rule).Distinct().Order())
        {
            foreach (var outcome in Enum.GetValues<RuleOutcome>())
            {
                data.Add(rule, outcome);
            }
        }

        return data;
    }

    [Fact]
    public void Suite_Should_StateEveryRule_AndFormat1Inputs_Should_CarryComparisons()
    {
        Assert.Equal(Enumerable.Range(1, 10), SuiteRules.Select(r => r.Number));
        Assert.NotEmpty(SuiteComparisons);
    }

    [Theory]
    [MemberData(nameof(RulesAndOutcomes))]
    public void EveryRule_Should_ComeOutEachWay_FromItsDeclaredComparisons(int rule, RuleOutcome wanted)
    {
        var comparisons = SuiteComparisons.Where(c => c.Rule == rule).ToList();
        var bands = Scenario(comparisons, wanted);
        var run = RunOf(comparisons.Select((c, i) => (c, bands[i])).ToList());

        var result = RulesPage.Evaluate(run).Single(r => r.Rule.Number == rule);
        var page = RulesPage.Render(run, TestInputs.Label, ResultTables.Build(run));

        Assert.Equal(wanted, result.Outcome);
        Assert.Contains($"| {rule} | ", page, StringComparison.Ordinal);
        Assert.Contains($"**{RulesPage.OutcomeText(wanted)}** | {char.ToUpperInvariant(RulesPage.OutcomeText(wanted)[0])}", VerdictRow(page, rule), StringComparison.Ordinal);
    }

    [Fact]
    public void Verdict_Should_BeReadAtTheDeclaredSetting_WithEverySettingListed()
    {
        // One device serializes everything, sixteen leave room: the verdict is read where the class said (4).
        var comparison = Declared("Demo.Serial.PortBenchmarks", 1, "Serial", "WhenAll", "Count=16&Devices=4");
        var run = RunWith([comparison],
            Result("Demo.Serial", "PortBenchmarks", "Serial", 550e6, ("Count", "16"), ("Devices", "1")),
            Result("Demo.Serial", "PortBenchmarks", "WhenAll", 548e6, ("Count", "16"), ("Devices", "1")),
            Result("Demo.Serial", "PortBenchmarks", "Serial", 550e6, ("Count", "16"), ("Devices", "4")),
            Result("Demo.Serial", "PortBenchmarks", "WhenAll", 400e6, ("Count", "16"), ("Devices", "4")),
            Result("Demo.Serial", "PortBenchmarks", "Serial", 550e6, ("Count", "16"), ("Devices", "16")),
            Result("Demo.Serial", "PortBenchmarks", "WhenAll", 35e6, ("Count", "16"), ("Devices", "16")));

        var result = RulesPage.Evaluate(run).Single(r => r.Rule.Number == 1);
        var page = RulesPage.Render(run, TestInputs.Label, ResultTables.Build(run));

        Assert.Equal(RuleOutcome.HoldsDifferently, result.Outcome); // 1.38×: a gain, not the rule's 2×
        var curve = result.Comparisons.Single().Curve;
        Assert.Equal(RuleOutcome.DoesNotCarryOver, curve.Single(c => c.Setting == "Count=16, Devices=1").Outcome);
        Assert.Equal(RuleOutcome.Holds, curve.Single(c => c.Setting == "Count=16, Devices=16").Outcome);
        Assert.Contains("| **Count=16, Devices=4** |", page, StringComparison.Ordinal);
        Assert.Contains("| Count=16, Devices=16 | 15.7×", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Rule_Should_FollowTheDeclaredSides_NotTheMethodNames()
    {
        // Names that once fooled substring matching: the declaration says which side is which.
        var comparison = Declared("Demo.Rules.WaitBenchmarks", 7, "AwaitDelay", "BlockingWait", "Count=100");
        var run = RunWith([comparison],
            Result("Demo.Rules", "WaitBenchmarks", "AwaitDelay", 400e6, ("Count", "100")),
            Result("Demo.Rules", "WaitBenchmarks", "BlockingWait", 20e6, ("Count", "100")));

        var result = RulesPage.Evaluate(run).Single(r => r.Rule.Number == 7);

        Assert.Equal(RuleOutcome.Holds, result.Outcome);
        Assert.Matches(@"^Holds: holds for WaitBenchmarks \(`BlockingWait` 20\.\d× faster than `AwaitDelay`, 2\S+ ms vs 4\S+ ms", result.Finding);
    }

    [Fact]
    public void Finding_Should_SayWhatTheFixturesObserved()
    {
        var comparison = Declared("Demo.Rules.WrapBenchmarks", 6, "TaskRunWrapped", "NativeAsync", "Count=100");
        var wrapped = Result("Demo.Rules", "WrapBenchmarks", "TaskRunWrapped", 500e6, ("Count", "100")) with { };
        var run = RunWith([comparison],
            new BenchmarkResult(wrapped.Id, wrapped.Statistics, 0, 100, 0, wrapped.MeasurementsNs)
            {
                FullName = wrapped.FullName,
                Metrics = new Dictionary<string, double> { ["AsyncBench.ThreadsBefore"] = 2, ["AsyncBench.ThreadsAfter"] = 9, ["AsyncBench.Http.PeakInFlight"] = 9 },
            },
            WithWorkItems(Result("Demo.Rules", "WrapBenchmarks", "NativeAsync", 25e6, ("Count", "100")), 0.2));

        var finding = RulesPage.Evaluate(run).Single(r => r.Rule.Number == 6).Finding;

        Assert.Contains("under `TaskRunWrapped` the pool grew from 2 to 9 threads", finding, StringComparison.Ordinal);
        Assert.Contains("the server saw at most 9 of `TaskRunWrapped`'s requests at once", finding, StringComparison.Ordinal);
        Assert.Contains("`NativeAsync` queued no thread-pool work for its 100 units (its calls completed synchronously)", finding, StringComparison.Ordinal);
    }

    [Fact]
    public void Rule_Should_SayNotMeasured_WhenItsBenchmarksAreAbsent()
    {
        var comparison = Declared("Demo.Rules.WaitBenchmarks", 7, "Sleep", "Delay", "Count=100");
        var run = RunWith([comparison], Result("Demo.Rules", "OtherBenchmarks", "Sleep", 400e6, ("Count", "100")));

        var result = RulesPage.Evaluate(run).Single(r => r.Rule.Number == 7);

        Assert.Null(result.Outcome);
        Assert.Contains("not measured: WaitBenchmarks `Sleep` ÷ `Delay` at Count=100", result.Finding, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.9, 1.05, 1.1, 2.0, Band.None)]
    [InlineData(1.2, 1.6, 1.1, 2.0, Band.Small)]
    [InlineData(2.0, 9.0, 1.1, 2.0, Band.Large)]
    [InlineData(1.5, 2.5, 1.1, 2.0, Band.Undecided)]
    [InlineData(0.2, 0.5, 1.1, 2.0, Band.None)]
    public void Band_Should_FollowTheWholeInterval(double lower, double upper, double noneBelow, double largeAt, Band expected) =>
        Assert.Equal(expected, RulesPage.BandOf(new Estimate((lower + upper) / 2, lower, upper), largeAt, noneBelow));

    private static string VerdictRow(string page, int rule) =>
        page.Split('\n').Single(line => line.StartsWith($"| {rule} | ", StringComparison.Ordinal));

    /// <summary>For each comparison, a band such that the rule's outcome is <paramref name="wanted"/>.</summary>
    private static List<Band> Scenario(IReadOnlyList<DeclaredComparison> comparisons, RuleOutcome wanted)
    {
        static Band To(DeclaredComparison c, RuleOutcome outcome) =>
            new[] { Band.Large, Band.Small, Band.None }.Cast<Band?>().FirstOrDefault(b => OutcomeOf(c, b!.Value) == outcome)
            ?? throw new InvalidOperationException($"Rule {c.Rule}: {c.Slower} ÷ {c.Faster} can never give {outcome}.");

        var bands = comparisons.Select(c => c.Control ? To(c, RuleOutcome.Holds) : wanted == RuleOutcome.Inconclusive ? Band.Undecided : To(c, wanted == RuleOutcome.HoldsDifferently ? RuleOutcome.Holds : wanted)).ToList();
        if (wanted == RuleOutcome.HoldsDifferently)
        {
            // A deciding comparison that can say so itself; else a control that differs; else two that disagree.
            var index = comparisons.Select((c, i) => (c, i)).Where(p => !p.c.Control && new[] { Band.Large, Band.Small, Band.None }.Any(b => OutcomeOf(p.c, b) == RuleOutcome.HoldsDifferently)).Select(p => (int?)p.i).FirstOrDefault()
                ?? comparisons.Select((c, i) => (c, i)).Where(p => p.c.Control).Select(p => (int?)p.i).FirstOrDefault();
            if (index is { } i)
            {
                bands[i] = To(comparisons[i], RuleOutcome.HoldsDifferently);
            }
            else
            {
                bands[0] = To(comparisons[0], RuleOutcome.DoesNotCarryOver);
            }
        }

        return bands;
    }

    private static RuleOutcome OutcomeOf(DeclaredComparison c, Band band) => band switch
    {
        Band.Large => c.IfLarge,
        Band.Small => c.IfSmall,
        Band.None => c.IfNone,
        _ => RuleOutcome.Inconclusive,
    };

    /// <summary>The two sides of each comparison at its declared setting, with medians whose ratio interval lands in the band.</summary>
    private static BenchmarkRun RunOf(IReadOnlyList<(DeclaredComparison Comparison, Band Band)> plan)
    {
        // Comparisons may share a side (rule 6: wrapped vs native, serial vs wrapped): a side already
        // placed fixes the other one through the ratio.
        var results = new Dictionary<string, BenchmarkResult>(StringComparer.Ordinal);
        var seed = 0;
        foreach (var (c, band) in plan)
        {
            var ratio = band switch
            {
                Band.Large => c.LargeAt * 3,
                Band.Small => Math.Sqrt(c.LargeAt * c.NoneBelow),
                Band.None => 1.0,
                _ => c.LargeAt,
            };
            var fasterKey = SideResult(c, c.Faster, 1, 0).Id.Key;
            var slowerKey = SideResult(c, c.Slower, 1, 0).Id.Key;
            if (results.TryGetValue(fasterKey, out var faster) && results.ContainsKey(slowerKey))
            {
                throw new InvalidOperationException($"Rule {c.Rule}: both sides already placed by another comparison.");
            }

            if (results.TryGetValue(slowerKey, out var slower))
            {
                results[fasterKey] = SideResult(c, c.Faster, slower.Statistics!.Median / ratio, ++seed);
            }
            else
            {
                faster ??= results[fasterKey] = SideResult(c, c.Faster, 10e6, ++seed);
                results[slowerKey] = SideResult(c, c.Slower, faster.Statistics!.Median * ratio, ++seed);
            }
        }

        return RunWith([.. plan.Select(p => p.Comparison)], [.. results.Values]);
    }

    private static BenchmarkResult SideResult(DeclaredComparison c, string side, double medianNs, int seed)
    {
        var (method, arguments) = RulesPage.ParseSide(side);
        var parameters = ReportReader.ParseParameters(c.Setting).Concat(arguments).ToList();
        var dot = c.Class.LastIndexOf('.');
        var id = new BenchmarkId(c.Class[..dot], c.Class[(dot + 1)..], method, parameters);
        return SyntheticRuns.Result(id, medianNs, 0.005, seed);
    }

    private static DeclaredComparison Declared(string type, int rule, string slower, string faster, string setting) =>
        new(type, rule, "a question", slower, faster, setting, 2.0, 1.1, RuleOutcome.Holds, RuleOutcome.HoldsDifferently, RuleOutcome.DoesNotCarryOver, false);

    private static BenchmarkResult Result(string ns, string type, string method, double medianNs, params (string Name, string Value)[] parameters) =>
        SyntheticRuns.Result(new BenchmarkId(ns, type, method, [.. parameters.Select(p => new KeyValuePair<string, string>(p.Name, p.Value))]), medianNs, 0.005, seed: (int)(medianNs % 1000) + method.Length);

    private static BenchmarkResult WithWorkItems(BenchmarkResult result, double items) =>
        new(result.Id, result.Statistics, result.AllocatedBytesPerOperation, items, 0, result.MeasurementsNs) { FullName = result.FullName };

    private static BenchmarkRun RunWith(IReadOnlyList<DeclaredComparison> comparisons, params BenchmarkResult[] results) =>
        SyntheticRuns.Run("run", results) with
        {
            Declarations = new RunDeclarations(
                results.Select((r, i) => new DeclaredBenchmark(r.FullName, [], false, i)),
                SuiteRules,
                comparisons,
                []),
        };
}
