using AsyncBench.Benchmarks.Declarations;
using AsyncBench.Benchmarks.Harness;
using AsyncBench.Protocol;

namespace AsyncBench.Benchmarks.Sqlite;

/// <summary>
/// The claims every SQLite strategy class makes (<see cref="SqliteInsertBenchmarks"/>, <see cref="SqlitePointLookupBenchmarks"/>,
/// <see cref="SqliteRangeScanBenchmarks"/>), stated once: each class names this set with [ClaimsFrom] and the setting it
/// reads them at (<see cref="ClaimsFromAttribute"/>).
/// </summary>
// Rule 1: a gain of 10 % or more over a blocking loop is worth making the code async; below it, it is not.
[Claim(1, "async-beats-a-blocking-loop", ClaimMeasure.Ratio, nameof(StrategyBenchmarks.Serial), nameof(StrategyBenchmarks.WhenAll), Deciding = true,
    Question = "Does the async API, all units at once, beat a blocking loop?",
    Thresholds = [1.1], Outcomes = [RuleOutcome.DoesNotCarryOver, RuleOutcome.Holds],
    Mechanism = [MetricIds.UnitsPeakInFlight, MetricIds.CompletedWorkItems])]
// Rule 5: gather runs the calls together when at least two units were in progress at once on the client.
[Claim(5, "gather-runs-together", nameof(StrategyBenchmarks.WhenAll), MetricIds.UnitsPeakInFlight, Deciding = true,
    Question = "Do the async calls started together (WhenAll) run together?",
    Thresholds = [2.0], Outcomes = [RuleOutcome.DoesNotCarryOver, RuleOutcome.Holds],
    Mechanism = [MetricIds.CompletedWorkItems, MetricIds.UnitsLatencyMedianNs])]
[Claim(5, "gather-beats-one-at-a-time", ClaimMeasure.Ratio, nameof(StrategyBenchmarks.SerialAwait), nameof(StrategyBenchmarks.WhenAll),
    Question = "Does running the async calls together (WhenAll) beat awaiting them one at a time?",
    Thresholds = [1.1], Outcomes = [RuleOutcome.DoesNotCarryOver, RuleOutcome.Holds],
    Mechanism = [MetricIds.UnitsPeakInFlight])]
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
