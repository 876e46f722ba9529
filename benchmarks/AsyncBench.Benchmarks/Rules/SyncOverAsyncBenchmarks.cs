using AsyncBench.Benchmarks.Http;
using AsyncBench.Benchmarks.Harness;
using BenchmarkDotNet.Attributes;
using AsyncBench.Benchmarks.Declarations;

namespace AsyncBench.Benchmarks.Rules;

/// <summary>
/// Rule 4: sync-over-async. Count units, each queued to the thread pool with <see cref="Task.Run(Func{Task})"/>,
/// call the async HTTP GET of <see cref="HttpWorkload"/> and then either await it (baseline) or block their
/// pool thread on it with <c>GetAwaiter().GetResult()</c> or <c>.Result</c>. .NET raises no error (unlike
/// asyncio.run inside a running loop); the cost is pool threads: each blocked unit holds one for the whole
/// request, and the request's own continuation needs another. The pool queue is first in, first out:
/// every unit is queued before any reply's continuation, so freed threads take the next blocking unit
/// first, and replies wait until the pool has grown to about Count + 1 threads. The runtime injects
/// threads for callers blocked on tasks, but each one later than the last (ThreadsAfter shows how many).
/// Every invocation starts from a pool back at its minimum (<see cref="FreshThreadPoolBenchmarks"/>).
/// The deadlock under a single-threaded SynchronizationContext is shown by a test, not timed here.
/// </summary>
[BenchmarkCategory(Categories.Rules, Categories.SyncOverAsync)]
// Count=10: past the minimum pool size of a small machine, where blocking units need injected threads.
[RuleComparison(4, nameof(GetAwaiterGetResult), nameof(Await), "Count=10&LatencyMs=20", Question = "Does blocking on the task (GetAwaiter().GetResult()) cost more than awaiting it?")]
[RuleComparison(4, nameof(Result), nameof(Await), "Count=10&LatencyMs=20", Question = "Does blocking on the task (.Result) cost more than awaiting it?")]
public class SyncOverAsyncBenchmarks : FreshThreadPoolBenchmarks, IDeclaresFloor
{
    private HttpWorkload? workload;

    [Params(
        5,    // Within a few times the minimum pool size (2 on a 2-core machine): little to wait for.
        10,   // Past it: blocked units need injected threads before the replies' continuations can run.
        20)]  // Twice that. The cost grows faster than Count, as injection slows with each thread added;
              // at 100 one invocation took ~22 s on 2 cores, too long for a run of several invocations.
    public int Count { get; set; }

    [Params(
        20)] // A typical service call's wait: long enough for blocked threads to pile up.
    public int LatencyMs { get; set; }

    private HttpWorkload Workload => workload ?? throw new InvalidOperationException("GlobalSetup has not run.");

    [GlobalSetup]
    public async Task GlobalSetupAsync() => workload = await HttpRuleWorkload.StartWarmAsync(LatencyMs, Count).ConfigureAwait(false);

    [GlobalCleanup]
    public Task GlobalCleanupAsync() => workload?.DisposeAsync().AsTask() ?? Task.CompletedTask;

    public string? RealTargetVariable => HttpWorkload.RealTargetVariable;

    public WorkloadFloor Floor(double? measuredTargetLatencyMs) => new(measuredTargetLatencyMs ?? LatencyMs);

    [Benchmark(Baseline = true)]
    [Concurrency(nameof(Count))]
    public Task Await() => RunOnPoolAsync(unit => Task.Run(() => HttpRuleWorkload.GetAsync(Workload, unit)));

    [Benchmark]
    [Concurrency(nameof(Count))]
    public Task GetAwaiterGetResult() => RunOnPoolAsync(unit => Task.Run(() => HttpRuleWorkload.GetAsync(Workload, unit).GetAwaiter().GetResult()));

    [Benchmark]
    [Concurrency(nameof(Count))]
    public Task Result() => RunOnPoolAsync(unit => Task.Run(() => HttpRuleWorkload.GetAsync(Workload, unit).Result));

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
