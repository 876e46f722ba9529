using AsyncBench.Benchmarks.Observing;
using AsyncBench.Fixtures.Redis;

namespace AsyncBench.Benchmarks.Redis;

/// <summary>What the delaying proxy in front of the Garnet server counted over one measured iteration, by its own count; and those metrics, declared.</summary>
public sealed class RedisProxyObservation(DelayedRedisServer server) : IObservedFixture, IReportsAppliedDelays, IDeclaresMetrics
{
    /// <summary>
    /// The chunks the proxy held over the iteration last taken, under a run distribution: each carries the commands that
    /// ended in it, so a floor follows the chunks (a pipelined burst is held once), not the commands.
    /// </summary>
    public AppliedPieces? LastDelays { get; private set; }

    private const string Server = "server";

    // The case's measured delays so far: its applied-delay metrics are theirs, pooled across iterations.
    private readonly AppliedDelayPool delayPool = new();

    public static IReadOnlyList<ObservedMetric> Metrics { get; } =
    [
        new(RedisMetricIds.Commands, "Commands", $"RESP commands that reached the Garnet server through the delaying proxy, {ObservedMetric.PerIteration} (median over iterations)", Aggregation.Median,
            "the server received {value} {command|commands} per batch of {side}")
        { Source = Server, Cell = "{value} cmd" },
        new(RedisMetricIds.PeakInFlight, "PeakInFlight", "The most commands in flight at once at the proxy in front of Garnet: read from the client, reply not yet released to it, both delays included (max over iterations)", Aggregation.Max,
            "the server had at most {value} {command|commands} of {side} in flight at once")
        { Source = Server, Cell = "peak {value}" },
        new(RedisMetricIds.PeakConnections, "Connections", "The most client connections open through the proxy at once (max over iterations): one multiplexed connection carries every strategy's commands", Aggregation.Max,
            "{side} used at most {value} {connection|connections}")
        { Source = Server, Cell = "{value} conn" },
        new(RedisMetricIds.ProxyWaitMs, "ProxyWait [ms]", "The round trip the delaying proxy really added: the mean hold of a delayed chunk from the client plus that of one from the server, arrival to release, the timer's overshoot included; the floor assumes LatencyMs (median over iterations)", Aggregation.Median,
            "the proxy held each round trip of {side} {value}", unit: "ms")
        { Source = Server, Cell = "wait {value}" },
        .. AppliedDelayMetrics.Declare(RedisMetricIds.AppliedChunkDelayMedianMs, RedisMetricIds.AppliedChunkDelayP99Ms, "AppliedChunkDelay",
            "the holds the delaying proxy really applied under the run's distribution, one per chunk of commands read at once from a connection (a pipelined burst is one chunk), arrival to release",
            "the proxy's holds of chunks", "chunk delay", Server),
        new(RedisMetricIds.HostCpuMs, "HostCpu [ms]", $"CPU time of the Redis fixture host's process (Garnet and the delaying proxy), {ObservedMetric.PerIteration} (median over iterations)", Aggregation.Median,
            "the server's process spent {value} of CPU per batch of {side}", unit: "ms")
        { Source = Server, Cell = "cpu {value}" },
    ];

    // Blocking calls: the async forms' continuations would run on pool threads and could change the pool an iteration is observed from.
    public void Reset() => server.ResetStats();

    public IReadOnlyDictionary<string, double> Take(long invocations)
    {
        var stats = server.GetStats();
        var values = new Dictionary<string, double>
        {
            [RedisMetricIds.Commands] = (double)stats.Commands / invocations,
            [RedisMetricIds.PeakInFlight] = stats.PeakInFlight,
            [RedisMetricIds.PeakConnections] = stats.PeakConnections,
            [RedisMetricIds.HostCpuMs] = stats.CpuMs / invocations,
        };
        if (server.Options.RoundTripLatencyMs > 0 || server.Options.Latency is { IsZero: false })
        {
            values[RedisMetricIds.ProxyWaitMs] = stats.UpstreamHoldMs + stats.DownstreamHoldMs;
        }

        // Under a distribution each chunk from a client is held whole, a round trip's draw; the replies pass at once.
        if (server.Options.Latency is not null)
        {
            delayPool.Take(values, stats.UpstreamHolds, RedisMetricIds.AppliedChunkDelayMedianMs, RedisMetricIds.AppliedChunkDelayP99Ms);
        }

        LastDelays = server.Options.Latency is null ? null : AppliedDelayMetrics.Pieces(stats.UpstreamHolds, chunk => chunk.Frames);

        return values;
    }
}
