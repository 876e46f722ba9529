using AsyncBench.Protocol;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;

namespace AsyncBench.Benchmarks.Observing;

/// <summary>How a metric's per-iteration values become the case's one value.</summary>
public enum Aggregation
{
    Median,
    Max,
}

/// <summary>One AsyncBench metric as BenchmarkDotNet shows it: column name, legend, unit. The Id is a <see cref="MetricIds"/> constant.</summary>
public sealed class ObservedMetric(string id, string displayName, string legend, Aggregation aggregation, UnitType unitType = UnitType.Dimensionless, string unit = "Count", string numberFormat = "0.##")
    : IMetricDescriptor
{
    public string Id => id;

    public string DisplayName => displayName;

    public string Legend => legend;

    internal Aggregation Aggregation => aggregation;

    public string NumberFormat => numberFormat;

    public UnitType UnitType => unitType;

    public string Unit => unit;

    public bool TheGreaterTheBetter => false;

    public int PriorityInCategory => 0;

    public bool GetIsAvailable(Metric metric) => true;

    private const string PerIteration = "measured around each measured iteration, per invocation";

    /// <summary>Every AsyncBench metric, keyed by Id.</summary>
    public static IReadOnlyDictionary<string, ObservedMetric> All { get; } = new ObservedMetric[]
    {
        new(MetricIds.FloorNs, "Floor", "Ideal floor of one invocation: the target's wait per unit × ⌈Count ÷ min(concurrency, the target's own bound)⌉, computed by the workload (measured latency for a real target)", Aggregation.Median, UnitType.Time, "ns"),
        new(MetricIds.Concurrency, "Concurrency", "Units the strategy keeps in flight at most, as its method declares ([Concurrency])", Aggregation.Median),
        new(MetricIds.ThreadsBefore, "ThreadsBefore", "Thread-pool threads when a measured iteration started (median over iterations)", Aggregation.Median),
        new(MetricIds.ThreadsAfter, "ThreadsAfter", "Thread-pool threads when a measured iteration ended (median over iterations)", Aggregation.Median),
        new(MetricIds.HttpRequests, "Requests", $"Item requests the mock server received, {PerIteration} (median over iterations)", Aggregation.Median),
        new(MetricIds.HttpPeakInFlight, "PeakInFlight", "The most requests the mock server handled at once (max over iterations)", Aggregation.Max),
        new(MetricIds.HttpRefused, "Refused", $"Requests the mock server refused with 429, {PerIteration} (median over iterations)", Aggregation.Median),
        new(MetricIds.HttpServerWaitMs, "ServerWait [ms]", "The mock server's measured wait per answered request, the mean of an iteration (median over iterations)", Aggregation.Median),
        new(MetricIds.HttpServerCpuMs, "ServerCpu [ms]", $"CPU time of the mock server's process, {PerIteration} (median over iterations)", Aggregation.Median),
        new(MetricIds.HttpBound, "Bound", $"What bound the case: {MetricIds.BoundByWait} = the wait (median within {CaseFacts.WaitBoundFactor} × floor), {MetricIds.BoundByServerCpu} = the server's CPU (its CPU time ≥ {CaseFacts.ServerBusyShare} × the median), {MetricIds.BoundByClient} = the client", Aggregation.Median),
        new(MetricIds.SerialConversations, "Conversations", $"Conversations the emulated devices completed, {PerIteration} (median over iterations)", Aggregation.Median),
        new(MetricIds.SerialPeakConcurrent, "PeakConcurrent", "The most conversations in progress at once across all devices (max over iterations)", Aggregation.Max),
        new(MetricIds.SerialProtocolErrors, "ProtocolErrors", $"Interleaved or malformed frames the devices saw, {PerIteration} (max over iterations)", Aggregation.Max),
        new(MetricIds.CpuTimeNs, "CpuTime", $"CPU time (user + system, all threads) of the benchmark process, {PerIteration} (median over iterations)", Aggregation.Median, UnitType.Time, "ns"),
        new(MetricIds.SerialHostCpuMs, "HostCpu [ms]", $"CPU time of the serial devices' fixture-host process, {PerIteration} (median over iterations)", Aggregation.Median, unit: "ms"),
        new(MetricIds.TargetLatencyMs, "TargetLatency [ms]", "Measured latency of one request (HTTP) or round trip (serial, the slowest port) to the real target, in setup", Aggregation.Median),
    }.ToDictionary(m => m.Id, StringComparer.Ordinal);
}
