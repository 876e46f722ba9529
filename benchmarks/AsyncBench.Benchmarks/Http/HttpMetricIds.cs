using AsyncBench.Protocol;

namespace AsyncBench.Benchmarks.Http;

/// <summary>
/// The ids of the metrics the mock HTTP server adds (declared with their legends in <see cref="HttpServerObservation.Metrics"/>):
/// what the server counted by its own count. The HTTP rule classes (Rules.PolitenessBenchmarks, ...) read them too. An id
/// never changes once published. Absent against a real server (ASYNCBENCH_HTTP_URL): its counts are not ours to read.
/// </summary>
public static class HttpMetricIds
{
    /// <summary>Item requests the mock HTTP server received per invocation (per iteration; median over iterations).</summary>
    public const string Requests = "AsyncBench.Http.Requests";

    /// <summary>The most item requests the mock HTTP server handled at one moment (max over iterations).</summary>
    public const string PeakInFlight = "AsyncBench.Http.PeakInFlight";

    /// <summary>Requests the mock HTTP server refused with 429 per invocation (per iteration; median over iterations).</summary>
    public const string Refused = "AsyncBench.Http.Refused";

    /// <summary>
    /// The share of the requests the mock HTTP server received (every attempt, retries included) that it refused with 429,
    /// in percent (per iteration; median over iterations): "348 of 448 attempts" is 78 %. Absent when it received none.
    /// </summary>
    public const string RefusedShare = "AsyncBench.Http.RefusedShare";

    /// <summary>
    /// The mock server's measured wait (the delay it really slept) per answered request, in milliseconds: the mean of
    /// an iteration, median over iterations. Absent at LatencyMs=0.
    /// </summary>
    public const string ServerWaitMs = "AsyncBench.Http.ServerWaitMs";

    /// <summary>
    /// The median of the delays the mock server really waited (timed around each wait, not the values drawn), over an
    /// iteration's answered requests, in milliseconds (median over iterations): what the target applied, beside the
    /// client's own unit latency. Absent where the server waits nothing (LatencyMs=0).
    /// </summary>
    public const string AppliedDelayMedianMs = "AsyncBench.Http.AppliedDelayMedianMs";

    /// <summary>The 99th percentile of the same delays, per iteration (median over iterations), in milliseconds: the tail the server applied.</summary>
    public const string AppliedDelayP99Ms = "AsyncBench.Http.AppliedDelayP99Ms";

    /// <summary>CPU time the mock server's fixture-host process spent per invocation, in milliseconds (per iteration; median over iterations).</summary>
    public const string ServerCpuMs = "AsyncBench.Http.ServerCpuMs";

    /// <summary>
    /// What bound the case, from the metrics above: <see cref="MetricIds.BoundByWait"/>, <see cref="MetricIds.BoundByServerCpu"/>
    /// or <see cref="MetricIds.BoundByClient"/>. Derived once per case from the median time, <see cref="MetricIds.FloorNs"/> and
    /// <see cref="ServerCpuMs"/> (thresholds in <see cref="Observing.CaseFacts"/>).
    /// </summary>
    public const string Bound = "AsyncBench.Http.Bound";
}
