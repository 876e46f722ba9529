using AsyncBench.Benchmarks.Observing;

namespace AsyncBench.Benchmarks.Rules;

/// <summary>
/// The errors two rules classes count instead of throwing (<see cref="CountedEvents"/>): rule 4's blocking errors
/// (<see cref="SyncOverAsyncBenchmarks"/>) and rule 10's lazy readers that failed (<see cref="LazyReaderBenchmarks"/>).
/// </summary>
public sealed class CountedRuleMetrics : IDeclaresMetrics
{
    public static IReadOnlyList<ObservedMetric> Metrics { get; } =
    [
        new(RuleMetricIds.SyncOverAsyncBlockingErrors, "BlockingErrors", $"Errors the blocking call itself raised while the task it blocked on had not failed (counted, not thrown), {ObservedMetric.PerIteration} (median over iterations)", Aggregation.Median,
            "{side} raised {value} {error|errors} in a batch of {count}")
        { Source = "blocking", Cell = "{value} errors raised" },
        new(RuleMetricIds.LazyReaderFailures, "LazyReadFailures", $"Lazy readers that failed when read after their connection had closed (counted, not thrown), {ObservedMetric.PerIteration} (median over iterations)", Aggregation.Median,
            "{value} of {count} {side} failed once their connection had closed")
        { Source = "readers", Cell = "{value} failed after their connection closed" },
    ];
}
