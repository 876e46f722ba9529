using AsyncBench.Benchmarks.Declarations;
using AsyncBench.Benchmarks.Harness;
using AsyncBench.Protocol;

namespace AsyncBench.Benchmarks.Files;

/// <summary>
/// The rule 9 claims both file classes make (<see cref="FileReadBenchmarks"/>, <see cref="FileWriteBenchmarks"/>), stated once:
/// each class names this set after <see cref="IoTargetClaims"/> (rules 1 and 5) in one [ClaimsFrom] and the setting it reads them at (<see cref="ClaimsFromAttribute"/>).
/// </summary>
// Rule 9: the async file API against the blocking one at the same concurrency (one at a time; all at once on threads
// started beforehand): a gain of 10 % or more is worth the async API.
[Claim(9, "async-api-beats-blocking-one-at-a-time", ClaimMeasure.Ratio, nameof(StrategyBenchmarks.Serial), nameof(StrategyBenchmarks.SerialAwait), Deciding = true,
    Question = "One unit at a time: does the async API beat the blocking one?",
    Thresholds = [1.1], Outcomes = [RuleOutcome.DoesNotCarryOver, RuleOutcome.Holds],
    Mechanism = [MetricIds.UnitsLatencyMedianNs, MetricIds.CompletedWorkItems])]
[Claim(9, "async-api-beats-blocking-at-the-same-concurrency", ClaimMeasure.Ratio, nameof(StrategyBenchmarks.DedicatedThreads), nameof(StrategyBenchmarks.WhenAll), Deciding = true,
    Question = "All units at once: does the async API beat the blocking one on threads started beforehand?",
    Thresholds = [1.1], Outcomes = [RuleOutcome.DoesNotCarryOver, RuleOutcome.Holds],
    Mechanism = [MetricIds.UnitsPeakInFlight, MetricIds.UnitsLatencyMedianNs, MetricIds.CompletedWorkItems])]
public static class FileClaims
{
}
