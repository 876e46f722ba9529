namespace AsyncBench.Benchmarks.Rules;

/// <summary>
/// The ids of the metrics the rules classes count (declared with their legends in <see cref="HotTaskObservation.Metrics"/>
/// and <see cref="CountedRuleMetrics.Metrics"/>): what an unawaited call did, and the errors rules 4 and 10 count instead
/// of throwing. An id never changes once published.
/// </summary>
public static class RuleMetricIds
{
    // Rule 3: what an unawaited call did and what was lost (HotTaskBenchmarks). Per invocation; median over iterations.

    /// <summary>Calls that ran to their end (after their first suspension), per invocation.</summary>
    public const string HotTaskRan = "AsyncBench.HotTask.Ran";

    /// <summary>Calls whose result reached the caller, per invocation.</summary>
    public const string HotTaskResultsReceived = "AsyncBench.HotTask.ResultsReceived";

    /// <summary>Exceptions of the calls that reached the caller, per invocation.</summary>
    public const string HotTaskCallerSawExceptions = "AsyncBench.HotTask.CallerSawExceptions";

    /// <summary>Exceptions of the calls reported only as unobserved (TaskScheduler.UnobservedTaskException after a GC, untimed), per invocation.</summary>
    public const string HotTaskUnobservedExceptions = "AsyncBench.HotTask.UnobservedExceptions";

    /// <summary>
    /// Rule 4: errors the blocking call itself raised when a unit blocked on an unfinished task (the task had not failed), counted
    /// instead of thrown, per invocation (median over iterations). .NET raises none; asyncio raises one for a nested loop.
    /// </summary>
    public const string SyncOverAsyncBlockingErrors = "AsyncBench.SyncOverAsync.BlockingErrors";

    /// <summary>Rule 10: lazy readers that failed when read after their connection closed, counted instead of thrown, per invocation (median over iterations).</summary>
    public const string LazyReaderFailures = "AsyncBench.LazyReader.Failures";
}
