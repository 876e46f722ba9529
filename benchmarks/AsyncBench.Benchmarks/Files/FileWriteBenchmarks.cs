using AsyncBench.Benchmarks.Harness;
using BenchmarkDotNet.Attributes;
using AsyncBench.Benchmarks.Declarations;
using AsyncBench.Protocol;

namespace AsyncBench.Benchmarks.Files;

/// <summary>
/// Rule 9 for writes: each unit writes one file (FileStream, without or with
/// FileOptions.Asynchronous), optionally flushes it to disk, and reads it back to check every byte.
/// </summary>
[BenchmarkCategory(Categories.Files)]
[ClaimTarget("File writes, flushed to disk", Fixture = "temporary files")]
// Claims are read at Count=100&SizeBytes=4096&FlushToDisk=True: one page per file flushed to disk: the only case where a write waits for a device.
// Rule 1: a gain of 10 % or more over a blocking loop is worth making the code async; below it, it is not.
[Claim(1, "async-beats-a-blocking-loop", ClaimMeasure.Ratio, nameof(Serial), nameof(WhenAll), Setting = "Count=100&SizeBytes=4096&FlushToDisk=True", Deciding = true,
    Question = "Does the async API, all units at once, beat a blocking loop?",
    Thresholds = [1.1], Outcomes = [RuleOutcome.DoesNotCarryOver, RuleOutcome.Holds],
    Mechanism = [MetricIds.UnitsPeakInFlight, MetricIds.CompletedWorkItems])]
// Rule 5: gather runs the calls together when at least two units were in progress at once on the client.
[Claim(5, "gather-runs-together", nameof(WhenAll), MetricIds.UnitsPeakInFlight, Setting = "Count=100&SizeBytes=4096&FlushToDisk=True", Deciding = true,
    Question = "Do the async calls started together (WhenAll) run together?",
    Thresholds = [2.0], Outcomes = [RuleOutcome.DoesNotCarryOver, RuleOutcome.Holds],
    Mechanism = [MetricIds.CompletedWorkItems, MetricIds.UnitsLatencyMedianNs])]
[Claim(5, "gather-beats-one-at-a-time", ClaimMeasure.Ratio, nameof(SerialAwait), nameof(WhenAll), Setting = "Count=100&SizeBytes=4096&FlushToDisk=True",
    Question = "Does running the async calls together (WhenAll) beat awaiting them one at a time?",
    Thresholds = [1.1], Outcomes = [RuleOutcome.DoesNotCarryOver, RuleOutcome.Holds],
    Mechanism = [MetricIds.UnitsPeakInFlight])]
// Rule 9: the async file API against the blocking one at the same concurrency (one at a time; all at once on threads
// started beforehand): a gain of 10 % or more is worth the async API.
[Claim(9, "async-api-beats-blocking-one-at-a-time", ClaimMeasure.Ratio, nameof(Serial), nameof(SerialAwait), Setting = "Count=100&SizeBytes=4096&FlushToDisk=True", Deciding = true,
    Question = "One unit at a time: does the async API beat the blocking one?",
    Thresholds = [1.1], Outcomes = [RuleOutcome.DoesNotCarryOver, RuleOutcome.Holds],
    Mechanism = [MetricIds.UnitsLatencyMedianNs, MetricIds.CompletedWorkItems])]
[Claim(9, "async-api-beats-blocking-at-the-same-concurrency", ClaimMeasure.Ratio, nameof(DedicatedThreads), nameof(WhenAll), Setting = "Count=100&SizeBytes=4096&FlushToDisk=True", Deciding = true,
    Question = "All units at once: does the async API beat the blocking one on threads started beforehand?",
    Thresholds = [1.1], Outcomes = [RuleOutcome.DoesNotCarryOver, RuleOutcome.Holds],
    Mechanism = [MetricIds.UnitsPeakInFlight, MetricIds.UnitsLatencyMedianNs, MetricIds.CompletedWorkItems])]
public class FileWriteBenchmarks : StrategyBenchmarks
{
    [Params(
        100)] // Many files in flight, as in FileReadBenchmarks.
    public override int Count { get; set; }

    [Params(
        4_096,      // One page: per-call overhead dominates.
        1_048_576)] // 1 MiB: copying bytes dominates.
    public int SizeBytes { get; set; }

    [Params(
        false, // Writes end in the page cache: what most code gets by default.
        true)] // fsync per file: the disk's own latency enters, the wait async code could overlap if anything can.
    public bool FlushToDisk { get; set; }

    protected override async Task<IWorkload> StartWorkloadAsync() =>
        await FileWriteWorkload.StartAsync(Count, SizeBytes, FlushToDisk).ConfigureAwait(false);
}
