using AsyncBench.Benchmarks.Http;
using AsyncBench.Benchmarks.Serial;
using AsyncBench.Protocol;
using AsyncBench.Tests.Running;

namespace AsyncBench.Tests.Observing;

/// <summary>
/// ASYNCBENCH_HTTP_URL pointed at a real server: its latency is measured at start-up and reported; the floor is based on
/// what the case itself saw (its median unit latency), LatencyMs, which means nothing for a real server, no longer
/// multiplies the cases, and the sweep profile's cut (decided before anything runs) uses the start-up latency.
/// </summary>
[Collection(BenchmarkProgramCollection.Name)]
[Trait(BenchmarkProgramCollection.StageTrait, BenchmarkProgramCollection.Stage)]
public sealed class RealTargetTests(BenchmarkRuns runs)
{
    private readonly DryRun run = runs.Real.Run;

    [Fact]
    public void RealHttpTarget_Should_BeMeasured_NotMultipliedByLatencyMs_AndCutOnItsLatency()
    {
        Assert.True(run.Outcome.ExitCode == 0, run.Outcome.StandardError);
        var (name, metrics) = Assert.Single(run.CasesOf("HttpBenchmarks"));
        Assert.Equal("HttpBenchmarks.Serial(Count=10&LatencyMs=0)", name);
        var latencyMs = metrics[MetricIds.TargetLatencyMs];
        Assert.True(latencyMs >= RealTargetsRun.DelayMs, $"measured {latencyMs} ms for a server that waits {RealTargetsRun.DelayMs} ms");
        // The case's own unit latency (a histogram bucket's midpoint, within 3.2 % of the true value).
        var unitNs = metrics[MetricIds.UnitsLatencyMedianNs];
        Assert.True(unitNs >= RealTargetsRun.DelayMs * 1e6 * 0.95, $"a unit took {unitNs} ns against a server that waits {RealTargetsRun.DelayMs} ms");
        Assert.Equal(unitNs * 10, metrics[MetricIds.FloorNs], tolerance: 1);
        Assert.False(metrics.ContainsKey(HttpMetricIds.Requests)); // A real server's counts are not ours to read.
    }

    /// <summary>
    /// ASYNCBENCH_SERIAL_PORTS pointed at an echoing port: its round trip is measured at start-up, and the floor is based
    /// on what the case itself saw (one unit at a time on one device: no unit queued at the client).
    /// </summary>
    [Serial.SerialFact]
    public void RealSerialPort_Should_BeMeasured_AndTheFloorBasedOnItsRoundTrip()
    {
        Assert.True(run.Outcome.ExitCode == 0, run.Outcome.StandardError);
        var (name, metrics) = Assert.Single(run.CasesOf("SerialPortBenchmarks"));
        Assert.StartsWith("SerialPortBenchmarks.Serial(", name, StringComparison.Ordinal);
        var roundTripMs = metrics[MetricIds.TargetLatencyMs];
        Assert.True(roundTripMs >= 5 + 27, $"measured {roundTripMs} ms for a device that answers after 5 ms + 27 ms of line time");
        var unitNs = metrics[MetricIds.UnitsLatencyMedianNs];
        Assert.True(unitNs >= (5 + 27) * 1e6 * 0.95, $"a conversation took {unitNs} ns on a line that needs 5 ms + 27 ms");
        Assert.Equal(unitNs * 16, metrics[MetricIds.FloorNs], tolerance: 1);
        Assert.False(metrics.ContainsKey(SerialMetricIds.Conversations)); // A real port keeps no counts of ours.
    }
}
