namespace AsyncBench.Benchmarks.Harness;

/// <summary>
/// <see cref="Count"/> threads started once, outside the timed code, each owning one unit number. Each batch
/// (<see cref="RunBatch"/>) releases every thread to run its unit with blocking calls and waits for all of them:
/// blocking I/O at the same concurrency as WhenAll, without thread start-up (ThreadPerRequest's cost) in the batch.
/// A thread waits for its own signal, so each runs exactly its own unit once per batch. Nothing is allocated per
/// batch unless a unit fails.
/// </summary>
public sealed class DedicatedThreadSet : IDisposable
{
    private readonly IWorkload workload;
    private readonly Thread[] threads;
    private readonly SemaphoreSlim[] release;
    private readonly CountdownEvent finished;
    private readonly Exception?[] failures;
    private volatile bool stopping;

    /// <summary>Starts <paramref name="count"/> threads, each waiting for its first batch.</summary>
    public DedicatedThreadSet(IWorkload workload, int count)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        this.workload = workload;
        release = [.. Enumerable.Range(0, count).Select(_ => new SemaphoreSlim(0, 1))];
        finished = new CountdownEvent(Math.Max(1, count));
        failures = new Exception?[count];
        threads = new Thread[count];
        for (var unit = 0; unit < count; unit++)
        {
            var own = unit;
            threads[unit] = new Thread(() => Serve(own))
            {
                IsBackground = true, // a unit stuck in a blocking call must not keep the process alive
                Name = "AsyncBench dedicated " + own,
            };
            threads[unit].Start();
        }
    }

    public int Count => threads.Length;

    /// <summary>Every thread runs its unit once; returns when all have finished, and throws if any failed.</summary>
    public void RunBatch()
    {
        ObjectDisposedException.ThrowIf(stopping, this);
        if (threads.Length == 0)
        {
            return;
        }

        Array.Clear(failures);
        finished.Reset(threads.Length);
        foreach (var signal in release)
        {
            signal.Release();
        }

        finished.Wait();
        Strategies.ThrowIfAnyFailed(failures);
    }

    /// <summary>Stops and joins every thread.</summary>
    public void Dispose()
    {
        if (stopping)
        {
            return;
        }

        stopping = true;
        foreach (var signal in release)
        {
            signal.Release();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        foreach (var signal in release)
        {
            signal.Dispose();
        }

        finished.Dispose();
    }

    private void Serve(int unit)
    {
        while (true)
        {
            release[unit].Wait();
            if (stopping)
            {
                return;
            }

            try
            {
                workload.Run(unit);
            }
#pragma warning disable CA1031 // Collected and rethrown by RunBatch, after every thread has finished.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures[unit] = ex;
            }
            finally
            {
                finished.Signal();
            }
        }
    }
}
