using AsyncBench.Protocol;
using BenchmarkDotNet.Columns;

namespace AsyncBench.Benchmarks.Observing;

/// <summary>
/// The metrics every case can carry, whatever its target: the case's declared facts (<see cref="ObservedMetricsDiagnoser"/>),
/// the pool's threads and the benchmark process's CPU time (<see cref="CaseObserver"/>), what the client saw of its units
/// (<see cref="Harness.UnitObservation"/>) and a real target's latency at start-up.
/// </summary>
public sealed class SuiteMetrics : IDeclaresMetrics
{
    private const string ClientSide = "every unit timed on the client (Stopwatch timestamps into a log-bucket histogram, 16 buckets per doubling: within 3 %)";

    public static IReadOnlyList<ObservedMetric> Metrics { get; } =
    [
        new(MetricIds.FloorNs, "Floor", "Ideal floor of one invocation: the target's wait per unit × ⌈Count ÷ min(concurrency, the target's own bound)⌉, computed by the workload. Against a real target the wait per unit is what the case itself saw (its median unit latency, where no unit queued for the target at the client), else the latency measured at start-up. Under a run distribution (--latency) the applied floor instead: each invocation's schedule replayed with zero overhead on the delays the target really applied in it (a loop their sum, all at once the largest, a bounded degree the schedule; the Redis proxy's delays are per chunk of commands read at once, so its floor follows the chunks), the mean over an iteration's invocations (as BenchmarkDotNet's own value of the iteration is), median over iterations; absent where the target's log dropped delays or they did not split into the invocations", Aggregation.Median,
            "the ideal floor of {side} is {value}", UnitType.Time, "ns")
        { Source = "case", Cell = "floor {value}" },
        new(MetricIds.Concurrency, "Concurrency", "Units the strategy keeps in flight at most, as its method declares ([Concurrency])", Aggregation.Median,
            "by design, at most {value} {unit|units} of {side} {is|are} in flight")
        { Source = "case", Cell = "conc {value}" },
        new(MetricIds.TargetLatencyMs, "TargetLatency [ms]", "Latency of one request (HTTP) or round trip (serial, the slowest port) to the real target, measured at start-up with blocking calls one after another; how the case itself called the target can differ (see UnitLatency)", Aggregation.Median,
            "one blocking call to the real target took {value} at start-up", unit: "ms")
        { Source = "target", Cell = "latency at start-up {value}" },
        new(MetricIds.ThreadsBefore, "ThreadsBefore", "Thread-pool threads when a measured iteration started (median over iterations)", Aggregation.Median,
            "the pool had {value} {thread|threads} when {side} started")
        { Source = "pool", Cell = "{value} threads at start" },
        new(MetricIds.ThreadsAfter, "ThreadsAfter", "Thread-pool threads when a measured iteration ended (median over iterations)", Aggregation.Median,
            "the pool had {value} {thread|threads} when {side} ended")
        { Source = "pool", Cell = "{value} at end" },
        new(MetricIds.CpuTimeNs, "CpuTime", $"CPU time (user + system, all threads) of the benchmark process, {ObservedMetric.PerIteration} (median over iterations)", Aggregation.Median,
            "the benchmark process spent {value} of CPU per batch of {side}", UnitType.Time, "ns")
        { Source = "client", Cell = "cpu {value}" },
        new(MetricIds.UnitsPeakInFlight, "UnitsInFlight", "The most units in progress at once on the client (max over iterations): how many really ran at once. A workload's unit counts from its call to its checked result; a rule 7 unit (BlockingInAsync) from when it got a pool thread to the end of its wait", Aggregation.Max,
            "{side} ran {one at a time|at most {value} at once}")
        { Source = "client", Cell = "peak {value} at once" },
        new(MetricIds.UnitsLatencyMedianNs, "UnitLatency", $"The median latency of one unit as the client saw it, from its call to its checked result, queueing included: {ClientSide}; the median of every measured unit of the case (pooled over its iterations)", Aggregation.Last,
            "a unit of {side} took {value} (median)", UnitType.Time, "ns")
        { Source = "client", Cell = "unit {value}" },
        new(MetricIds.UnitsLatencyP99Ns, "UnitLatencyP99", $"The 99th percentile of one unit's latency as the client saw it: {ClientSide}; over every measured unit of the case (pooled over its iterations)", Aggregation.Last,
            "1 % of the units of {side} took longer than {value}", UnitType.Time, "ns")
        { Source = "client", Cell = "p99 {value}" },
        new(MetricIds.BatchP99Ns, "BatchP99", "The 99th percentile of one invocation's batch across all the case's measured invocations: from its first unit's call to its last unit's checked result, timed on the client (two timestamps a unit, already taken for UnitLatency, into a log-bucket histogram, within 3 %). Beside the median invocation (BenchmarkDotNet's Median, which is per iteration where an iteration holds several invocations). Under a run distribution (--latency) only, for now; absent where the units did not come to Count per invocation", Aggregation.Last,
            "1 % of the batches of {side} took longer than {value}", UnitType.Time, "ns")
        { Source = "client", Cell = "batch p99 {value}" },
        new(MetricIds.UnitsFailedShare, "Errors [%]", "Under the run's error budget (--error-budget) only: the share of the case's measured units that failed (their call threw or their check did), the error rate as k6 and NBomber report it; counted per iteration, the mean over iterations. The case's time includes the failed units, as they ran", Aggregation.Mean,
            "{value} of the units of {side} failed", unit: "%")
        { Source = "client", Cell = "{value} failed" },
        new(MetricIds.LoadedVersion, "LoadedVersion", "Version of the A/B package's assembly loaded in the benchmark process, major×10⁶ + minor×10³ + patch (A/B runs only)", Aggregation.Median,
            "{side} loaded version {value}", numberFormat: "0")
        { Source = "client", Cell = "loaded version {value}" },
    ];
}
