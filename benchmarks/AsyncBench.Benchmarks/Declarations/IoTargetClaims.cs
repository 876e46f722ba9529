using AsyncBench.Benchmarks.Harness;
using AsyncBench.Protocol;

namespace AsyncBench.Benchmarks.Declarations;

/// <summary>
/// Rules 1 and 5 as an I/O target without a counter of its own states them (files, SQLite): the async API against a
/// blocking loop, and whether WhenAll's units ran together, read from the client's own observations. A class names this
/// set with [ClaimsFrom] and its setting (<see cref="ClaimsFromAttribute"/>); a target whose own counter explains the
/// overlap (HTTP's server, the serial devices, Redis's proxy) states the same claims with that counter as mechanism.
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
public static class IoTargetClaims
{
}
