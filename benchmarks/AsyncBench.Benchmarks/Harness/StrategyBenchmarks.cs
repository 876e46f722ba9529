using BenchmarkDotNet.Attributes;

namespace AsyncBench.Benchmarks.Harness;

/// <summary>
/// The five strategy benchmarks, written once. A workload's benchmark class derives from this,
/// declares its <see cref="Count"/> values and its own [Params], and starts its workload.
/// The method names are benchmark IDs that results line up by: never rename them.
/// </summary>
public abstract class StrategyBenchmarks
{
    private IWorkload? workload;

    /// <summary>Units in one batch (one benchmark invocation). Declare it with [Params] in the derived class.</summary>
    public abstract int Count { get; set; }

    /// <summary>Degrees of parallelism for <see cref="ParallelForEachAsync"/>.</summary>
    public static IEnumerable<int> DegreesOfParallelism =>
    [
        -1, // Parallel.ForEachAsync's default: Environment.ProcessorCount, sized for CPU work.
        64, // Sized for I/O: many waits in flight, still bounded.
    ];

    protected IWorkload Workload => workload ?? throw new InvalidOperationException("GlobalSetup has not run.");

    [GlobalSetup]
    public async Task GlobalSetupAsync()
    {
        workload = await StartWorkloadAsync().ConfigureAwait(false);
        await WarmUpAsync(workload, Count).ConfigureAwait(false);
        await AfterWarmUpAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Warms the fixture and the client (connections, pools, JIT of both forms) so no measured
    /// invocation pays a first-call cost; a concurrent batch grows pools to what <paramref name="count"/> needs.
    /// </summary>
    public static async Task WarmUpAsync(IWorkload workload, int count)
    {
        ArgumentNullException.ThrowIfNull(workload);
        workload.Run(0);
        await workload.RunAsync(0, CancellationToken.None).ConfigureAwait(false);
        await Strategies.WhenAllAsync(workload, count).ConfigureAwait(false);
    }

    [GlobalCleanup]
    public async Task GlobalCleanupAsync()
    {
        if (workload is not null)
        {
            await workload.DisposeAsync().ConfigureAwait(false);
            workload = null;
        }
    }

    [Benchmark(Baseline = true)]
    [Concurrency(1)]
    public void Serial() => Strategies.Serial(Workload, Count);

    [Benchmark]
    [Concurrency(1)]
    public Task SerialAwait() => Strategies.SerialAwaitAsync(Workload, Count);

    [Benchmark]
    [Concurrency(nameof(Count))]
    public void ThreadPerRequest() => Strategies.ThreadPerRequest(Workload, Count);

    [Benchmark]
    [ArgumentsSource(nameof(DegreesOfParallelism))]
    [Concurrency(nameof(maxDegreeOfParallelism))]
    public Task ParallelForEachAsync(int maxDegreeOfParallelism) =>
        Strategies.ParallelForEachAsync(Workload, Count, maxDegreeOfParallelism);

    [Benchmark]
    [Concurrency(nameof(Count))]
    public Task WhenAll() => Strategies.WhenAllAsync(Workload, Count);

    /// <summary>Starts the fixture and returns the workload on it, for the current parameters.</summary>
    protected abstract Task<IWorkload> StartWorkloadAsync();

    /// <summary>Runs after the warm-up, e.g. to reset fixture state the warm-up changed.</summary>
    protected virtual Task AfterWarmUpAsync() => Task.CompletedTask;
}
