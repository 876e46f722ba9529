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

/// <summary>
/// One AsyncBench metric as BenchmarkDotNet shows it: column name, legend, unit; and, for the rules page, the phrase
/// an answer states one value with (<see cref="DeclaredMetric.Phrase"/>). The Id is a <see cref="MetricIds"/> constant.
/// </summary>
public sealed class ObservedMetric(string id, string displayName, string legend, Aggregation aggregation, string? phrase, UnitType unitType = UnitType.Dimensionless, string unit = "Count", string numberFormat = "0.##")
    : IMetricDescriptor
{
    public string Id => id;

    public string DisplayName => displayName;

    public string Legend => legend;

    internal Aggregation Aggregation => aggregation;

    /// <summary>How an answer sentence states one value: "{side}" the benchmark, "{value}" the value with its unit.</summary>
    public string? Phrase => phrase;

    public string NumberFormat => numberFormat;

    public UnitType UnitType => unitType;

    public string Unit => unit;

    public bool TheGreaterTheBetter => false;

    public int PriorityInCategory => 0;

    public bool GetIsAvailable(Metric metric) => true;

    public DeclaredMetric ToDeclaration() => new(Id, DisplayName, Unit, Legend, Aggregation.ToString(), Phrase);

    private const string PerIteration = "measured around each measured iteration, per invocation";

    private const string ClientSide = "every unit timed on the client (Stopwatch timestamps into a log-bucket histogram, 16 buckets per doubling: within 3 %)";

    /// <summary>Every AsyncBench metric, keyed by Id.</summary>
    public static IReadOnlyDictionary<string, ObservedMetric> All { get; } = new ObservedMetric[]
    {
        new(MetricIds.FloorNs, "Floor", "Ideal floor of one invocation: the target's wait per unit × ⌈Count ÷ min(concurrency, the target's own bound)⌉, computed by the workload. Against a real target the wait per unit is what the case itself saw (its median unit latency, where no unit queued for the target at the client), else the latency measured at start-up", Aggregation.Median,
            "`{side}`'s ideal floor is {value}", UnitType.Time, "ns"),
        new(MetricIds.Concurrency, "Concurrency", "Units the strategy keeps in flight at most, as its method declares ([Concurrency])", Aggregation.Median,
            "by design, at most {value} of `{side}`'s units are in flight at once"),
        new(MetricIds.ThreadsBefore, "ThreadsBefore", "Thread-pool threads when a measured iteration started (median over iterations)", Aggregation.Median,
            "the pool had {value} threads when `{side}` started"),
        new(MetricIds.ThreadsAfter, "ThreadsAfter", "Thread-pool threads when a measured iteration ended (median over iterations)", Aggregation.Median,
            "the pool had {value} threads when `{side}` ended"),
        new(MetricIds.HttpRequests, "Requests", $"Item requests the mock server received (every attempt, refused ones included), {PerIteration} (median over iterations)", Aggregation.Median,
            "the server received {value} requests per batch of `{side}`"),
        new(MetricIds.HttpPeakInFlight, "PeakInFlight", "The most requests the mock server handled at once (max over iterations)", Aggregation.Max,
            "the server saw at most {value} of `{side}`'s requests at once"),
        new(MetricIds.HttpRefused, "Refused", $"Requests the mock server refused with 429, {PerIteration} (median over iterations)", Aggregation.Median,
            "the server refused {value} of `{side}`'s requests per batch"),
        new(MetricIds.HttpRefusedShare, "Refused [%]", "The share of the requests the mock server received (every attempt, retries included) that it refused with 429 (median over iterations)", Aggregation.Median,
            "the server refused {value} of `{side}`'s attempts", unit: "%"),
        new(MetricIds.HttpServerWaitMs, "ServerWait [ms]", "The mock server's measured wait per answered request, the mean of an iteration (median over iterations)", Aggregation.Median,
            "the server waited {value} per request of `{side}`", unit: "ms"),
        new(MetricIds.HttpServerCpuMs, "ServerCpu [ms]", $"CPU time of the mock server's process, {PerIteration} (median over iterations)", Aggregation.Median,
            "the server's process spent {value} of CPU per batch of `{side}`", unit: "ms"),
        new(MetricIds.HttpBound, "Bound", $"What bound the case: {MetricIds.BoundByWait} = the wait (median within {CaseFacts.WaitBoundFactor} × floor), {MetricIds.BoundByServerCpu} = the server's CPU (its CPU time ≥ {CaseFacts.ServerBusyShare} × the median), {MetricIds.BoundByClient} = the client", Aggregation.Median,
            null),
        new(MetricIds.SerialConversations, "Conversations", $"Conversations the emulated devices completed, {PerIteration} (median over iterations)", Aggregation.Median,
            "the devices held {value} conversations per batch of `{side}`"),
        new(MetricIds.SerialPeakConcurrent, "PeakConcurrent", "The most conversations in progress at once across all devices (max over iterations)", Aggregation.Max,
            "the devices held at most {value} of `{side}`'s conversations at once"),
        new(MetricIds.SerialProtocolErrors, "ProtocolErrors", $"Interleaved or malformed frames the devices saw, {PerIteration} (max over iterations)", Aggregation.Max,
            "the devices saw {value} protocol errors per batch of `{side}`"),
        new(MetricIds.TargetLatencyMs, "TargetLatency [ms]", "Latency of one request (HTTP) or round trip (serial, the slowest port) to the real target, measured at start-up with blocking calls one after another; how the case itself called the target can differ (see UnitLatency)", Aggregation.Median,
            "one blocking call to the real target took {value} at start-up", unit: "ms"),
        new(MetricIds.UnitsPeakInFlight, "UnitsInFlight", "The most units in progress at once on the client (max over iterations): how many really ran at once. A workload's unit counts from its call to its checked result; a rule 7 unit (BlockingInAsync) from when it got a pool thread to the end of its wait", Aggregation.Max,
            "at most {value} of `{side}`'s units ran at once"),
        new(MetricIds.UnitsLatencyMedianNs, "UnitLatency", $"The median latency of one unit as the client saw it, from its call to its checked result, queueing included: {ClientSide}; the median of an iteration's units, median over iterations", Aggregation.Median,
            "a unit of `{side}` took {value} (median)", UnitType.Time, "ns"),
        new(MetricIds.UnitsLatencyP99Ns, "UnitLatencyP99", $"The 99th percentile of one unit's latency as the client saw it: {ClientSide}; per iteration, median over iterations", Aggregation.Median,
            "1 % of `{side}`'s units took longer than {value}", UnitType.Time, "ns"),
        new(MetricIds.HotTaskRan, "Ran", $"Calls that ran to their end (past their first suspension), awaited or not, {PerIteration} (median over iterations)", Aggregation.Median,
            "{value} of `{side}`'s calls ran to their end per batch"),
        new(MetricIds.HotTaskResultsReceived, "ResultsReceived", $"Calls whose result reached the caller, {PerIteration} (median over iterations)", Aggregation.Median,
            "the caller of `{side}` received {value} results per batch"),
        new(MetricIds.HotTaskCallerSawExceptions, "CallerSawExceptions", $"Exceptions of the calls that reached the caller, {PerIteration} (median over iterations)", Aggregation.Median,
            "the caller of `{side}` saw {value} exceptions per batch"),
        new(MetricIds.HotTaskUnobservedExceptions, "UnobservedExceptions", $"Exceptions of the calls reported only as unobserved (TaskScheduler.UnobservedTaskException, after a GC outside the timed code), {PerIteration} (median over iterations)", Aggregation.Median,
            "{value} exceptions of `{side}`'s calls per batch were reported only as unobserved"),
        new(MetricIds.SyncOverAsyncBlockingErrors, "BlockingErrors", $"Errors the blocking call itself raised while the task it blocked on had not failed (counted, not thrown), {PerIteration} (median over iterations)", Aggregation.Median,
            "blocking on a task raised {value} errors per batch of `{side}`"),
        new(MetricIds.LazyReaderFailures, "LazyReadFailures", $"Lazy readers that failed when read after their connection had closed (counted, not thrown), {PerIteration} (median over iterations)", Aggregation.Median,
            "{value} of `{side}`'s lazy readers per batch failed once their connection had closed"),
        new(MetricIds.LoadedVersion, "LoadedVersion", "Version of the A/B package's assembly loaded in the benchmark process, major×10⁶ + minor×10³ + patch (A/B runs only)", Aggregation.Median,
            "`{side}` loaded version {value}", numberFormat: "0"),
        new(MetricIds.CpuTimeNs, "CpuTime", $"CPU time (user + system, all threads) of the benchmark process, {PerIteration} (median over iterations)", Aggregation.Median,
            "the benchmark process spent {value} of CPU per batch of `{side}`", UnitType.Time, "ns"),
        new(MetricIds.SerialHostCpuMs, "HostCpu [ms]", $"CPU time of the serial devices' fixture-host process, {PerIteration} (median over iterations)", Aggregation.Median,
            "the serial devices' host spent {value} of CPU per batch of `{side}`", unit: "ms"),
    }.ToDictionary(m => m.Id, StringComparer.Ordinal);
}
