using AsyncBench.Benchmarks.Harness;
using BenchmarkDotNet.Attributes;
using AsyncBench.Benchmarks.Declarations;

namespace AsyncBench.Benchmarks.Rules;

/// <summary>
/// Rule 7: waiting inside async code with <see cref="Thread.Sleep(int)"/> versus <c>await Task.Delay</c>,
/// Count async units fanned out with <see cref="Task.WhenAll(Task[])"/>. Each unit first yields to the
/// thread pool (as it would after any awaited I/O), then waits <see cref="WaitMs"/>. A sleeping unit holds
/// its pool thread for the whole wait; the pool starts at its minimum (the processor count) and adds
/// threads only slowly, so the batch queues behind the sleepers. The delaying unit holds no thread.
/// Every invocation starts from a pool shrunk back to its minimum (<see cref="FreshThreadPoolBenchmarks"/>);
/// ThreadsBefore / ThreadsAfter and BenchmarkDotNet's Completed Work Items show what the pool did.
/// Each unit returns its number and the batch checks all of them.
/// </summary>
[BenchmarkCategory(Categories.Rules, Categories.BlockingInAsync)]
// Count=100: past the minimum pool size, where sleeping units must wait for injected threads.
[RuleComparison(7, nameof(SleepInAsync), nameof(DelayInAsync), "Count=100", Question = "Does Thread.Sleep inside async units cost more than await Task.Delay?")]
public class BlockingInAsyncBenchmarks : FreshThreadPoolBenchmarks, IDeclaresFloor
{
    /// <summary>Each unit's wait: a short I/O-like pause, long next to the pool's scheduling cost.</summary>
    public const int WaitMs = 10;

    [Params(
        10,    // Fewer units than a small machine's minimum pool threads times a few: little to starve.
        100,   // Well past the minimum (2 on a 2-core machine): the pool must inject threads.
        1000)] // A burst: sleeping units wait on injection, one or two threads per second.
    public int Count { get; set; }

    /// <summary>No real target: each unit's wait is its own <see cref="WaitMs"/>.</summary>
    public string? RealTargetVariable => null;

    public WorkloadFloor Floor(double? measuredTargetLatencyMs) => new(WaitMs);

    [Benchmark(Baseline = true)]
    [Concurrency(nameof(Count))]
    public Task DelayInAsync() => RunBatchAsync(DelayUnitAsync, Count);

    [Benchmark]
    [Concurrency(nameof(Count))]
    public Task SleepInAsync() => RunBatchAsync(SleepUnitAsync, Count);

    public static async Task<int> DelayUnitAsync(int unit)
    {
        await Task.Yield();
        await Task.Delay(WaitMs).ConfigureAwait(false);
        return unit;
    }

    public static async Task<int> SleepUnitAsync(int unit)
    {
        await Task.Yield();
        Thread.Sleep(WaitMs);
        return unit;
    }

    /// <summary>Starts every unit, awaits them all with WhenAll, and checks that each returned its own number.</summary>
    public static async Task RunBatchAsync(Func<int, Task<int>> unitAsync, int count)
    {
        ArgumentNullException.ThrowIfNull(unitAsync);
        var tasks = new Task<int>[count];
        for (var unit = 0; unit < count; unit++)
        {
            tasks[unit] = unitAsync(unit);
        }

        var results = await Task.WhenAll(tasks).ConfigureAwait(false);
        CheckUnitNumbers(results);
    }

    /// <summary>Throws unless <paramref name="results"/>[i] == i for every unit.</summary>
    public static void CheckUnitNumbers(IReadOnlyList<int> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        for (var unit = 0; unit < results.Count; unit++)
        {
            if (results[unit] != unit)
            {
                throw new WorkloadCheckException($"Unit {unit} returned {results[unit]}; every unit must return its own number.");
            }
        }
    }
}
