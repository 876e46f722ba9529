using System.Text.Json;
using AsyncBench.Benchmarks.Declarations;
using AsyncBench.Benchmarks.Http;
using AsyncBench.Benchmarks.Serial;
using AsyncBench.Protocol;
using AsyncBench.Publish.Tests;
using AsyncBench.Publishing.Pages;
using AsyncBench.Publishing.Reading;

namespace AsyncBench.Tests.Publishing;

/// <summary>
/// The workload pages' cells with the metrics as the suite declares them today (its DeclarationsExporter, as its sidecar
/// carries them): each line says what the server, the pool, the client or the devices observed.
/// </summary>
public class SuiteMetricsOnPagesTests
{
    /// <summary>The metrics as the suite declares them today, as its sidecar carries them.</summary>
    private static RunDeclarations Suite => new([], [], [], DeclarationsExporter.Metrics(), []);

    [Fact]
    public void Cells_Should_ShowWhatTheServerAndThePoolObserved_AndWhatBoundTheCell_AsTheSuiteDeclaresIt()
    {
        var result = SyntheticRuns.Result(SyntheticRuns.Id("WhenAll", 100), 30e6, 0.01, seed: 3) with
        {
            Metrics = new Dictionary<string, double>
            {
                [MetricIds.ThreadsBefore] = 3,
                [MetricIds.ThreadsAfter] = 5,
                [HttpMetricIds.Requests] = 100,
                [HttpMetricIds.PeakInFlight] = 100,
                [HttpMetricIds.Refused] = 0,
                [HttpMetricIds.RefusedShare] = 0,
                [HttpMetricIds.ServerWaitMs] = 20.5,
                [HttpMetricIds.ServerCpuMs] = 16,
                [HttpMetricIds.Bound] = MetricIds.BoundByServerCpu,
            },
        };

        var lines = WorkloadPage.Observed(result, Suite).ToList();

        // A 0 % share is left out: "0 refused" says it.
        Assert.Equal(["pool: 3 threads at start · 5 at end", "server: 100 req · peak 100 · 0 refused · wait 20.5 ms · cpu 16.0 ms · bound: server CPU"], lines);
        Assert.Empty(WorkloadPage.Observed(result));
        Assert.Empty(WorkloadPage.Observed(SyntheticRuns.Result(SyntheticRuns.Id("WhenAll", 1), 1e6, 0.01, seed: 4), Suite));
    }

    [Fact]
    public void Cells_Should_ShowRefusalsAsAShareOfAttempts_AndWhatTheClientSaw_ButNoUndescribedMetric()
    {
        // UnboundedWhenAll at Count=100: 448 attempts reached the server, 348 of them refused.
        var result = SyntheticRuns.Result(SyntheticRuns.Id("UnboundedWhenAll", 100), 90e6, 0.01, seed: 5) with
        {
            Metrics = new Dictionary<string, double>
            {
                [HttpMetricIds.Requests] = 448,
                [HttpMetricIds.PeakInFlight] = 10,
                [HttpMetricIds.Refused] = 348,
                [HttpMetricIds.RefusedShare] = 77.7,
                [MetricIds.UnitsPeakInFlight] = 100,
                [MetricIds.UnitsLatencyMedianNs] = 20.3e6,
                [MetricIds.FloorNs] = 20e6, // stated on the floor line, not again
                ["Some.Undescribed.Metric"] = 1,
            },
        };

        var lines = WorkloadPage.Observed(result, Suite).ToList();

        Assert.Equal(["client: peak 100 at once · unit 20.3 ms", "server: 448 req · peak 10 · 348 refused · 77.7 % of attempts refused"], lines);
    }

    [Fact]
    public void SerialCells_Should_ShowWhatTheDevicesObserved_AsTheSuiteDeclaresIt()
    {
        var result = SyntheticRuns.Result(SyntheticRuns.Id("WhenAll", 16), 30e6, 0.01, seed: 6) with
        {
            Metrics = new Dictionary<string, double>
            {
                [SerialMetricIds.Conversations] = 16,
                [SerialMetricIds.PeakConcurrent] = 4,
                [SerialMetricIds.ProtocolErrors] = 0,
                [SerialMetricIds.HostCpuMs] = 3.5,
            },
        };

        Assert.Equal(["devices: 16 conv · peak 4 · 0 errors · cpu 3.50 ms"], WorkloadPage.Observed(result, Suite));
    }

    [Fact]
    public void WorkloadPage_Should_ShowAMetricNoWorkloadOfTodayDeclares_WithItsValueAndLegend()
    {
        var declarations = new RunDeclarations([], [], [], [.. DeclarationsExporter.Metrics(), .. RedisCases.Metrics], []);
        var run = SyntheticRuns.Run("run", RedisCases.Result("Serial", 100, 7), RedisCases.Result("WhenAll", 1200, 8)) with { Declarations = declarations };

        var (page, _) = WorkloadPage.Render("Redis", run, TestInputs.Label, ResultTables.Build(run));

        Assert.Contains("pool: 4 threads at start · 4 at end<br>server: 1200 commands · peak 37 |", page, StringComparison.Ordinal);
        Assert.Contains("server: 100 commands · peak 37", page, StringComparison.Ordinal);
        Assert.Contains("| server | … commands | `AsyncBench.Redis.Commands` | Count | Commands the Garnet server executed, per invocation (median over iterations) |", page, StringComparison.Ordinal);
        Assert.Contains("| server | peak … | `AsyncBench.Redis.PeakInFlight` | Count | The most commands the Garnet server handled at once (max over iterations) |", page, StringComparison.Ordinal);
        Assert.Contains("| pool | … threads at start | `AsyncBench.ThreadsBefore` |", page, StringComparison.Ordinal);
        // Only what the page's cases carry is described: no HTTP or serial metric.
        Assert.DoesNotContain("AsyncBench.Http.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("AsyncBench.Serial.", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Sidecar_Should_CarryEachMetricsSourceCellAndValueNames_ToThePage()
    {
        using var temp = new TempFolder();
        var sidecar = new ReportDeclarations(ReportDeclarations.CurrentFormat, [], [], [], [], [.. DeclarationsExporter.Metrics(), .. RedisCases.Metrics]);
        File.WriteAllText(Path.Combine(temp.Path, "Redis" + ReportDeclarations.FileSuffix), JsonSerializer.Serialize(sidecar, DeclarationsExporter.Json));

        var read = RunDeclarations.Read(temp.Path);

        Assert.Equal(("server", "{value} commands"), (read.Metric("AsyncBench.Redis.Commands")!.Source, read.Metric("AsyncBench.Redis.Commands")!.Cell));
        Assert.Equal("client", read.Metric(HttpMetricIds.Bound)!.ValueNames!["3"]);
        Assert.Equal(DeclarationsExporter.Metrics().Select(m => m.Id).Concat(RedisCases.Metrics.Select(m => m.Id)), read.Metrics.Select(m => m.Id));
    }
}
