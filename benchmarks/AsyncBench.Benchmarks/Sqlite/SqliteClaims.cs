using AsyncBench.Benchmarks.Declarations;
using AsyncBench.Benchmarks.Harness;
using AsyncBench.Protocol;

namespace AsyncBench.Benchmarks.Sqlite;

/// <summary>
/// The rule 10 evidence every SQLite strategy class gives (<see cref="SqliteInsertBenchmarks"/>, <see cref="SqlitePointLookupBenchmarks"/>,
/// <see cref="SqliteRangeScanBenchmarks"/>), stated once: each class names this set after <see cref="IoTargetClaims"/>
/// (rules 1 and 5) in one [ClaimsFrom] and the setting it reads them at (<see cref="ClaimsFromAttribute"/>). Rule 10's premise is
/// that Microsoft.Data.Sqlite is a synchronous ORM under an async API: the same questions as the other targets', which the
/// rule predicts it answers no.
/// </summary>
[Claim(10, "async-calls-run-together", nameof(StrategyBenchmarks.WhenAll), MetricIds.UnitsPeakInFlight, HoldsIf = Answer.No,
    Question = IoTargetClaims.RunTogether,
    Thresholds = [2.0], Answers = [Answer.No, Answer.Yes],
    Mechanism = [MetricIds.CompletedWorkItems])]
[Claim(10, "async-api-beats-blocking-one-at-a-time", ClaimMeasure.Ratio, nameof(StrategyBenchmarks.Serial), nameof(StrategyBenchmarks.SerialAwait), HoldsIf = Answer.No,
    Question = IoTargetClaims.BeatsBlockingOneAtATime,
    Thresholds = [1.1], Answers = [Answer.No, Answer.Yes],
    Mechanism = [MetricIds.UnitsLatencyMedianNs, MetricIds.CompletedWorkItems])]
// 100 blocking threads queue on SQLite's one write lock (a unit took 180 ms) while the async calls, completing synchronously, ran one at a
// time: not the same units at once, which the premise counts, so the count answers.
[Claim(10, "async-api-beats-blocking-at-the-same-concurrency", ClaimMeasure.Ratio, nameof(StrategyBenchmarks.DedicatedThreads), nameof(StrategyBenchmarks.WhenAll), HoldsIf = Answer.No,
    Question = IoTargetClaims.BeatsBlockingThreads,
    Thresholds = [1.1], Answers = [Answer.No, Answer.Yes],
    PremiseSide = nameof(StrategyBenchmarks.WhenAll), PremiseMetric = MetricIds.UnitsPeakInFlight, PremiseAtLeast = 2, WithoutPremise = Answer.No,
    Mechanism = [MetricIds.UnitsPeakInFlight, MetricIds.ThreadsAfter, MetricIds.UnitsLatencyMedianNs])]
public static class SqliteClaims
{
}
