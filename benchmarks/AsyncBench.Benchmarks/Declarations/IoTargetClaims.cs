using AsyncBench.Benchmarks.Harness;
using AsyncBench.Protocol;

namespace AsyncBench.Benchmarks.Declarations;

/// <summary>
/// Rules 1 and 5 as every I/O target states them (HTTP, serial devices, Redis, files, SQLite): the async calls started
/// together against a blocking loop, and whether they ran together, read from the client's own observations. A class
/// names this set with [ClaimsFrom], its setting, and the target's own counter of what ran at once (the server's
/// requests, the devices' conversations), which joins the mechanism (<see cref="ClaimsFromAttribute"/>).
/// </summary>
// Rule 1: a gain of 10 % or more over a blocking loop is worth making the code async, where it comes from running the units
// together: with one unit at a time (at most 1 in flight in every launch) there is no overlap to gain from, and the count says no.
[Claim(1, "async-beats-a-blocking-loop", ClaimMeasure.Ratio, nameof(StrategyBenchmarks.Serial), nameof(StrategyBenchmarks.WhenAll), Deciding = true,
    Question = BeatsABlockingLoop,
    Thresholds = [1.1], Answers = [Answer.No, Answer.Yes],
    PremiseSide = nameof(StrategyBenchmarks.WhenAll), PremiseMetric = MetricIds.UnitsPeakInFlight, PremiseAtLeast = 2, WithoutPremise = Answer.No,
    Mechanism = [MetricIds.UnitsPeakInFlight, MetricIds.ThreadsAfter, MetricIds.CompletedWorkItems])]
// Rule 5: gather runs the calls together when at least two units were in progress at once on the client, in every launch.
[Claim(5, "gather-runs-together", nameof(StrategyBenchmarks.WhenAll), MetricIds.UnitsPeakInFlight, Deciding = true,
    Question = RunTogether,
    Thresholds = [2.0], Answers = [Answer.No, Answer.Yes],
    Mechanism = [MetricIds.ThreadsAfter, MetricIds.CompletedWorkItems])]
// What running together buys, quoted beside it: 10 % or more over the same async calls awaited one at a time.
[Claim(5, "gather-beats-one-at-a-time", ClaimMeasure.Ratio, nameof(StrategyBenchmarks.SerialAwait), nameof(StrategyBenchmarks.WhenAll), Quoted = true,
    Question = "Do the async calls started together beat the same calls awaited one at a time by 10 % or more, by running together?",
    Thresholds = [1.1], Answers = [Answer.No, Answer.Yes],
    PremiseSide = nameof(StrategyBenchmarks.WhenAll), PremiseMetric = MetricIds.UnitsPeakInFlight, PremiseAtLeast = 2, WithoutPremise = Answer.No,
    Mechanism = [MetricIds.UnitsPeakInFlight])]
public static class IoTargetClaims
{
    /// <summary>Rule 1's question, asked of every target, the CPU-bound control included (where the rule predicts no).</summary>
    public const string BeatsABlockingLoop =
        "Do the async calls started together beat a blocking loop (one unit at a time, on one thread) by 10 % or more, by running together?";

    /// <summary>Rule 5's question, asked of every target that starts its async calls together (and by rule 10 of SQLite's, where it predicts no).</summary>
    public const string RunTogether = "Do the async calls started together (WhenAll) run together, 2 or more at once?";

    /// <summary>
    /// Rule 5 under a latency tail ("The Tail at Scale"): a fan-out waits for the slowest of its N delays, a loop for their
    /// sum. Read over the case's applied floor (<see cref="ClaimMeasure.OverFloor"/>), so only in a run with --latency. Asked
    /// of the targets that report the delays they applied per unit or per chunk (HTTP, Redis).
    /// </summary>
    public const string FanOutWaitsForItsSlowest =
        "Under a latency tail, does a fan-out of N calls take about as long as its slowest call (within 10 %), rather than N times the typical one?";

    /// <summary>
    /// The async API against blocking calls with as many units at once, each blocking call on a thread of its own started
    /// beforehand (no thread start-up): the same units at once, not the same threads, which is what async changes. Asked by
    /// rules 8 (HTTP, Redis), 9 (files) and 10 (SQLite).
    /// </summary>
    public const string BeatsBlockingThreads =
        "All units at once: does the async API, on the pool's threads, beat blocking calls on a thread each (started beforehand) by 10 % or more?";

    /// <summary>The async API against the blocking one, like for like: one unit at a time, one thread at a time. Asked by rules 9 (files) and 10 (SQLite).</summary>
    public const string BeatsBlockingOneAtATime =
        "One unit at a time on one thread at a time: does the async API beat the blocking one by 10 % or more?";
}
