using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Observing;
using AsyncBench.Fixtures.Http;
using BenchmarkDotNet.Attributes;
using AsyncBench.Benchmarks.Declarations;
using AsyncBench.Protocol;

namespace AsyncBench.Benchmarks.Http;

/// <summary>Rule 1 for network requests: a batch of GETs against the mock HTTP server, under every strategy.</summary>
[BenchmarkCategory(Category)]
[ClaimTarget("HTTP GETs", Fixture = "the mock server", Name = "HTTP", Family = "HTTP")]
// Claims are read at Count=100&LatencyMs=20: a fan-out past the pool's starting size, each request waiting like a service call.
// Rules 1 and 5 as every I/O target states them; the server's own count of requests at once explains them.
[ClaimsFrom(typeof(IoTargetClaims), Setting = "Count=100&LatencyMs=20", Mechanism = [HttpMetricIds.PeakInFlight])]
// Rule 8: the async client against blocking Send with as many requests at once (a thread each, started beforehand, so no
// thread start-up): 10 % or more is a gain worth the async client. Not the same threads: the question says so.
[Claim(8, "async-client-beats-blocking-at-the-same-concurrency", ClaimMeasure.Ratio, nameof(DedicatedThreads), nameof(WhenAll), Setting = "Count=100&LatencyMs=20", Deciding = true,
    Question = IoTargetClaims.BeatsBlockingThreads,
    Thresholds = [1.1], Answers = [Answer.No, Answer.Yes],
    PremiseSide = nameof(WhenAll), PremiseMetric = MetricIds.UnitsPeakInFlight, PremiseAtLeast = 2, WithoutPremise = Answer.No,
    Mechanism = [MetricIds.UnitsPeakInFlight, MetricIds.ThreadsAfter, HttpMetricIds.PeakInFlight])]
// Thread start-up on its own: what a thread per request adds to the same blocking calls. Evidence only, never the source of a "holds".
[Claim(8, "thread-start-up-costs", ClaimMeasure.Ratio, nameof(ThreadPerRequest), nameof(DedicatedThreads), Setting = "Count=100&LatencyMs=20",
    Question = "Does starting a thread per request add 10 % or more to the same blocking calls?",
    Thresholds = [1.1], Answers = [Answer.No, Answer.Yes],
    Mechanism = [MetricIds.AllocatedBytes])]
// Rule 5 under a tail: the calls started together take within 10 % of their floor, the slowest delay the server applied
// among them. Only a run with --latency has that floor (the applied one); a declared run reads "not measured".
[Claim(5, "fan-out-waits-for-its-slowest-unit", ClaimMeasure.OverFloor, nameof(WhenAll), Setting = "Count=100&LatencyMs=20",
    Question = IoTargetClaims.FanOutWaitsForItsSlowest,
    Thresholds = [1.1], Answers = [Answer.Yes, Answer.No],
    Mechanism = [MetricIds.FloorNs, HttpMetricIds.AppliedDelayP99Ms, HttpMetricIds.AppliedDelayMedianMs, MetricIds.UnitsLatencyP99Ns])]
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

    // Under --server-limit N the mock serves N at once at most: the floor's lanes are min(concurrency, N).
    public WorkloadFloor Floor(double? measuredTargetLatencyMs) =>
        HttpWorkload.Floor(measuredTargetLatencyMs, RunLatency.UnitWaitMs(LatencyMs)) with { TargetBound = HttpWorkload.ServerLimit is > 0 and var limit ? limit : null };

    protected override async Task<IWorkload> StartWorkloadAsync() =>
        await HttpWorkload.StartAsync(new MockHttpServerOptions { LatencyMs = LatencyMs, Latency = RunLatency.For(LatencyMs), Seed = RunLatency.Seed, MaxInFlight = HttpWorkload.ServerLimit }).ConfigureAwait(false);

    protected override Task AfterWarmUpAsync()
    {
        if (Workload is HttpWorkload { IsExternal: true } http)
        {
            CaseObserver.Report(Protocol.MetricIds.TargetLatencyMs, http.MeasureLatencyMs());
        }

        return Task.CompletedTask;
    }
}
