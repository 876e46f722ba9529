using AsyncBench.Publishing.Comparing;
using AsyncBench.Publishing.Reading;

namespace AsyncBench.Publish.Tests;

/// <summary>
/// Where a benchmark's noise comes from, as the gate's report names it: whole runs (the machine that night), the
/// processes (each launch's own state), or the iterations inside a launch. Each outcome from runs built to have it.
/// </summary>
public class SpreadSourceTests
{
    private static readonly IReadOnlyList<BenchmarkId> Ids = [.. Enumerable.Range(0, 20).Select(i => SyntheticRuns.Id("Serial", 1 + i))];

    /// <summary>Every case's run value off by <paramref name="runSpread"/> (shared by its launches), its launches by <paramref name="launchSpread"/>, its iterations by ±<paramref name="iterationNoise"/>.</summary>
    private static BenchmarkRun Night(int night, Random random, double runSpread, double launchSpread, double iterationNoise) =>
        SyntheticRuns.Night(night, Ids.Select(id =>
            SyntheticRuns.Launched(id, 1_000_000 * Math.Exp(runSpread * SyntheticRuns.Normal(random)), random, launchSpread: launchSpread, iterationNoise: iterationNoise)));

    private static IReadOnlyList<string> Sources(double runSpread, double launchSpread, double iterationNoise, int seed)
    {
        var random = new Random(seed);
        var comparison = Gate.Compare(Night(0, random, runSpread, launchSpread, iterationNoise), Night(1, random, runSpread, launchSpread, iterationNoise), new GateOptions());
        return [.. comparison.Judged.Select(c => GateReport.SpreadSource(c.Noise))];
    }

    [Fact]
    public void Spread_Should_BeTheProcesses_WhenLaunchesDifferMoreThanTheirIterationsExplain()
    {
        var sources = Sources(runSpread: 0, launchSpread: 0.10, iterationNoise: 0.005, seed: 91);

        Assert.Equal(Ids.Count, sources.Count);
        Assert.All(sources, s => Assert.StartsWith("the processes (", s, StringComparison.Ordinal));
    }

    [Fact]
    public void Spread_Should_BeTheIterations_WhenTheyExplainTheLaunchesSpread()
    {
        var sources = Sources(runSpread: 0, launchSpread: 0.001, iterationNoise: 0.30, seed: 92);

        Assert.All(sources, s => Assert.StartsWith("the iterations (", s, StringComparison.Ordinal));
    }

    [Fact]
    public void Spread_Should_BeWholeRuns_WhenRunsDifferByMoreThanTheirLaunchesShow()
    {
        var sources = Sources(runSpread: 0.10, launchSpread: 0.01, iterationNoise: 0.005, seed: 93);

        Assert.All(sources, s => Assert.StartsWith("whole runs (", s, StringComparison.Ordinal));
    }

    [Fact]
    public void Spread_Should_BeUnknown_WithoutLaunches()
    {
        Assert.Equal("n/a", GateReport.SpreadSource(null));
    }
}
