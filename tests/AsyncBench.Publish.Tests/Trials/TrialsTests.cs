using AsyncBench.Publishing.Commands;
using AsyncBench.Publishing.Comparing;
using AsyncBench.Publishing.Reading;

namespace AsyncBench.Publish.Tests;

/// <summary>compare --json and the trials tabulation: injected benchmarks found by the sidecar, counted flagged or not, beside the A/A flags.</summary>
public sealed class TrialsTests : IDisposable
{
    private static readonly GateOptions Default = new();

    private static readonly IReadOnlyList<BenchmarkId> Ids =
        [.. Enumerable.Range(0, 20).Select(i => SyntheticRuns.Id(i % 2 == 0 ? "Serial" : "WhenAll", 1 + i))];

    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Trials_Should_CountInjectedBenchmarksFlagged_AndA_AFlags()
    {
        var random = new Random(101);
        var injected = new Dictionary<BenchmarkId, double> { [Ids[2]] = 0.25, [Ids[5]] = 0.25 };
        var baseRun = GateTests.Night(0, random, drift: 0, ownSpread: _ => 0.005, launchSpread: 0.01, ids: Ids);
        var trialRun = GateTests.Night(1, random, drift: 0, ownSpread: _ => 0.005, launchSpread: 0.01, ids: Ids,
            factor: b => b is 2 or 5 ? 1.25 : 1, declarations: SyntheticRuns.Declared(Ids, injected: injected));
        var aaRun = GateTests.Night(2, random, drift: 0, ownSpread: _ => 0.005, launchSpread: 0.01, ids: Ids);

        var trial = Gate.Compare(baseRun, trialRun, Default);
        var aa = Gate.Compare(baseRun, aaRun, Default);
        File.WriteAllText(Path.Combine(temp.Path, "trial.json"), GateJson.Serialize(trial));
        File.WriteAllText(Path.Combine(temp.Path, "aa.json"), GateJson.Serialize(aa));

        var document = GateJson.Read(Path.Combine(temp.Path, "trial.json"));
        Assert.Equal(2, document.Benchmarks.Count(b => b.InjectedSlowdownPercent is 25));
        Assert.All(document.Benchmarks.Where(b => b.InjectedSlowdownPercent is not null), b => Assert.True(b.Flagged));
        Assert.Contains("## Injected slowdowns", GateReport.Markdown(trial), StringComparison.Ordinal);

        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = Cli.Run(["trials", Path.Combine(temp.Path, "trial.json"), Path.Combine(temp.Path, "aa.json")], stdout, stderr);

        Assert.Equal(Cli.Ok, exit);
        var table = stdout.ToString();
        Assert.Contains("| trial | trial | 20 | 2 | 2 | 2 | 0 / 0 | 18 |", table, StringComparison.Ordinal);
        Assert.Contains("| aa | A/A | 20 | 0 | 0 | 0 | 0 / 0 | 20 |", table, StringComparison.Ordinal);
        Assert.Contains("Injected, gateable: flagged 2 of 2 (100%)", table, StringComparison.Ordinal);
    }
}
