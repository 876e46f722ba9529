namespace AsyncBench.Benchmarks.Harness;

/// <summary>
/// The ways of running a batch of <c>count</c> units that AsyncBench compares. Written once; every
/// workload runs through these. Each throws if any unit failed.
/// </summary>
public static class Strategies
{
    /// <summary>Blocking calls, one after another: the baseline.</summary>
    public static void Serial(IWorkload workload, int count)
    {
        for (var unit = 0; unit < count; unit++)
        {
            workload.Run(unit);
        }
    }

    /// <summary>Asynchronous calls awaited one at a time: async API without concurrency.</summary>
    public static async Task SerialAwaitAsync(IWorkload workload, int count, CancellationToken cancellationToken = default)
    {
        for (var unit = 0; unit < count; unit++)
        {
            await workload.RunAsync(unit, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One dedicated thread per unit, each making blocking calls; all joined.</summary>
    public static void ThreadPerRequest(IWorkload workload, int count)
    {
        var failures = new Exception?[count];
        var threads = new Thread[count];
        for (var unit = 0; unit < count; unit++)
        {
            var current = unit;
            threads[unit] = new Thread(() =>
            {
                try
                {
                    workload.Run(current);
                }
#pragma warning disable CA1031 // Collected and rethrown below, after every thread is joined.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    failures[current] = ex;
                }
            })
            {
                IsBackground = true,
                Name = "AsyncBench unit " + current,
            };
        }

        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        ThrowIfAnyFailed(failures);
    }

    /// <summary>
    /// One batch on threads started beforehand (<see cref="DedicatedThreadSet"/>), each making blocking calls:
    /// blocking at the same concurrency as <see cref="ThreadPerRequest"/> and WhenAll, without thread start-up.
    /// </summary>
    public static void DedicatedThreads(DedicatedThreadSet threads)
    {
        ArgumentNullException.ThrowIfNull(threads);
        threads.RunBatch();
    }

    /// <summary>
    /// <see cref="Parallel.ForEachAsync{TSource}(IEnumerable{TSource}, ParallelOptions, Func{TSource, CancellationToken, ValueTask})"/>
    /// over the asynchronous form. <paramref name="maxDegreeOfParallelism"/> -1 keeps the method's
    /// default, which is <see cref="Environment.ProcessorCount"/>.
    /// </summary>
    public static Task ParallelForEachAsync(IWorkload workload, int count, int maxDegreeOfParallelism, CancellationToken cancellationToken = default)
    {
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        if (maxDegreeOfParallelism != -1)
        {
            options.MaxDegreeOfParallelism = maxDegreeOfParallelism;
        }

        return Parallel.ForEachAsync(Enumerable.Range(0, count), options, workload.RunAsync);
    }

    /// <summary>Starts every unit's asynchronous form, then awaits them all with <see cref="Task.WhenAll(Task[])"/>.</summary>
    public static async Task WhenAllAsync(IWorkload workload, int count, CancellationToken cancellationToken = default)
    {
        var tasks = new Task[count];
        for (var unit = 0; unit < count; unit++)
        {
            tasks[unit] = workload.RunAsync(unit, cancellationToken).AsTask();
        }

        var all = Task.WhenAll(tasks);
        try
        {
            await all.ConfigureAwait(false);
        }
        catch when (all.Exception is { InnerExceptions.Count: > 1 } aggregate)
        {
            // await rethrows only the first failure; report how many units failed.
            throw new AggregateException($"{aggregate.InnerExceptions.Count} of {count} units failed.", aggregate.InnerExceptions);
        }
    }

    /// <summary>Throws an <see cref="AggregateException"/> naming how many units failed; allocates nothing when none did.</summary>
    internal static void ThrowIfAnyFailed(Exception?[] failures)
    {
        if (Array.TrueForAll(failures, f => f is null))
        {
            return;
        }

        var failed = failures.Where(f => f is not null).Cast<Exception>().ToList();
        if (failed.Count == 1)
        {
            throw new AggregateException($"1 of {failures.Length} units failed: {failed[0].Message}", failed);
        }

        if (failed.Count > 1)
        {
            throw new AggregateException($"{failed.Count} of {failures.Length} units failed; the first: {failed[0].Message}", failed);
        }
    }
}
