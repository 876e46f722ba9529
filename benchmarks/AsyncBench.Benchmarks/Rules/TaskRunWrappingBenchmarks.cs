using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Http;
using BenchmarkDotNet.Attributes;

namespace AsyncBench.Benchmarks.Rules;

/// <summary>
/// Rule 6: wrapping a synchronous call to await it. <c>Task.Run(() => SyncCall())</c> for each unit,
/// awaited with WhenAll, versus the native async API under the same WhenAll (baseline), against the
/// HTTP fixture (blocking <see cref="HttpClient.Send(HttpRequestMessage)"/> versus
/// <see cref="HttpClient.SendAsync(HttpRequestMessage, CancellationToken)"/>). Unlike Python's
/// sync_to_async, the wrapped calls do run at once, but each holds a pool thread for its whole
/// request, so at fan-out the batch waits on thread injection. Every invocation starts from a pool
/// back at its minimum (<see cref="FreshThreadPoolBenchmarks"/>).
/// </summary>
[BenchmarkCategory(Categories.Rules, Categories.TaskRunWrapping)]
public class TaskRunWrappingBenchmarks : FreshThreadPoolBenchmarks, IDeclaresFloor
{
    private HttpWorkload? workload;

    [Params(
        10,    // A small fan-out: a few pool threads suffice.
        100,   // Past the minimum pool size (2 on a 2-core machine): wrapped calls wait for threads.
        1000)] // The upper bound: one blocked pool thread per request in flight.
    public int Count { get; set; }

    [Params(
        20)] // A typical service call's wait, which a held thread spends doing nothing.
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
    public Task NativeAsync() => Strategies.WhenAllAsync(Workload, Count);

    [Benchmark]
    [Concurrency(nameof(Count))]
    public Task TaskRunWrapped() => WrapEachAsync(Workload, Count);

    /// <summary>Each unit's blocking form inside <see cref="Task.Run(Action)"/>, all awaited with WhenAll.</summary>
    public static async Task WrapEachAsync(IWorkload workload, int count)
    {
        var tasks = new Task[count];
        for (var unit = 0; unit < count; unit++)
        {
            var current = unit;
            tasks[unit] = Task.Run(() => workload.Run(current));
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
    }
}
