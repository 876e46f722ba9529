using AsyncBench.Benchmarks.Harness;
using BenchmarkDotNet.Attributes;
using AsyncBench.Benchmarks.Declarations;
using AsyncBench.Protocol;

namespace AsyncBench.Benchmarks.Rules;

/// <summary>
/// Rule 1, the control: what each strategy buys when nothing waits. Pure CPU units
/// (<see cref="CpuHashWorkload"/>) under the same five strategies as the I/O workloads, on the same
/// machine. Only strategies that put units on several threads (ThreadPerRequest, ParallelForEachAsync)
/// can use more than one core; SerialAwait and WhenAll run the synchronous units one after another.
/// </summary>
[BenchmarkCategory(RuleCategories.Rules, RuleCategories.CpuBound)]
[ClaimTarget("CPU-bound units (SHA-256 of 512 KiB)", Name = "CPU-bound work")]
// Rule 1's CPU half, the control: in Python CPU-bound work gains little from async (the GIL). The same question as every
// I/O target's, with the same bands and premise, which the rule predicts CPU-bound work answers no: a CPU-bound WhenAll
// runs its synchronous units one after another (at most 1 in flight), so the count answers and the time explains.
[Claim(1, "async-beats-a-blocking-loop", ClaimMeasure.Ratio, nameof(Serial), nameof(WhenAll), Setting = "Count=100", Deciding = true, HoldsIf = Answer.No,
    Question = IoTargetClaims.BeatsABlockingLoop,
    Thresholds = [1.1], Answers = [Answer.No, Answer.Yes],
    PremiseSide = nameof(WhenAll), PremiseMetric = MetricIds.UnitsPeakInFlight, PremiseAtLeast = 2, WithoutPremise = Answer.No,
    Mechanism = [MetricIds.UnitsPeakInFlight, MetricIds.ThreadsAfter, MetricIds.CompletedWorkItems])]
// Threads are not async: on pool threads CPU work gains up to the cores (no GIL in .NET). Evidence of parallelism, not of async.
[Claim(1, "cpu-work-gains-from-threads", ClaimMeasure.Ratio, nameof(Serial), nameof(ParallelForEachAsync) + "(maxDegreeOfParallelism=64)", Setting = "Count=100",
    VersusWords = "Parallel.ForEachAsync, 64 at a time",
    Question = "CPU-bound units on pool threads (Parallel.ForEachAsync, 64 at a time): do they beat a blocking loop by 10 % or more?",
    Thresholds = [1.1], Answers = [Answer.No, Answer.Yes],
    Mechanism = [MetricIds.UnitsPeakInFlight, MetricIds.ThreadsAfter])]
public class CpuBoundBenchmarks : StrategyBenchmarks
{
    [Params(
        100)] // As many units as the I/O workloads' mid fan-out, so the tables line up; ~100 × 0.3 ms of CPU.
    public override int Count { get; set; }

    protected override Task<IWorkload> StartWorkloadAsync() => Task.FromResult<IWorkload>(new CpuHashWorkload(Count));
}
