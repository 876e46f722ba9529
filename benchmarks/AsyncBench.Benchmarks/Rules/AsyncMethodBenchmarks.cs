using AsyncBench.Benchmarks.Harness;
using BenchmarkDotNet.Attributes;
using AsyncBench.Benchmarks.Declarations;
using AsyncBench.Protocol;

namespace AsyncBench.Benchmarks.Rules;

/// <summary>
/// Rule 2: what declaring a method async costs. One call of a tiny method (sum 16 integers)
/// as a plain synchronous method (baseline), as <c>async Task&lt;int&gt;</c> and as
/// <c>async ValueTask&lt;int&gt;</c>, each either completing synchronously (it skips its one await,
/// the common case of a cache hit or a buffered read) or not (it awaits <see cref="Task.Yield"/>, so
/// the method suspends and resumes on the thread pool). Each benchmark returns the method's own
/// Task or ValueTask, which BenchmarkDotNet awaits; each method checks its result.
/// </summary>
[BenchmarkCategory(RuleCategories.Rules, RuleCategories.AsyncMethod)]
[SteadyState] // Nanoseconds per call: warmed past tiered compilation and sized in every profile.
[ClaimTarget("a 16-integer sum, one call", Name = "a tiny method")]
// Sub-microsecond: judged by the absolute cost per call. 100 ns is 1 % of the cheapest I/O unit here (a ~10 μs SQLite
// point lookup): below it, declaring a method async costs nothing a caller of I/O would notice.
[Claim(2, "async-costs-little-until-it-suspends", ClaimMeasure.Difference, nameof(AsyncTaskCompletingSynchronously), nameof(SyncMethod), Deciding = true,
    Question = "Does an async Task method that completes without suspending cost less than 100 ns more per call than a plain method?",
    Thresholds = [100], Answers = [Answer.Yes, Answer.No],
    Mechanism = [MetricIds.AllocatedBytes, MetricIds.CompletedWorkItems])]
[Claim(2, "async-valuetask-costs-little-until-it-suspends", ClaimMeasure.Difference, nameof(AsyncValueTaskCompletingSynchronously), nameof(SyncMethod),
    Question = "Does an async ValueTask method that completes without suspending cost less than 100 ns more per call than a plain method?",
    Thresholds = [100], Answers = [Answer.Yes, Answer.No],
    Mechanism = [MetricIds.AllocatedBytes, MetricIds.CompletedWorkItems])]
// The same by ratio, beside the absolute cost: a tiny method's ratio can be large while its cost is a few ns.
[Claim(2, "async-at-most-doubles-a-tiny-call", ClaimMeasure.Ratio, nameof(AsyncTaskCompletingSynchronously), nameof(SyncMethod),
    Question = "Does the async keyword alone (no suspension) at most double the cost of a tiny call?",
    Thresholds = [2.0], Answers = [Answer.Yes, Answer.No],
    Mechanism = [MetricIds.AllocatedBytes])]
// Where the cost is: a suspension queues its continuation to the pool (a work item per call), about a microsecond.
[Claim(2, "suspending-is-where-the-cost-is", ClaimMeasure.Difference, nameof(AsyncTaskSuspending), nameof(AsyncTaskCompletingSynchronously), Quoted = true,
    Question = "Does suspending (one pool work item) cost at least 1 μs more per call than completing synchronously?",
    Thresholds = [1000], Answers = [Answer.No, Answer.Yes],
    Mechanism = [MetricIds.CompletedWorkItems, MetricIds.AllocatedBytes])]
public class AsyncMethodBenchmarks
{
    /// <summary>The method's work: sum these. An array field, so the JIT cannot fold it away, and a few
    /// nanoseconds of work, so the synchronous baseline is measurable and the Ratio column defined.</summary>
    private readonly int[] numbers = [.. Enumerable.Range(1, 16)];

    [Benchmark(Baseline = true)]
    [InWords("a plain method")]
    public int SyncMethod() => Sum();

    [Benchmark]
    [InWords("an async method that does not suspend")]
    public Task<int> AsyncTaskCompletingSynchronously() => SumTaskAsync(suspend: false);

    [Benchmark]
    [InWords("an async ValueTask method that does not suspend")]
    public ValueTask<int> AsyncValueTaskCompletingSynchronously() => SumValueTaskAsync(suspend: false);

    [Benchmark]
    [InWords("an async method that suspends once")]
    public Task<int> AsyncTaskSuspending() => SumTaskAsync(suspend: true);

    [Benchmark]
    [InWords("an async ValueTask method that suspends once")]
    public ValueTask<int> AsyncValueTaskSuspending() => SumValueTaskAsync(suspend: true);

    private int Sum() => Check(SumNumbers());

    private int SumNumbers()
    {
        var sum = 0;
        foreach (var number in numbers)
        {
            sum += number;
        }

        return sum;
    }

    private async Task<int> SumTaskAsync(bool suspend)
    {
        if (suspend)
        {
            await Task.Yield();
        }

        return Check(SumNumbers());
    }

    private async ValueTask<int> SumValueTaskAsync(bool suspend)
    {
        if (suspend)
        {
            await Task.Yield();
        }

        return Check(SumNumbers());
    }

    private static int Check(int result) =>
        result == 136 ? result : throw new WorkloadCheckException($"The method returned {result}; expected 136 (1 + 2 + ... + 16).");
}
