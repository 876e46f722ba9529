using AsyncBench.Protocol;
using AsyncBench.Publishing;

namespace AsyncBench.Publish.Tests;

/// <summary>The pages take floors and observations from the metrics in the JSON, never from parameter names.</summary>
public class ObservedMetricsTests
{
    [Fact]
    public void Tables_Should_TakeTheFloorFromTheFloorMetric_NotFromLatencyMs()
    {
        var withFloor = SyntheticRuns.Result(SyntheticRuns.Id("WhenAll", 16), 600e6, 0.01, seed: 1) with
        {
            Metrics = new Dictionary<string, double> { [MetricIds.FloorNs] = 513e6, [MetricIds.Concurrency] = 16 },
        };
        var withoutFloor = SyntheticRuns.Result(SyntheticRuns.Id("Serial", 16), 600e6, 0.01, seed: 2);

        var table = Assert.Single(ResultTables.Build(SyntheticRuns.Run("run", withFloor, withoutFloor)));

        Assert.Equal(513e6, table.Cell("WhenAll", "16")!.IdealFloorNs);
        Assert.Null(table.Cell("Serial", "16")!.IdealFloorNs);
    }

    [Fact]
    public void Cells_Should_ShowWhatTheServerAndThePoolObserved_AndWhatBoundTheCell()
    {
        var result = SyntheticRuns.Result(SyntheticRuns.Id("WhenAll", 100), 30e6, 0.01, seed: 3) with
        {
            Metrics = new Dictionary<string, double>
            {
                [MetricIds.ThreadsBefore] = 3,
                [MetricIds.ThreadsAfter] = 5,
                [MetricIds.HttpRequests] = 100,
                [MetricIds.HttpPeakInFlight] = 100,
                [MetricIds.HttpRefused] = 0,
                [MetricIds.HttpServerWaitMs] = 20.5,
                [MetricIds.HttpServerCpuMs] = 16,
                [MetricIds.HttpBound] = MetricIds.BoundByServerCpu,
            },
        };

        var lines = WorkloadPage.Observed(result).ToList();

        Assert.Equal(["pool 3→5 threads", "server: 100 req · peak 100 · 0 refused · wait 20.5 ms · cpu 16.0 ms · bound: server CPU"], lines);
        Assert.Empty(WorkloadPage.Observed(SyntheticRuns.Result(SyntheticRuns.Id("WhenAll", 1), 1e6, 0.01, seed: 4)));
    }

    [Fact]
    public void Cells_Should_ShowRefusalsAsAShareOfAttempts_AndEveryOtherMetricTheRunDescribes()
    {
        // UnboundedWhenAll at Count=100: 448 attempts reached the server, 348 of them refused.
        var result = SyntheticRuns.Result(SyntheticRuns.Id("UnboundedWhenAll", 100), 90e6, 0.01, seed: 5) with
        {
            Metrics = new Dictionary<string, double>
            {
                [MetricIds.HttpRequests] = 448,
                [MetricIds.HttpPeakInFlight] = 10,
                [MetricIds.HttpRefused] = 348,
                [MetricIds.HttpRefusedShare] = 77.7,
                [MetricIds.UnitsPeakInFlight] = 100,
                [MetricIds.UnitsLatencyMedianNs] = 20.3e6,
                ["Some.Undescribed.Metric"] = 1,
            },
        };
        var declarations = new RunDeclarations([], [], [],
            [new DeclaredMetric(MetricIds.UnitsPeakInFlight, "UnitsInFlight", "Count", "legend", "Max", null), new DeclaredMetric(MetricIds.UnitsLatencyMedianNs, "UnitLatency", "ns", "legend", "Median", null)],
            []);

        var lines = WorkloadPage.Observed(result, declarations).ToList();

        Assert.Equal(["server: 448 req · peak 10 · 348 refused (77.7 % of attempts)", "UnitLatency 20.3 ms · UnitsInFlight 100"], lines);
    }
}
