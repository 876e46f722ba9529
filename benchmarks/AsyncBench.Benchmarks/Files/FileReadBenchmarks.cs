using AsyncBench.Benchmarks.Harness;
using BenchmarkDotNet.Attributes;
using AsyncBench.Benchmarks.Declarations;
using AsyncBench.Protocol;

namespace AsyncBench.Benchmarks.Files;

/// <summary>
/// Rule 9 for reads: whole-file reads under every strategy, per .NET file API (its blocking form in
/// Serial / ThreadPerRequest, its async form elsewhere). Warm reads: the files come from the page cache.
/// </summary>
[BenchmarkCategory(Categories.Files)]
[ClaimTarget("Whole-file reads", Fixture = "temporary files")]
// Claims are read at Count=100&SizeBytes=4096&Api=FileStream: the classic API, one page per file: the API's own cost is the whole cost, what choosing the async form changes.
// Rule 1: a gain of 10 % or more over a blocking loop is worth making the code async; below it, it is not.
[Claim(1, "async-beats-a-blocking-loop", ClaimMeasure.Ratio, nameof(Serial), nameof(WhenAll), Setting = "Count=100&SizeBytes=4096&Api=FileStream", Deciding = true,
    Question = "Does the async API, all units at once, beat a blocking loop?",
    Thresholds = [1.1], Outcomes = [RuleOutcome.DoesNotCarryOver, RuleOutcome.Holds],
    Mechanism = [MetricIds.UnitsPeakInFlight, MetricIds.CompletedWorkItems])]
// Rule 5: gather runs the calls together when at least two units were in progress at once on the client.
[Claim(5, "gather-runs-together", nameof(WhenAll), MetricIds.UnitsPeakInFlight, Setting = "Count=100&SizeBytes=4096&Api=FileStream", Deciding = true,
    Question = "Do the async calls started together (WhenAll) run together?",
    Thresholds = [2.0], Outcomes = [RuleOutcome.DoesNotCarryOver, RuleOutcome.Holds],
    Mechanism = [MetricIds.CompletedWorkItems, MetricIds.UnitsLatencyMedianNs])]
[Claim(5, "gather-beats-one-at-a-time", ClaimMeasure.Ratio, nameof(SerialAwait), nameof(WhenAll), Setting = "Count=100&SizeBytes=4096&Api=FileStream",
    Question = "Does running the async calls together (WhenAll) beat awaiting them one at a time?",
    Thresholds = [1.1], Outcomes = [RuleOutcome.DoesNotCarryOver, RuleOutcome.Holds],
    Mechanism = [MetricIds.UnitsPeakInFlight])]
// Rule 9: the async file API against the blocking one at the same concurrency (one at a time; all at once on threads
// started beforehand): a gain of 10 % or more is worth the async API.
[Claim(9, "async-api-beats-blocking-one-at-a-time", ClaimMeasure.Ratio, nameof(Serial), nameof(SerialAwait), Setting = "Count=100&SizeBytes=4096&Api=FileStream", Deciding = true,
    Question = "One unit at a time: does the async API beat the blocking one?",
    Thresholds = [1.1], Outcomes = [RuleOutcome.DoesNotCarryOver, RuleOutcome.Holds],
    Mechanism = [MetricIds.UnitsLatencyMedianNs, MetricIds.CompletedWorkItems])]
[Claim(9, "async-api-beats-blocking-at-the-same-concurrency", ClaimMeasure.Ratio, nameof(DedicatedThreads), nameof(WhenAll), Setting = "Count=100&SizeBytes=4096&Api=FileStream", Deciding = true,
    Question = "All units at once: does the async API beat the blocking one on threads started beforehand?",
    Thresholds = [1.1], Outcomes = [RuleOutcome.DoesNotCarryOver, RuleOutcome.Holds],
    Mechanism = [MetricIds.UnitsPeakInFlight, MetricIds.UnitsLatencyMedianNs, MetricIds.CompletedWorkItems])]
public class FileReadBenchmarks : StrategyBenchmarks
{
    [Params(
        100)] // Many files in flight; 100 MiB at 1 MiB each still fits the page cache many times over.
    public override int Count { get; set; }

    [Params(
        4_096,      // One page: the per-call overhead (open, syscalls, async machinery) dominates.
        1_048_576)] // 1 MiB: copying bytes dominates, so the API's overhead shrinks in proportion.
    public int SizeBytes { get; set; }

    [Params(
        FileReadApi.FileStream,   // The classic: FileStream with and without FileOptions.Asynchronous.
        FileReadApi.ReadAllBytes, // The one-liner most code uses.
        FileReadApi.RandomAccess)] // The thin layer over the OS calls, no stream state.
    public FileReadApi Api { get; set; }

    protected override async Task<IWorkload> StartWorkloadAsync() =>
        await FileReadWorkload.StartAsync(Count, SizeBytes, Api).ConfigureAwait(false);
}
