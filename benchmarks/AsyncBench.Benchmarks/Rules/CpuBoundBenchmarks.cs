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
[ClaimTarget("CPU-bound units (SHA-256 of 512 KiB)")]
// Rule 1's CPU half: in Python CPU-bound work gains little from async (the GIL). Below a 10 % gain it holds; a
// CPU-bound WhenAll runs its synchronous units one after another (UnitsInFlight 1), so a gain would need another cause.
[Claim(1, "cpu-work-gains-little-from-async", ClaimMeasure.Ratio, nameof(Serial), nameof(WhenAll), Setting = "Count=100", Deciding = true,
    Question = "CPU-bound units under the same WhenAll as the I/O classes: do they gain less than 10 %?",
    Thresholds = [1.1], Outcomes = [RuleOutcome.Holds, RuleOutcome.DoesNotCarryOver],
    Mechanism = [MetricIds.UnitsPeakInFlight, MetricIds.CompletedWorkItems])]
// Threads are not async: on pool threads CPU work gains up to the cores (no GIL in .NET). Evidence of parallelism, not of async.
[Claim(1, "cpu-work-gains-from-threads", ClaimMeasure.Ratio, nameof(Serial), nameof(ParallelForEachAsync) + "(maxDegreeOfParallelism=64)", Setting = "Count=100",
    Question = "CPU-bound units on pool threads (Parallel.ForEachAsync): do they gain less than 10 %?",
    Thresholds = [1.1], Outcomes = [RuleOutcome.Holds, RuleOutcome.DoesNotCarryOver],
    Mechanism = [MetricIds.UnitsPeakInFlight, MetricIds.ThreadsAfter])]
public class CpuBoundBenchmarks : StrategyBenchmarks
{
    [Params(
        100)] // As many units as the I/O workloads' mid fan-out, so the tables line up; ~100 × 0.3 ms of CPU.
    public override int Count { get; set; }

    protected override Task<IWorkload> StartWorkloadAsync() => Task.FromResult<IWorkload>(new CpuHashWorkload(Count));
}
