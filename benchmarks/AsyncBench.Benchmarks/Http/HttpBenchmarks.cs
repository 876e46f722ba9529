using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Observing;
using AsyncBench.Fixtures.Http;
using BenchmarkDotNet.Attributes;
using AsyncBench.Benchmarks.Declarations;
using AsyncBench.Protocol;

namespace AsyncBench.Benchmarks.Http;

/// <summary>Rule 1 for network requests: a batch of GETs against the mock HTTP server, under every strategy.</summary>
[BenchmarkCategory(Category)]
[ClaimTarget("HTTP GETs", Fixture = "the mock server")]
// Claims are read at Count=100&LatencyMs=20: a fan-out past the pool's starting size, each request waiting like a service call.
// Rule 1: a gain of 10 % or more over a blocking loop is worth making the code async; below it, it is not.
[Claim(1, "async-beats-a-blocking-loop", ClaimMeasure.Ratio, nameof(Serial), nameof(WhenAll), Setting = "Count=100&LatencyMs=20", Deciding = true,
    Question = "Does the async API, all units at once, beat a blocking loop?",
    Thresholds = [1.1], Outcomes = [RuleOutcome.DoesNotCarryOver, RuleOutcome.Holds],
    Mechanism = [MetricIds.UnitsPeakInFlight, MetricIds.CompletedWorkItems, HttpMetricIds.PeakInFlight])]
// Rule 5: gather runs the calls together when at least two units were in progress at once on the client.
[Claim(5, "gather-runs-together", nameof(WhenAll), MetricIds.UnitsPeakInFlight, Setting = "Count=100&LatencyMs=20", Deciding = true,
    Question = "Do the async calls started together (WhenAll) run together?",
    Thresholds = [2.0], Outcomes = [RuleOutcome.DoesNotCarryOver, RuleOutcome.Holds],
    Mechanism = [MetricIds.CompletedWorkItems, MetricIds.UnitsLatencyMedianNs])]
[Claim(5, "gather-beats-one-at-a-time", ClaimMeasure.Ratio, nameof(SerialAwait), nameof(WhenAll), Setting = "Count=100&LatencyMs=20",
    Question = "Does running the async calls together (WhenAll) beat awaiting them one at a time?",
    Thresholds = [1.1], Outcomes = [RuleOutcome.DoesNotCarryOver, RuleOutcome.Holds],
    Mechanism = [MetricIds.UnitsPeakInFlight])]
// Rule 8: async against blocking at the same concurrency, without thread start-up: 10 % or more is a gain worth the async client.
[Claim(8, "async-client-beats-blocking-at-the-same-concurrency", ClaimMeasure.Ratio, nameof(DedicatedThreads), nameof(WhenAll), Setting = "Count=100&LatencyMs=20", Deciding = true,
    Question = "All requests at once: does the async HTTP client beat blocking Send on threads started beforehand?",
    Thresholds = [1.1], Outcomes = [RuleOutcome.DoesNotCarryOver, RuleOutcome.Holds],
    Mechanism = [MetricIds.UnitsPeakInFlight, HttpMetricIds.PeakInFlight, MetricIds.AllocatedBytes])]
// Thread start-up on its own: what a thread per request adds to the same blocking calls. Evidence only, never the source of a "holds".
[Claim(8, "thread-start-up-costs", ClaimMeasure.Ratio, nameof(ThreadPerRequest), nameof(DedicatedThreads), Setting = "Count=100&LatencyMs=20",
    Question = "Does starting a thread per request add 10 % or more to the same blocking calls?",
    Thresholds = [1.1], Outcomes = [RuleOutcome.DoesNotCarryOver, RuleOutcome.Holds],
    Mechanism = [MetricIds.AllocatedBytes])]
public class HttpBenchmarks : StrategyBenchmarks, IDeclaresFloor, IWaitsPerUnit
{
    /// <summary>The category of the HTTP workload, for <c>--anyCategories</c>.</summary>
    public const string Category = "Http";

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

    public WorkloadFloor Floor(double? measuredTargetLatencyMs) => HttpWorkload.Floor(measuredTargetLatencyMs, RunLatency.UnitWaitMs(LatencyMs));

    protected override async Task<IWorkload> StartWorkloadAsync() =>
        await HttpWorkload.StartAsync(new MockHttpServerOptions { LatencyMs = LatencyMs, Latency = RunLatency.For(LatencyMs), Seed = RunLatency.Seed }).ConfigureAwait(false);

    protected override Task AfterWarmUpAsync()
    {
        if (Workload is HttpWorkload { IsExternal: true } http)
        {
            CaseObserver.Report(Protocol.MetricIds.TargetLatencyMs, http.MeasureLatencyMs());
        }

        return Task.CompletedTask;
    }
}
