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
[BenchmarkCategory(Categories.Rules, Categories.CpuBound)]
// The control of rule 1. In Python CPU-bound work gains nothing (the GIL): no effect means the rule holds as stated.
[RuleComparison(1, nameof(Serial), nameof(WhenAll), "Count=100", Question = "CPU-bound units under the same WhenAll as the I/O classes: any gain?",
    IfLarge = RuleOutcome.HoldsDifferently, IfSmall = RuleOutcome.HoldsDifferently, IfNone = RuleOutcome.Holds, Control = true)]
[RuleComparison(1, nameof(Serial), nameof(ParallelForEachAsync) + "(maxDegreeOfParallelism=64)", "Count=100", Question = "CPU-bound units on pool threads (Parallel.ForEachAsync): any gain?",
    IfLarge = RuleOutcome.HoldsDifferently, IfSmall = RuleOutcome.HoldsDifferently, IfNone = RuleOutcome.Holds, Control = true)]
public class CpuBoundBenchmarks : StrategyBenchmarks
{
    [Params(
        100)] // As many units as the I/O workloads' mid fan-out, so the tables line up; ~100 × 0.3 ms of CPU.
    public override int Count { get; set; }

    protected override Task<IWorkload> StartWorkloadAsync() => Task.FromResult<IWorkload>(new CpuHashWorkload(Count));
}
