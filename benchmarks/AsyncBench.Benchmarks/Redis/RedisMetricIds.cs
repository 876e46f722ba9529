namespace AsyncBench.Benchmarks.Redis;

/// <summary>
/// The ids of the metrics the Redis-protocol workload adds (declared with their legends in
/// <see cref="RedisProxyObservation.Metrics"/>): what the delaying proxy in front of Garnet counted. An id never
/// changes once published. "Proxy" in an id says where it is counted: at the proxy, not by Garnet's own statistics.
/// Absent against a real Redis (ASYNCBENCH_REDIS): its counts are not ours to read.
/// </summary>
public static class RedisMetricIds
{
    /// <summary>RESP commands that went through the proxy per invocation (per iteration; median over iterations).</summary>
    public const string Commands = "AsyncBench.Redis.ProxyCommands";

    /// <summary>The most commands in flight at one moment: read from the client, reply not yet released to it (max over iterations).</summary>
    public const string PeakInFlight = "AsyncBench.Redis.ProxyPeakInFlight";

    /// <summary>The most client connections open through the proxy at one moment (max over iterations).</summary>
    public const string PeakConnections = "AsyncBench.Redis.ProxyPeakConnections";

    /// <summary>
    /// The round trip the proxy really added, in milliseconds: the mean hold of a delayed chunk from the client plus that of
    /// one from the server, arrival to release, timer overshoot included (per iteration; median over iterations). Absent at LatencyMs=0.
    /// </summary>
    public const string ProxyWaitMs = "AsyncBench.Redis.ProxyWaitMs";

    /// <summary>
    /// The median of the holds the delaying proxy really applied under the run's distribution (--latency): one per chunk
    /// of commands read at once from a connection, held whole on its way to the server, arrival to release (the proxy
    /// delays chunks, not commands: a pipelined burst is one chunk held once), in milliseconds, per iteration (median over
    /// iterations). Absent at the fixed per-direction latency (its round trip is <see cref="ProxyWaitMs"/>) and at LatencyMs=0.
    /// </summary>
    public const string AppliedChunkDelayMedianMs = "AsyncBench.Redis.AppliedChunkDelayMedianMs";

    /// <summary>The 99th percentile of the same holds, per iteration (median over iterations), in milliseconds.</summary>
    public const string AppliedChunkDelayP99Ms = "AsyncBench.Redis.AppliedChunkDelayP99Ms";

    /// <summary>CPU time of the fixture host (Garnet and the proxy) per invocation, in milliseconds (per iteration; median over iterations).</summary>
    public const string HostCpuMs = "AsyncBench.Redis.HostCpuMs";
}
