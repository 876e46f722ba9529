using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Http;
using BenchmarkDotNet.Attributes;
using AsyncBench.Benchmarks.Declarations;
using AsyncBench.Protocol;

namespace AsyncBench.Benchmarks.Rules;

/// <summary>
/// Rule 5: running many async calls together. WhenAll over every unit (gather, the baseline),
/// <see cref="Task.WhenEach{TResult}(Task{TResult}[])"/> (same fan-out, results handled as they
/// complete), and <see cref="Parallel.ForEachAsync{TSource}(IEnumerable{TSource}, ParallelOptions, Func{TSource, CancellationToken, ValueTask})"/>
/// with its default degree of parallelism (<see cref="Environment.ProcessorCount"/>, sized for CPU work)
/// versus one sized for the I/O. With a fixed wait per request, a DOP of d needs about
/// Count / d × LatencyMs, whatever the machine's core count.
/// </summary>
[BenchmarkCategory(RuleCategories.Rules, RuleCategories.DegreeOfParallelism)]
[ClaimTarget("HTTP GETs of 5 ms", Fixture = "the mock server", Name = "HTTP GETs of 5 ms", Family = "HTTP")]
// gather is WhenAll: it runs the calls together when at least two were in progress at once on the client.
[Claim(5, "gather-runs-together", nameof(WhenAll), MetricIds.UnitsPeakInFlight, Setting = "Count=100&LatencyMs=5", Deciding = true,
    Question = IoTargetClaims.RunTogether,
    Thresholds = [2.0], Answers = [Answer.No, Answer.Yes],
    Mechanism = [HttpMetricIds.PeakInFlight, MetricIds.CompletedWorkItems])]
// Parallel.ForEachAsync at its default degree is the .NET API a reader may reach for instead: if it were within
// 10 % of WhenAll, reaching for gather would not matter; 10 % or more slower, it does (the rule holds).
[Claim(5, "default-degree-is-not-gather", ClaimMeasure.Ratio, nameof(ParallelForEachAsync) + "(maxDegreeOfParallelism=-1)", nameof(WhenAll), Setting = "Count=100&LatencyMs=5", Quoted = true,
    SideWords = "Parallel.ForEachAsync at its default degree",
    Question = "Does Parallel.ForEachAsync at its default degree take 10 % or more longer than gather (WhenAll)?",
    Thresholds = [1.1], Answers = [Answer.No, Answer.Yes],
    Mechanism = [MetricIds.UnitsPeakInFlight, HttpMetricIds.PeakInFlight])]
public class DegreeOfParallelismBenchmarks : IDeclaresFloor
{
    /// <summary>
    /// The harness's degrees: -1 (the default, sized for CPU work) and 64, sized for I/O: by Little's
    /// law, in flight = rate × latency, and 64 in flight keep a 5 ms service at ~12,800 requests/s,
    /// more than one loopback client on 2 cores can drive.
    /// </summary>
    public static IEnumerable<int> DegreesOfParallelism => StrategyBenchmarks.DegreesOfParallelism;

    private readonly HttpRuleWorkload http = new();

    [Params(
        100,   // The smaller batch: the default DOP needs Count / cores round trips.
        1000)] // The larger batch: the gap grows with Count.
    public int Count { get; set; }

    [Params(
        5)] // A short wait, so the default DOP at Count=100 (100 / 2 × 5 ms) fits the quick profile; at Count=1000
            // (2.5 s nominal, ~4 s measured per invocation) the quick profile leaves it out and --profile full runs it.
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
    [InWords("async calls")]
    public Task WhenAll() => Strategies.WhenAllAsync(Workload, Count);

    [Benchmark]
    [Concurrency(nameof(Count))]
    [InWords("Task.WhenEach")]
    public Task WhenEach() => WhenEachCheckedAsync(Workload, Count);

    /// <summary>
    /// The suite's benchmark ID for this strategy (as in every workload class), over the same degrees:
    /// -1, the method's default (<see cref="Environment.ProcessorCount"/>), and 64, sized for I/O.
    /// </summary>
    [Benchmark]
    [ArgumentsSource(nameof(DegreesOfParallelism))]
    [Concurrency(nameof(maxDegreeOfParallelism))]
    [InWords("Parallel.ForEachAsync")]
    public Task ParallelForEachAsync(int maxDegreeOfParallelism) => Strategies.ParallelForEachAsync(Workload, Count, maxDegreeOfParallelism);

    /// <summary>Starts every unit, then takes each as it completes with Task.WhenEach; throws unless every unit came back exactly once.</summary>
    public static async Task WhenEachCheckedAsync(IWorkload workload, int count)
    {
        var tasks = new Task<int>[count];
        for (var unit = 0; unit < count; unit++)
        {
            tasks[unit] = HttpRuleWorkload.GetAsync(workload, unit);
        }

        var seen = new bool[count];
        var completed = 0;
        await foreach (var task in Task.WhenEach(tasks).ConfigureAwait(false))
        {
            var unit = await task.ConfigureAwait(false);
            if (seen[unit])
            {
                throw new WorkloadCheckException($"Unit {unit} completed twice.");
            }

            seen[unit] = true;
            completed++;
        }

        if (completed != count)
        {
            throw new WorkloadCheckException($"{completed} of {count} units completed.");
        }
    }
}
