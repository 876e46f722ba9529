using AsyncBench.Benchmarks.Declarations;
using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Observing;
using AsyncBench.Fixtures.Redis;
using AsyncBench.Protocol;
using BenchmarkDotNet.Attributes;

namespace AsyncBench.Benchmarks.Redis;

/// <summary>
/// Rule 1 for a key-value store over the network: a batch of GETs against Microsoft Garnet behind a delaying
/// proxy, under every strategy, all over one multiplexed StackExchange.Redis connection. Unlike the SQLite client,
/// whose async methods complete synchronously, this client's commands really overlap: the blocking and the async
/// forms alike are pipelined on the one connection.
/// </summary>
[BenchmarkCategory(Category)]
[ClaimTarget("Redis GETs", Fixture = "Garnet behind a delaying proxy", Name = "Redis")]
// Claims are read at Count=100&LatencyMs=5: a fan-out past the pool's starting size, each GET waiting a network round trip.
// Rules 1 and 5 as every I/O target states them; the server's own count of commands in flight at once explains them.
[ClaimsFrom(typeof(IoTargetClaims), Setting = "Count=100&LatencyMs=5", Mechanism = [RedisMetricIds.PeakInFlight])]
// Rule 8 names an HTTP client; the same question of a Redis client is evidence beside it, not its verdict. Here the blocking
// calls are pipelined on the one connection too.
[Claim(8, "async-client-beats-blocking-at-the-same-concurrency", ClaimMeasure.Ratio, nameof(DedicatedThreads), nameof(WhenAll), Setting = "Count=100&LatencyMs=5",
    Question = IoTargetClaims.BeatsBlockingThreads,
    Thresholds = [1.1], Answers = [Answer.No, Answer.Yes],
    PremiseSide = nameof(WhenAll), PremiseMetric = MetricIds.UnitsPeakInFlight, PremiseAtLeast = 2, WithoutPremise = Answer.No,
    Mechanism = [MetricIds.UnitsPeakInFlight, MetricIds.ThreadsAfter, RedisMetricIds.PeakInFlight])]
// Rule 10's premise, the other way round: SQLite's async calls run one at a time; does this client's? Evidence only.
[Claim(10, "async-calls-run-together", nameof(WhenAll), MetricIds.UnitsPeakInFlight, Setting = "Count=100&LatencyMs=5",
    Question = IoTargetClaims.RunTogether,
    Thresholds = [2.0], Answers = [Answer.No, Answer.Yes],
    Mechanism = [RedisMetricIds.PeakInFlight, MetricIds.CompletedWorkItems])]
// Rule 5 under a tail: the calls started together take within 10 % of their floor, the slowest chunk the proxy held
// among them (it delays what it reads at once from the connection). Only a run with --latency has that floor.
[Claim(5, "fan-out-waits-for-its-slowest-unit", ClaimMeasure.OverFloor, nameof(WhenAll), Setting = "Count=100&LatencyMs=5",
    Question = IoTargetClaims.FanOutWaitsForItsSlowest,
    Thresholds = [1.1], Answers = [Answer.Yes, Answer.No],
    Mechanism = [MetricIds.FloorNs, RedisMetricIds.AppliedChunkDelayP99Ms, RedisMetricIds.AppliedChunkDelayMedianMs, MetricIds.UnitsLatencyP99Ns])]
// Measured, night of 2026-12-01 (287 cases, five passes, 2-core VM): launches differ by 5.5 % (median case) to 14.1 % (80th percentile): 8 launches a side reach the cases near the median.
[NightlyLaunches(8)]
public class RedisGetBenchmarks : StrategyBenchmarks, IDeclaresFloor, IWaitsPerUnit
{
    /// <summary>The category of the Redis-protocol workload, for <c>--anyCategories</c>.</summary>
    public const string Category = "Redis";

    [Params(
        1,     // One GET: the cost of each strategy's machinery with nothing to overlap.
        100)]  // A fan-out past the thread pool's starting size, pipelined on the one connection.
    public override int Count { get; set; }

    [FixtureOnly] // A real Redis (ASYNCBENCH_REDIS) has its own latency, measured instead.
    [Params(
        0,  // Loopback: the client's, the proxy's and Garnet's cost alone, no waiting to overlap.
        5)] // A cache a few network hops away (another zone): a wait the concurrent strategies can overlap.
    public int LatencyMs { get; set; }

    public string? RealTargetVariable => RedisGetWorkload.RealTargetVariable;

    /// <summary>
    /// Each GET waits LatencyMs (the proxy's round trip), or the real server's measured latency. No target bound:
    /// one multiplexed connection pipelines every command in flight, and the proxy delays each chunk from its own
    /// arrival, so N commands in flight wait one latency, not N; the connection limits throughput, not overlap.
    /// </summary>
    public WorkloadFloor Floor(double? measuredTargetLatencyMs) => new(measuredTargetLatencyMs ?? RunLatency.UnitWaitMs(LatencyMs));

    protected override async Task<IWorkload> StartWorkloadAsync() =>
        await RedisGetWorkload.StartAsync(
            RunLatency.For(LatencyMs) is { } latency
                ? new DelayedRedisServerOptions { Latency = latency, Seed = RunLatency.Seed }
                : DelayedRedisServerOptions.WithRoundTripLatency(LatencyMs),
            Count).ConfigureAwait(false);

    protected override Task AfterWarmUpAsync()
    {
        if (Workload is RedisGetWorkload { IsExternal: true } redis)
        {
            CaseObserver.Report(MetricIds.TargetLatencyMs, redis.MeasureLatencyMs());
        }

        return Task.CompletedTask;
    }
}
