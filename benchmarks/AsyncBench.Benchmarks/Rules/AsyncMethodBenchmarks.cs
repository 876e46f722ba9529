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
[BenchmarkCategory(Categories.Rules, Categories.AsyncMethod)]
[SteadyState] // Nanoseconds per call: warmed past tiered compilation and sized in every profile.
[RuleComparison(2, nameof(AsyncTaskSuspending), nameof(AsyncTaskCompletingSynchronously), "", Question = "Does an async method cost little until it actually suspends?")]
[RuleComparison(2, nameof(AsyncTaskCompletingSynchronously), nameof(SyncMethod), "", Question = "Does the async keyword alone (no suspension) cost more than a plain call?",
    IfLarge = RuleOutcome.HoldsDifferently, IfSmall = RuleOutcome.Holds, IfNone = RuleOutcome.Holds, Control = true)]
public class AsyncMethodBenchmarks
{
    /// <summary>The method's work: sum these. An array field, so the JIT cannot fold it away, and a few
    /// nanoseconds of work, so the synchronous baseline is measurable and the Ratio column defined.</summary>
    private readonly int[] numbers = [.. Enumerable.Range(1, 16)];

    [Benchmark(Baseline = true)]
    public int SyncMethod() => Sum();

    [Benchmark]
    public Task<int> AsyncTaskCompletingSynchronously() => SumTaskAsync(suspend: false);

    [Benchmark]
    public ValueTask<int> AsyncValueTaskCompletingSynchronously() => SumValueTaskAsync(suspend: false);

    [Benchmark]
    public Task<int> AsyncTaskSuspending() => SumTaskAsync(suspend: true);

    [Benchmark]
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
