using AsyncBench.Publishing;
using AsyncBench.Publishing.Commands;
using AsyncBench.Publishing.Planning;
using AsyncBench.Publishing.Reading;

namespace AsyncBench.Publish.Tests;

/// <summary>
/// A night's launches sized from pilot runs: more where a class's launches differ, the fewest where they agree, within the
/// minutes given, by the gate's own rule; cases no launch count makes gateable are named, not hidden.
/// </summary>
public class LaunchPlanTests
{
    /// <summary>One second of measured iterations per launch of a case.</summary>
    private const double SecondNs = 1e9;

    private static BenchmarkId Id(string type, int count) =>
        new("AsyncBench.Benchmarks.Files", type, "Serial", [new("Count", count.ToString(System.Globalization.CultureInfo.InvariantCulture))]);

    /// <summary>Two pilot nights of five launches: ten quiet cases (0.5 %), ten noisy ones (<paramref name="noisySpread"/>).</summary>
    private static IReadOnlyList<BenchmarkRun> Pilots(double noisySpread, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, 2).Select(night => SyntheticRuns.Night(night, Enumerable.Range(1, 10).SelectMany(i => new[]
        {
            SyntheticRuns.Launched(Id("QuietBenchmarks", i), 1_000_000, random, launchSpread: 0.005, iterationNoise: 0.001) with { MeasuredNs = 5 * SecondNs },
            SyntheticRuns.Launched(Id("NoisyBenchmarks", i), 1_000_000, random, launchSpread: noisySpread, iterationNoise: 0.001) with { MeasuredNs = 5 * SecondNs },
        })))];
    }

    private static ClassPlan Class(LaunchPlan plan, string type) => plan.Classes.Single(c => c.Class.EndsWith("." + type, StringComparison.Ordinal));

    [Fact]
    public void Plan_Should_GiveLaunchesWhereTheSpreadIs()
    {
        var plan = LaunchPlanner.Plan(Pilots(noisySpread: 0.07, seed: 31), thresholdPercent: 15, budgetMinutes: 10, launchOverheadSeconds: 0);

        var quiet = Class(plan, "QuietBenchmarks");
        var noisy = Class(plan, "NoisyBenchmarks");
        Assert.Equal(10, quiet.Gateable);
        Assert.Equal(LaunchPlanner.MinLaunches, quiet.Launches);
        Assert.Equal(5, noisy.PilotLaunches);
        Assert.True(noisy.Launches > noisy.PilotLaunches, $"noisy: {noisy.Launches} launches");
        Assert.True(noisy.Gateable > noisy.GateableAtPilot, $"noisy: {noisy.GateableAtPilot} -> {noisy.Gateable}");
        Assert.Equal(10, quiet.SecondsPerLaunch, 6); // ten cases, one second of iterations each
        Assert.True(plan.Minutes <= plan.BudgetMinutes);
    }

    [Fact]
    public void Plan_Should_StayWithinTheMinutesGiven()
    {
        var plan = LaunchPlanner.Plan(Pilots(noisySpread: 0.07, seed: 31), thresholdPercent: 15, budgetMinutes: 1, launchOverheadSeconds: 0);
        var roomy = LaunchPlanner.Plan(Pilots(noisySpread: 0.07, seed: 31), thresholdPercent: 15, budgetMinutes: 10, launchOverheadSeconds: 0);

        Assert.True(plan.Minutes <= 1, $"{plan.Minutes} min");
        Assert.True(Class(plan, "NoisyBenchmarks").Launches < Class(roomy, "NoisyBenchmarks").Launches);
        Assert.True(plan.Gateable < roomy.Gateable);
    }

    [Fact]
    public void Plan_Should_CountTheLaunchOverhead()
    {
        var plan = LaunchPlanner.Plan(Pilots(noisySpread: 0.07, seed: 31), thresholdPercent: 15, budgetMinutes: 10, launchOverheadSeconds: 2);

        Assert.Equal(10 * (1 + 2), Class(plan, "QuietBenchmarks").SecondsPerLaunch, 6);
    }

    [Fact]
    public void Plan_Should_NameCasesNoLaunchCountMakesGateable()
    {
        var plan = LaunchPlanner.Plan(Pilots(noisySpread: 0.60, seed: 32), thresholdPercent: 15, budgetMinutes: 60, launchOverheadSeconds: 0);

        var noisy = Class(plan, "NoisyBenchmarks");
        Assert.All(noisy.Cases, c => Assert.Null(c.LaunchesNeeded));
        Assert.Equal(0, noisy.Gateable);
        Assert.Equal(LaunchPlanner.MinLaunches, noisy.Launches); // launches that gain nothing are not spent
        Assert.Contains("| **2** | 0 | 10 |", LaunchPlanReport.Markdown(plan), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.05, 5, 1e6, true)]
    [InlineData(0.06, 5, 1e6, false)]
    [InlineData(0.06, 10, 1e6, true)]
    [InlineData(0.01, 2, 1e6, true)]
    [InlineData(0.01, 1, 1e6, false)] // one launch shows no spread between processes
    [InlineData(0.01, 5, 1.0, false)] // 15 % of 1 ns is under the gate's absolute floor
    public void Gateable_Should_FollowTheGatesRule(double sigma, int launches, double referenceNs, bool expected) =>
        Assert.Equal(expected, LaunchPlanner.Gateable(sigma, referenceNs, launches, thresholdPercent: 15));

    [Fact]
    public void Plan_Should_Refuse_PilotsWithOneLaunchACase()
    {
        var random = new Random(33);
        var pilot = SyntheticRuns.Night(0, Enumerable.Range(1, 3).Select(i => SyntheticRuns.Launched(Id("QuietBenchmarks", i), 1_000_000, random, launches: 1)));

        var error = Assert.Throws<PublishException>(() => LaunchPlanner.Plan([pilot], 15, 50, 0.9));

        Assert.Contains("two launches a case", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cli_Should_PlanFromARealNightlyReport()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = Cli.Run(["plan-launches", Path.Combine(AppContext.BaseDirectory, "Inputs", "real"), "--minutes", "5"], stdout, stderr);

        Assert.Equal(Cli.Ok, exit);
        Assert.Empty(stderr.ToString());
        Assert.Contains("# Launch plan", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("`AsyncBench.Benchmarks.Rules.LazyReaderBenchmarks`", stdout.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--minutes", "0", "--minutes takes a number above 0")]
    [InlineData("--minutes", "soon", "--minutes takes a number above 0")]
    [InlineData("--launch-overhead", "-1", "--launch-overhead takes a number from 0")]
    [InlineData("--threshold", "0", "--threshold takes a percentage above 0")] // compare's own option and parser
    public void Cli_Should_RefuseABadOption_InOneLine(string option, string value, string expected)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = Cli.Run(["plan-launches", Path.Combine(AppContext.BaseDirectory, "Inputs", "real"), option, value], stdout, stderr);

        Assert.Equal(Cli.BadInput, exit);
        Assert.StartsWith("error: ", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains(expected, stderr.ToString(), StringComparison.Ordinal);
        Assert.Single(stderr.ToString().TrimEnd().Split('\n'));
    }

    [Fact]
    public void Cli_Should_RefuseAQuickRun_InOneLine()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = Cli.Run(["plan-launches", TestInputs.Small], stdout, stderr);

        Assert.Equal(Cli.BadInput, exit);
        Assert.StartsWith("error: The pilot runs have no case with launches", stderr.ToString(), StringComparison.Ordinal);
    }
}
