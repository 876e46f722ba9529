using System.Diagnostics;
using BenchmarkDotNet.Attributes;

namespace AsyncBench.Benchmarks.Rules;

/// <summary>
/// Base of the benchmarks that make the thread pool grow (rules 4, 6, 7). Before each invocation it
/// waits until idle pool threads have retired and the pool is back at its minimum
/// (<see cref="ThreadPool.GetMinThreads"/>, the processor count by default), the state of a fresh
/// process: below the minimum the pool creates threads on demand without delay, above it only by
/// injection, which is what starvation is made of. The pool's thread count when the invocation starts
/// and ends is recorded for every class (the ThreadsBefore / ThreadsAfter metrics, <see cref="Observing.CaseObserver"/>).
/// Why this way: raising the minimum (<see cref="ThreadPool.SetMinThreads"/>) would hide the very
/// starvation measured; a process per invocation is not how BenchmarkDotNet runs iterations; and with
/// the runtime's default 20 s idle timeout a grown pool would still be there for the next invocation,
/// or each wait would cost 20 s. Waiting cost: about 0.3 s per iteration after a case that grew the pool.
/// </summary>
[FreshThreadPool]
public abstract class FreshThreadPoolBenchmarks
{
    /// <summary>Long enough for every idle thread to retire a few times over; a pool still busy after it shows in ThreadsBefore.</summary>
    private static readonly TimeSpan MaxIdleWait = TimeSpan.FromSeconds(10);

    [IterationSetup]
    public void WaitForIdlePool() => WaitUntilPoolIsAtMinimum(MaxIdleWait);

    /// <summary>Sleeps until the pool has no more threads than its minimum, or <paramref name="maxWait"/> has passed.</summary>
    public static int WaitUntilPoolIsAtMinimum(TimeSpan maxWait)
    {
        ThreadPool.GetMinThreads(out var minimum, out _);
        var waited = Stopwatch.StartNew();
        while (ThreadPool.ThreadCount > minimum && waited.Elapsed < maxWait)
        {
            Thread.Sleep(20);
        }

        return ThreadPool.ThreadCount;
    }
}
