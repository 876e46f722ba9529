using AsyncBench.Benchmarks.Declarations;
using AsyncBench.Benchmarks.Harness;
using AsyncBench.Protocol;

namespace AsyncBench.Benchmarks.Files;

/// <summary>
/// The rule 9 claims both file classes make (<see cref="FileReadBenchmarks"/>, <see cref="FileWriteBenchmarks"/>), stated once:
/// each class names this set after <see cref="IoTargetClaims"/> (rules 1 and 5) in one [ClaimsFrom] and the setting it reads them at (<see cref="ClaimsFromAttribute"/>).
/// </summary>
// Rule 9: the async file API against the blocking one, a gain of 10 % or more being worth it. Like for like: one unit at a
// time on one thread at a time; and all units at once, where the blocking calls get a thread each (the same units at once,
// not the same threads: the question says so).
[Claim(9, "async-api-beats-blocking-one-at-a-time", ClaimMeasure.Ratio, nameof(StrategyBenchmarks.Serial), nameof(StrategyBenchmarks.SerialAwait), Deciding = true, Scope = "one at a time",
    Question = IoTargetClaims.BeatsBlockingOneAtATime,
    Thresholds = [1.1], Answers = [Answer.No, Answer.Yes],
    Mechanism = [MetricIds.UnitsLatencyMedianNs, MetricIds.CompletedWorkItems])]
[Claim(9, "async-api-beats-blocking-at-the-same-concurrency", ClaimMeasure.Ratio, nameof(StrategyBenchmarks.DedicatedThreads), nameof(StrategyBenchmarks.WhenAll), Deciding = true, Scope = "all at once",
    Question = IoTargetClaims.BeatsBlockingThreads,
    Thresholds = [1.1], Answers = [Answer.No, Answer.Yes],
    PremiseSide = nameof(StrategyBenchmarks.WhenAll), PremiseMetric = MetricIds.UnitsPeakInFlight, PremiseAtLeast = 2, WithoutPremise = Answer.No,
    Mechanism = [MetricIds.UnitsPeakInFlight, MetricIds.ThreadsAfter, MetricIds.UnitsLatencyMedianNs])]
public static class FileClaims
{
}
