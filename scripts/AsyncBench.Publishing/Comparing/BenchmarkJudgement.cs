using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publishing.Comparing;

/// <summary>What a benchmark's time did between the runs, as the gate judged it.</summary>
public enum TimeChange
{
    Same,
    Faster,
    Slower,

    /// <summary>No spread could be estimated (fewer than two units on both sides, no history): no judgement possible.</summary>
    Untestable,
}

/// <summary>
/// One benchmark present in both runs. <see cref="Ratio"/> is today's value ÷ the reference (the history's
/// center, or the base run); <see cref="OwnRatio"/> is the same with the run-wide shift that was taken out
/// (<see cref="RunWideShift.TakenOutLog"/>) removed. <see cref="Noise"/> is the uncertainty of that change.
/// </summary>
public sealed record BenchmarkJudgement(
    BenchmarkId Id,
    BenchmarkResult Base,
    BenchmarkResult Diff,
    TimeChange Time,
    double? Ratio,
    double? OwnRatio,
    NoiseEstimate? Noise,
    bool Gateable,
    bool Canary,
    double? InjectedSlowdown,
    CpuTimeJudgement? Cpu,
    CountJudgement? Allocation,
    CountJudgement? WorkItems)
{
    /// <summary>Today's run value (the geometric mean of its launch medians), ns.</summary>
    public double TodayNs => Math.Exp(NoiseModel.RunValueLog(Diff));

    /// <summary>The reference the change is measured from, ns.</summary>
    public double? ReferenceNs => Ratio is > 0 and var r ? TodayNs / r : null;

    public double Power(double thresholdPercent) => Noise?.Power(thresholdPercent) ?? 0;

    public bool GateableAt(double thresholdPercent) => FlagRule.Gateable(Noise, thresholdPercent, ReferenceNs ?? 0);

    /// <summary>How far the own change must go to be flagged at <paramref name="thresholdPercent"/>, in percent: the larger of significance and the practical floor.</summary>
    public double? FlagAbovePercent(double thresholdPercent) =>
        Noise is { IsKnown: true } n ? (Math.Exp(Math.Max(n.SignificantLog, FlagRule.FloorLog(thresholdPercent))) - 1) * 100 : null;

    /// <summary>More bytes allocated, where both runs (or the history) show allocations are deterministic.</summary>
    public bool AllocationRegressed => Allocation is { Gated: true, Increased: true };

    public bool WorkItemsRegressed => WorkItems is { Gated: true, Increased: true };

    public bool CpuRegressed => Cpu is { Gated: true, Change: TimeChange.Slower };

    /// <summary>A slowdown that fails the run: gateable, slower, and not a canary (canaries speak for the machine).</summary>
    public bool TimeRegressed => Gateable && !Canary && Time == TimeChange.Slower;
}
