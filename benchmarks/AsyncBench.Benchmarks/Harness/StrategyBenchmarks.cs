using AsyncBench.Benchmarks.Declarations;
using BenchmarkDotNet.Attributes;

namespace AsyncBench.Benchmarks.Harness;

/// <summary>
/// The strategy benchmarks, written once. A workload's benchmark class derives from this,
/// declares its <see cref="Count"/> values and its own [Params], and starts its workload.
/// The method names are benchmark IDs that results line up by: never rename them.
/// </summary>
public abstract class StrategyBenchmarks
{
    private IWorkload? workload;
    private DedicatedThreadSet? dedicatedThreads;

    /// <summary>Units in one batch (one benchmark invocation). Declare it with [Params] in the derived class.</summary>
    public abstract int Count { get; set; }

    /// <summary>Degrees of parallelism for <see cref="ParallelForEachAsync"/>.</summary>
    public static IEnumerable<int> DegreesOfParallelism =>
    [
        -1, // Parallel.ForEachAsync's default: Environment.ProcessorCount, sized for CPU work.
        64, // Sized for I/O: many waits in flight, still bounded.
    ];

    /// <summary>
    /// The degrees a reviewer's run (Running.ParamsOverride, with a Count given) sweeps <see cref="ParallelForEachAsync"/>
    /// over instead of <see cref="DegreesOfParallelism"/>: 1, 2, 4, ... doubling below <paramref name="count"/>, then
    /// <paramref name="count"/> itself (all at once), so the page shows where more in flight stops paying.
    /// </summary>
    public static IReadOnlyList<int> DegreeSweep(int count)
    {
        var degrees = new List<int>();
        for (var degree = 1; degree < count; degree *= 2)
        {
            degrees.Add(degree);
        }

        degrees.Add(Math.Max(count, 1));
        return degrees;
    }

    protected IWorkload Workload => workload ?? throw new InvalidOperationException("GlobalSetup has not run.");

    [GlobalSetup]
    public Task GlobalSetupAsync() => SetUpAsync(withDedicatedThreads: false);

    /// <summary>
    /// <see cref="DedicatedThreads"/>'s setup, for that benchmark only (BenchmarkDotNet runs the one [GlobalSetup] whose
    /// Target names the benchmark, else the untargeted one): the same as <see cref="GlobalSetupAsync"/>, plus Count
    /// threads started and run once, untimed, so no invocation pays for starting them.
    /// </summary>
    [GlobalSetup(Target = nameof(DedicatedThreads))]
    public Task DedicatedThreadsSetupAsync() => SetUpAsync(withDedicatedThreads: true);

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
        dedicatedThreads?.Dispose();
        dedicatedThreads = null;
        if (workload is not null)
        {
            await workload.DisposeAsync().ConfigureAwait(false);
            workload = null;
        }
    }

    [Benchmark(Baseline = true)]
    [Concurrency(1)]
    [InWords("a blocking loop")]
    public void Serial() => Strategies.Serial(Workload, Count);

    [Benchmark]
    [Concurrency(1)]
    [InWords("async calls awaited one at a time")]
    public Task SerialAwait() => Strategies.SerialAwaitAsync(Workload, Count);

    [Benchmark]
    [Concurrency(nameof(Count))]
    [InWords("blocking calls on a new thread each")]
    public void ThreadPerRequest() => Strategies.ThreadPerRequest(Workload, Count);

    /// <summary>
    /// Blocking calls at the same concurrency as <see cref="WhenAll"/> on threads started in setup: async against
    /// blocking without thread start-up. <see cref="ThreadPerRequest"/> ÷ this is what starting the threads costs.
    /// </summary>
    [Benchmark]
    [Concurrency(nameof(Count))]
    [InWords("blocking threads")]
    public void DedicatedThreads() =>
        Strategies.DedicatedThreads(dedicatedThreads ?? throw new InvalidOperationException("DedicatedThreads' GlobalSetup has not run."));

    [Benchmark]
    [ArgumentsSource(nameof(DegreesOfParallelism))]
    [Concurrency(nameof(maxDegreeOfParallelism))]
    [InWords("Parallel.ForEachAsync")]
    public Task ParallelForEachAsync(int maxDegreeOfParallelism) =>
        Strategies.ParallelForEachAsync(Workload, Count, maxDegreeOfParallelism);

    [Benchmark]
    [Concurrency(nameof(Count))]
    [InWords("async calls")]
    public Task WhenAll() => Strategies.WhenAllAsync(Workload, Count);

    private async Task SetUpAsync(bool withDedicatedThreads)
    {
        workload = await StartWorkloadAsync().ConfigureAwait(false);
        await WarmUpAsync(workload, Count).ConfigureAwait(false);
        if (withDedicatedThreads)
        {
            dedicatedThreads = new DedicatedThreadSet(workload, Count);
            dedicatedThreads.RunBatch(); // each thread's first unit (JIT, connections) outside the timed code
        }

        await AfterWarmUpAsync().ConfigureAwait(false);
    }

    /// <summary>Starts the fixture and returns the workload on it, for the current parameters.</summary>
    protected abstract Task<IWorkload> StartWorkloadAsync();

    /// <summary>Runs after the warm-up, e.g. to reset fixture state the warm-up changed.</summary>
    protected virtual Task AfterWarmUpAsync() => Task.CompletedTask;
}
