using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;

namespace AsyncBench.Benchmarks.Rules;

/// <summary>
/// Base of the benchmarks that make the thread pool grow (rules 4, 6, 7). Before each invocation it brings the
/// pool to exactly its minimum (<see cref="ThreadPool.GetMinThreads"/>, the processor count by default), the state
/// every side of a comparison starts from: it waits until idle pool threads have retired down to the minimum, and
/// when fewer are left (idle threads retire below it too: a side once started at 0 threads and its baseline at 2),
/// it starts the missing ones by queueing work items that wait for each other (below its minimum the pool starts a
/// thread per queued item at once). Above the minimum the pool adds threads only by injection, which is what
/// starvation is made of. The pool's thread count when the invocation starts and ends is recorded for every class
/// (the ThreadsBefore / ThreadsAfter metrics, <see cref="Observing.CaseObserver"/>).
/// Why this way: raising the minimum (<see cref="ThreadPool.SetMinThreads"/>) would hide the very starvation
/// measured; a process per invocation is not how BenchmarkDotNet runs iterations; and with the runtime's default
/// 20 s idle timeout a grown pool would still be there for the next invocation, or each wait would cost 20 s.
/// Waiting cost: about 0.3 s per iteration after a case that grew the pool.
/// </summary>
[FreshThreadPool]
public abstract class FreshThreadPoolBenchmarks
{
    /// <summary>Long enough for every idle thread to retire a few times over.</summary>
    private static readonly TimeSpan MaxIdleWait = TimeSpan.FromSeconds(10);

    [IterationSetup]
    public void StartFromMinimumPool()
    {
        var threads = BringPoolToMinimum(MaxIdleWait);
        ThreadPool.GetMinThreads(out var minimum, out _);
        if (threads != minimum)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"The thread pool has {threads} threads after {MaxIdleWait.TotalSeconds} s, not its minimum of {minimum}: the invocation would not start from the state every side starts from. Something else in the process keeps pool threads busy."));
        }
    }

    /// <summary>
    /// Waits until the pool has no more threads than its minimum, then starts the missing ones, until it has exactly
    /// the minimum or <paramref name="maxWait"/> has passed; returns the pool's thread count.
    /// </summary>
    public static int BringPoolToMinimum(TimeSpan maxWait)
    {
        ThreadPool.GetMinThreads(out var minimum, out _);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            while (ThreadPool.ThreadCount > minimum && waited.Elapsed < maxWait)
            {
                Thread.Sleep(20);
            }

            if (ThreadPool.ThreadCount < minimum)
            {
                OccupyAtOnce(minimum, maxWait - waited.Elapsed);
            }

            if (ThreadPool.ThreadCount == minimum || waited.Elapsed >= maxWait)
            {
                return ThreadPool.ThreadCount;
            }
        }
    }

    /// <summary>
    /// Queues <paramref name="threads"/> work items that each wait until all of them run: the pool must run them on
    /// that many threads at once. Returns when all have finished (or after <paramref name="maxWait"/>, released anyway).
    /// </summary>
    private static void OccupyAtOnce(int threads, TimeSpan maxWait)
    {
        using var arrived = new CountdownEvent(threads);
        using var left = new CountdownEvent(threads);
        using var release = new ManualResetEventSlim();
        for (var i = 0; i < threads; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(
                _ =>
                {
                    arrived.Signal();
                    release.Wait();
                    left.Signal();
                },
                null);
        }

        arrived.Wait(maxWait < TimeSpan.Zero ? TimeSpan.Zero : maxWait);
        release.Set();
        left.Wait();
    }
}
