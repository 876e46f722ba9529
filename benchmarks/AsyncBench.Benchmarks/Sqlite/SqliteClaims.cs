using AsyncBench.Benchmarks.Declarations;
using AsyncBench.Benchmarks.Harness;
using AsyncBench.Protocol;

namespace AsyncBench.Benchmarks.Sqlite;

/// <summary>
/// The rule 10 claims every SQLite strategy class makes (<see cref="SqliteInsertBenchmarks"/>, <see cref="SqlitePointLookupBenchmarks"/>,
/// <see cref="SqliteRangeScanBenchmarks"/>), stated once: each class names this set after <see cref="IoTargetClaims"/>
/// (rules 1 and 5) in one [ClaimsFrom] and the setting it reads them at (<see cref="ClaimsFromAttribute"/>).
/// </summary>
// Rule 10's premise: Microsoft.Data.Sqlite's async methods complete synchronously, a synchronous ORM under an async API (one unit at a time).
[Claim(10, "async-api-runs-one-at-a-time", nameof(StrategyBenchmarks.WhenAll), MetricIds.UnitsPeakInFlight,
    Question = "Does the async API run the units one at a time, as a synchronous ORM does?",
    Thresholds = [2.0], Outcomes = [RuleOutcome.Holds, RuleOutcome.DoesNotCarryOver],
    Mechanism = [MetricIds.CompletedWorkItems])]
// A synchronous ORM gains nothing from its async form: below a 10 % gain the premise holds.
[Claim(10, "async-api-beats-blocking-one-at-a-time", ClaimMeasure.Ratio, nameof(StrategyBenchmarks.Serial), nameof(StrategyBenchmarks.SerialAwait),
    Question = "One unit at a time: does the async API beat the blocking one?",
    Thresholds = [1.1], Outcomes = [RuleOutcome.Holds, RuleOutcome.DoesNotCarryOver],
    Mechanism = [MetricIds.UnitsLatencyMedianNs, MetricIds.CompletedWorkItems])]
[Claim(10, "async-api-beats-blocking-at-the-same-concurrency", ClaimMeasure.Ratio, nameof(StrategyBenchmarks.DedicatedThreads), nameof(StrategyBenchmarks.WhenAll),
    Question = "All units at once: does the async API beat the blocking one on threads started beforehand?",
    Thresholds = [1.1], Outcomes = [RuleOutcome.Holds, RuleOutcome.DoesNotCarryOver],
    Mechanism = [MetricIds.UnitsPeakInFlight, MetricIds.UnitsLatencyMedianNs, MetricIds.CompletedWorkItems])]
public static class SqliteClaims
{
}
