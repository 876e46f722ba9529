using AsyncBench.Publishing.Pages;
using AsyncBench.Publishing.Reading;

namespace AsyncBench.Publish.Tests;

/// <summary>
/// A method run over several values of its one argument (a reviewer's run sweeps ParallelForEachAsync over its degree):
/// the workload page lists the values in order with their medians and intervals, and says where a larger value stops
/// paying, as ResultTables found it: a sweep that keeps paying to the Count, one that stops, one without intervals.
/// </summary>
public class SweepTests
{
    private static readonly RunEnvironment Environment = new("Test CPU", 2, 2, "Test OS", ".NET test", "X64", "0.15.8");

    private static BenchmarkId Id(string method, params (string Name, string Value)[] arguments) =>
        new("Demo.Http", "HttpBenchmarks", method, [new("Count", "16"), new("LatencyMs", "20"), .. arguments.Select(a => new KeyValuePair<string, string>(a.Name, a.Value))]);

    /// <summary>WhenAll beside the sweep (no argument: not a point), and the degrees with their medians in ms, five launches each.</summary>
    private static BenchmarkRun Run(IReadOnlyList<(int Degree, double Ms)> degrees, bool oneMeasurement = false)
    {
        var results = degrees
            .Select(d => ClaimRuns.Result(Id("ParallelForEachAsync", ("maxDegreeOfParallelism", d.Degree.ToString(System.Globalization.CultureInfo.InvariantCulture))), d.Ms * 1e6, 0.01, 5))
            .Append(ClaimRuns.Result(Id("WhenAll"), 20e6, 0.01, 5))
            .Select(r => oneMeasurement ? r with { MeasurementsNs = [r.Statistics!.Median] } : r)
            .ToArray();
        return new BenchmarkRun("synthetic", ["synthetic"], Environment, [], new DateTime(2026, 12, 6, 19, 0, 0, DateTimeKind.Unspecified), results);
    }

    private static Sweep SweepOf(BenchmarkRun run) => Assert.Single(Assert.Single(ResultTables.Build(run)).Sweeps);

    private static string Page(BenchmarkRun run) => WorkloadPage.Render("Http", run, TestInputs.Label, ResultTables.Build(run)).Markdown;

    [Fact]
    public void Sweep_Should_PayToTheCount_WhereEachLargerDegreeRanFasterBeyondTheIntervals()
    {
        var run = Run([(1, 320), (2, 160), (4, 80), (8, 40), (16, 20)]);

        var sweep = SweepOf(run);

        Assert.Equal("ParallelForEachAsync", sweep.Method);
        Assert.Equal("maxDegreeOfParallelism", sweep.Argument);
        Assert.Equal([1L, 2, 4, 8, 16], sweep.Points.Select(p => p.Value));
        Assert.Equal(16, sweep.StopsPayingAt);
        Assert.True(sweep.PaysToTheEnd);
        Assert.Contains("A larger `maxDegreeOfParallelism` paid up to the largest value run: at every value from 1 below 16, a larger one ran faster beyond the intervals.", Page(run), StringComparison.Ordinal);
    }

    [Fact]
    public void Sweep_Should_StopPaying_AtTheSmallestDegreeNoLargerOneBeatsBeyondTheIntervals()
    {
        // Past 4 the time is flat within noise (40.1 ms at 8 and 40.2 ms at 16 are not below 40 ms at 4 beyond the intervals).
        var run = Run([(16, 40.2), (1, 160), (2, 80), (4, 40), (8, 40.1)]);

        var sweep = SweepOf(run);
        var page = Page(run);

        Assert.Equal([1L, 2, 4, 8, 16], sweep.Points.Select(p => p.Value)); // in order, whatever the report's order
        Assert.Equal(4, sweep.StopsPayingAt);
        Assert.False(sweep.PaysToTheEnd);
        Assert.Contains("A larger `maxDegreeOfParallelism` stops paying past 4: no larger value, up to 16, ran faster beyond the intervals.", page, StringComparison.Ordinal);
        Assert.Contains("`ParallelForEachAsync` over `maxDegreeOfParallelism` at Count=16, in order:", page, StringComparison.Ordinal);
        Assert.Contains("| 4 | 40.0 ms [", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Sweep_Should_NotBeDecided_WithoutIntervals()
    {
        var run = Run([(1, 320), (2, 160), (4, 80)], oneMeasurement: true);

        var sweep = SweepOf(run);

        Assert.Null(sweep.StopsPayingAt);
        Assert.Contains("Where a larger `maxDegreeOfParallelism` stops paying is not decided", Page(run), StringComparison.Ordinal);
        Assert.Contains("| 1 | 320 ms (no interval) |", Page(run), StringComparison.Ordinal);
    }

    [Fact]
    public void Sweep_Should_NeedThreePositiveValues_OfOneArgument()
    {
        // Two degrees and an unbounded one (-1): no sweep to read.
        var run = Run([(-1, 20), (2, 160), (4, 80)]);

        Assert.Empty(Assert.Single(ResultTables.Build(run)).Sweeps);
    }
}
