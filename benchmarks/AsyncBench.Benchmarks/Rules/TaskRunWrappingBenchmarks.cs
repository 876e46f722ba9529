using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Http;
using BenchmarkDotNet.Attributes;
using AsyncBench.Benchmarks.Declarations;
using AsyncBench.Protocol;

namespace AsyncBench.Benchmarks.Rules;

/// <summary>
/// Rule 6: wrapping a synchronous call to await it. <c>Task.Run(() => SyncCall())</c> for each unit,
/// awaited with WhenAll, versus the native async API under the same WhenAll (baseline), against the
/// HTTP fixture (blocking <see cref="HttpClient.Send(HttpRequestMessage)"/> versus
/// <see cref="HttpClient.SendAsync(HttpRequestMessage, CancellationToken)"/>). Python's sync_to_async
/// still runs the wrapped calls one after another; how many wrapped calls ran at once here is observed
/// (Units.PeakInFlight on the client, PeakInFlight at the server). Each holds a pool thread for its whole
/// request, so at fan-out the batch waits on thread injection. Every invocation starts from a pool
/// back at its minimum (<see cref="FreshThreadPoolBenchmarks"/>). <see cref="Serial"/>, the blocking calls in a
/// loop, is what the post says wrapping amounts to; the quick profile leaves it out at Count=1000 (20 s).
/// </summary>
[BenchmarkCategory(RuleCategories.Rules, RuleCategories.TaskRunWrapping)]
[ClaimTarget("HTTP GETs wrapped in Task.Run", Fixture = "the mock server", Name = "wrapped HTTP GETs")]
// Count=100: past the minimum pool size, where each wrapped call needs a thread of its own. The post's prediction
// is about a mechanism: "inside they still run one after another" is decided by how many ran at once (two or more: not one after another).
[Claim(6, "wrapped-calls-run-one-after-another", nameof(TaskRunWrapped), MetricIds.UnitsPeakInFlight, Setting = "Count=100&LatencyMs=20", Deciding = true,
    Question = "Do wrapped blocking calls run one after another?",
    Thresholds = [2.0], Answers = [Answer.Yes, Answer.No],
    Mechanism = [HttpMetricIds.PeakInFlight, MetricIds.ThreadsBefore, MetricIds.ThreadsAfter])]
// What "one after another" would cost: no gain (under 10 %) over the same blocking calls in a loop.
[Claim(6, "wrapping-gains-nothing-over-a-loop", ClaimMeasure.Ratio, nameof(Serial), nameof(TaskRunWrapped), Setting = "Count=100&LatencyMs=20",
    Question = "Do wrapped calls gain less than 10 % over a blocking loop?",
    Thresholds = [1.1], Answers = [Answer.Yes, Answer.No],
    Mechanism = [MetricIds.UnitsPeakInFlight, HttpMetricIds.PeakInFlight])]
// Each wrapped call holds a pool thread for its whole request: it costs more than the native async API (10 % or more), as in Python.
[Claim(6, "wrapping-costs-more-than-native-async", ClaimMeasure.Ratio, nameof(TaskRunWrapped), nameof(NativeAsync), Setting = "Count=100&LatencyMs=20", Quoted = true,
    Question = "All started at once: do the wrapped blocking calls, a pool thread each, take 10 % or more longer than the native async calls on the pool's threads?",
    Thresholds = [1.1], Answers = [Answer.No, Answer.Yes],
    Mechanism = [MetricIds.ThreadsBefore, MetricIds.ThreadsAfter, MetricIds.UnitsPeakInFlight, MetricIds.CompletedWorkItems])]
public class TaskRunWrappingBenchmarks : FreshThreadPoolBenchmarks, IDeclaresFloor
{
    private readonly HttpRuleWorkload http = new();

    [Params(
        10,    // A small fan-out: a few pool threads suffice.
        100,   // Past the minimum pool size (2 on a 2-core machine): wrapped calls wait for threads.
        1000)] // The upper bound: one blocked pool thread per request in flight.
    public int Count { get; set; }

    [Params(
        20)] // A typical service call's wait, which a held thread spends doing nothing.
    public int LatencyMs { get; set; }

    private HttpWorkload Workload => http.Workload;

    [GlobalSetup]
    public Task GlobalSetupAsync() => http.StartAsync(LatencyMs, Count);

    [GlobalCleanup]
    public Task GlobalCleanupAsync() => http.StopAsync();

    public string? RealTargetVariable => HttpWorkload.RealTargetVariable;

    public WorkloadFloor Floor(double? measuredTargetLatencyMs) => HttpWorkload.Floor(measuredTargetLatencyMs, LatencyMs);

    [Benchmark(Baseline = true)]
    [Concurrency(nameof(Count))]
    [InWords("native async calls")]
    public Task NativeAsync() => Strategies.WhenAllAsync(Workload, Count);

    [Benchmark]
    [Concurrency(nameof(Count))]
    [InWords("calls wrapped in Task.Run")]
    public Task TaskRunWrapped() => WrapEachAsync(Workload, Count);

    /// <summary>The same blocking calls one after another: what the post says wrapping still amounts to.</summary>
    [Benchmark]
    [Concurrency(1)]
    [InWords("a blocking loop")]
    public void Serial() => Strategies.Serial(Workload, Count);

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
