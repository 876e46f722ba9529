using AsyncBench.Benchmarks.Declarations;
using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Http;
using AsyncBench.Benchmarks.Observing;
using AsyncBench.Protocol;
using BenchmarkDotNet.Attributes;

namespace AsyncBench.Benchmarks.Rules;

/// <summary>
/// Rule 4: sync-over-async. Count units, each queued to the thread pool with <see cref="Task.Run(Func{Task})"/>,
/// call the async HTTP GET of <see cref="HttpWorkload"/> and then either await it (baseline) or block their
/// pool thread on it with <c>GetAwaiter().GetResult()</c> or <c>.Result</c>. asyncio raises an error for a loop
/// nested in a running one; an error the blocking call itself raises (while the task it blocks on has not failed) is
/// counted here, not thrown (<see cref="BlockOn"/>, the BlockingErrors metric), so the run survives to report it.
/// .NET raises none: the cost is pool threads: each blocked unit holds one for the whole request, and the request's
/// own continuation needs another. The pool queue is first in, first out: every unit is queued before any reply's
/// continuation, so freed threads take the next blocking unit first, and replies wait until the pool has grown to
/// about Count + 1 threads. The runtime injects threads for callers blocked on tasks, but each one later than the
/// last (ThreadsAfter shows how many). Every invocation starts from a pool of exactly its minimum threads
/// (<see cref="FreshThreadPoolBenchmarks"/>). The deadlock under a single-threaded SynchronizationContext is shown by
/// a test, not timed here.
/// </summary>
[BenchmarkCategory(RuleCategories.Rules, RuleCategories.SyncOverAsync)]
[ClaimTarget("HTTP GETs blocked on from pool threads", Fixture = "the mock server", Name = "blocking on HTTP GETs")]
// Count=10: past the minimum pool size of a small machine, where blocking units need injected threads. The post's
// prediction is an error: at least one error every other unit (0.5) is an error the caller cannot miss.
[Claim(4, "blocking-on-a-task-raises-an-error", nameof(GetAwaiterGetResult), RuleMetricIds.SyncOverAsyncBlockingErrors, Setting = "Count=10&LatencyMs=20", PerUnit = true, Deciding = true,
    Question = "Does blocking on a task from async code (GetAwaiter().GetResult() on a pool thread) raise an error, as nesting asyncio.run does?",
    Thresholds = [0.5], Answers = [Answer.No, Answer.Yes],
    Mechanism = [MetricIds.ThreadsBefore, MetricIds.ThreadsAfter, MetricIds.UnitsPeakInFlight])]
[Claim(4, "blocking-with-result-raises-an-error", nameof(Result), RuleMetricIds.SyncOverAsyncBlockingErrors, Setting = "Count=10&LatencyMs=20", PerUnit = true,
    Question = "Does blocking on a task with .Result raise an error?",
    Thresholds = [0.5], Answers = [Answer.No, Answer.Yes],
    Mechanism = [MetricIds.ThreadsBefore, MetricIds.ThreadsAfter])]
// The .NET cost instead of the error: 10 % slower than awaiting is a cost a design review would not ignore.
[Claim(4, "blocking-on-a-task-starves-the-pool", ClaimMeasure.Ratio, nameof(GetAwaiterGetResult), nameof(Await), Setting = "Count=10&LatencyMs=20", Quoted = true,
    Question = "The same units on pool threads: does blocking on the task take 10 % or more longer than awaiting it (pool threads held, replies waiting for threads)?",
    Thresholds = [1.1], Answers = [Answer.No, Answer.Yes],
    Mechanism = [MetricIds.ThreadsBefore, MetricIds.ThreadsAfter, HttpMetricIds.PeakInFlight, MetricIds.UnitsPeakInFlight])]
// Measured, night of 2026-12-01 (287 cases, five passes, 2-core VM): launches agree within 0.4 % (1.3 % at the 80th percentile) and a pass takes 46 s: two launches show a 15 % slowdown.
[NightlyLaunches(2)]
public class SyncOverAsyncBenchmarks : FreshThreadPoolBenchmarks, IDeclaresFloor
{
    private readonly CountedEvents blockingErrors = new(RuleMetricIds.SyncOverAsyncBlockingErrors);
    private readonly HttpRuleWorkload http = new();

    [Params(
        5,    // Within a few times the minimum pool size (2 on a 2-core machine): little to wait for.
        10,   // Past it: blocked units need injected threads before the replies' continuations can run.
        20)]  // Twice that. The cost grows faster than Count, as injection slows with each thread added;
              // at 100 one invocation took ~22 s on 2 cores, too long for a run of several invocations.
    public int Count { get; set; }

    [Params(
        20)] // A typical service call's wait: long enough for blocked threads to pile up.
    public int LatencyMs { get; set; }

    /// <summary>Errors the blocking calls raised (counted, not thrown) since the last iteration.</summary>
    public CountedEvents BlockingErrors => blockingErrors;

    private HttpWorkload Workload => http.Workload;

    [GlobalSetup]
    public async Task GlobalSetupAsync()
    {
        await http.StartAsync(LatencyMs, Count).ConfigureAwait(false);
        CaseObserver.Watch(blockingErrors);
    }

    [GlobalCleanup]
    public Task GlobalCleanupAsync()
    {
        CaseObserver.Unwatch(blockingErrors);
        return http.StopAsync();
    }

    public string? RealTargetVariable => HttpWorkload.RealTargetVariable;

    public WorkloadFloor Floor(double? measuredTargetLatencyMs) => HttpWorkload.Floor(measuredTargetLatencyMs, LatencyMs);

    [Benchmark(Baseline = true)]
    [Concurrency(nameof(Count))]
    [InWords("awaiting")]
    public Task Await() => RunOnPoolAsync(unit => Task.Run(() => HttpRuleWorkload.GetAsync(Workload, unit)));

    [Benchmark]
    [Concurrency(nameof(Count))]
    [InWords("blocking on the task")]
    public Task GetAwaiterGetResult() =>
        RunOnPoolAsync(unit => Task.Run(() => BlockOn(HttpRuleWorkload.GetAsync(Workload, unit), static task => task.GetAwaiter().GetResult(), unit, blockingErrors)));

    [Benchmark]
    [Concurrency(nameof(Count))]
    [InWords("blocking with .Result")]
    public Task Result() =>
        RunOnPoolAsync(unit => Task.Run(() => BlockOn(HttpRuleWorkload.GetAsync(Workload, unit), static task => task.Result, unit, blockingErrors)));

    /// <summary>
    /// Blocks on <paramref name="task"/> with <paramref name="block"/>. An error the blocking call raises while the task
    /// itself has not failed (the blocking refused, as asyncio refuses a nested loop) is counted in
    /// <paramref name="errors"/>, not thrown, and the unit returns its number; the task's own failures still throw.
    /// </summary>
    public static int BlockOn(Task<int> task, Func<Task<int>, int> block, int unit, CountedEvents errors)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(errors);
        try
        {
            return block(task);
        }
#pragma warning disable CA1031 // Any error of the blocking call itself is what is counted; the task's own failures are rethrown.
        catch (Exception) when (!task.IsFaulted && !task.IsCanceled)
#pragma warning restore CA1031
        {
            errors.Add();
            return unit;
        }
    }

    private Task RunOnPoolAsync(Func<int, Task<int>> startUnit)
    {
        var tasks = new Task<int>[Count];
        for (var unit = 0; unit < Count; unit++)
        {
            tasks[unit] = startUnit(unit);
        }

        return HttpRuleWorkload.WhenAllCheckedAsync(tasks);
    }
}
