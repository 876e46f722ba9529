using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Observing;
using AsyncBench.Fixtures.Http;
using BenchmarkDotNet.Attributes;
using AsyncBench.Benchmarks.Declarations;

namespace AsyncBench.Benchmarks.Http;

/// <summary>Rule 1 for network requests: a batch of GETs against the mock HTTP server, under every strategy.</summary>
[BenchmarkCategory(Categories.Http)]
// Rule comparisons are read at Count=100&LatencyMs=20: a fan-out past the pool's starting size, each request waiting like a service call.
[RuleComparison(1, nameof(Serial), nameof(WhenAll), "Count=100&LatencyMs=20", Question = "Does the async API, all units at once, beat a blocking loop?")]
[RuleComparison(5, nameof(SerialAwait), nameof(WhenAll), "Count=100&LatencyMs=20", Question = "Does running the async calls together (WhenAll) beat awaiting them one at a time?")]
[RuleComparison(8, nameof(ThreadPerRequest), nameof(WhenAll), "Count=100&LatencyMs=20", Question = "All requests at once: does the async HTTP client beat blocking Send on a thread each?")]
public class HttpBenchmarks : StrategyBenchmarks, IDeclaresFloor
{
    [Params(
        1,     // One request: the cost of each strategy's machinery with nothing to overlap.
        10,    // A small fan-out, below typical pool and connection limits.
        100,   // Past the thread pool's starting size on small machines: injection starts to matter.
        1000)] // A large burst: 1000 threads for ThreadPerRequest, 1000 connections for WhenAll.
    public override int Count { get; set; }

    [FixtureOnly] // A real server (ASYNCBENCH_HTTP_URL) has its own latency, measured instead.
    [Params(
        0,   // The floor: loopback, Kestrel and WireMock.Net cost alone, no waiting to overlap.
        20)] // A typical service call's wait, which concurrent strategies can overlap.
    public int LatencyMs { get; set; }

    public string? RealTargetVariable => HttpWorkload.RealTargetVariable;

    /// <summary>Each request waits LatencyMs at the mock server, or the real server's measured latency.</summary>
    public WorkloadFloor Floor(double? measuredTargetLatencyMs) => new(measuredTargetLatencyMs ?? LatencyMs);

    protected override async Task<IWorkload> StartWorkloadAsync() =>
        await HttpWorkload.StartAsync(new MockHttpServerOptions { LatencyMs = LatencyMs }).ConfigureAwait(false);

    protected override Task AfterWarmUpAsync()
    {
        if (Workload is HttpWorkload { IsExternal: true } http)
        {
            CaseObserver.Report(Protocol.MetricIds.TargetLatencyMs, http.MeasureLatencyMs());
        }

        return Task.CompletedTask;
    }
}
