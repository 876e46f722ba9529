namespace AsyncBench.Publishing.Paired;

/// <summary>A workload's cases tonight: how many were judged and how each came out; the undecided share is of those judged.</summary>
public sealed record WorkloadTally(string Workload, int Judged, int Slower, int Faster, int Same, int Undecided)
{
    public double UndecidedShare => Judged > 0 ? (double)Undecided / Judged : double.NaN;
}

/// <summary>A case that failed in a head launch: where base passed in the same slot (it fails the night), or on both sides.</summary>
public sealed record FailedInHead(string FullName, int Round, int Slot, bool BasePassed);

/// <summary>
/// The night's judgement with everything its report states: the night read, the cases' judgement, the failures, each
/// workload's tally, the coverage and the exit code (0: nothing confirmed slower and no case failing in head that passed
/// in base; 1 otherwise; a night without a base: 1 only when a case failed).
/// </summary>
public sealed record PairedNightResult(
    PairedNight Night,
    PairedJudgement Judgement,
    IReadOnlyList<FailedInHead> Failed,
    IReadOnlyList<WorkloadTally> Workloads,
    int ExitCode)
{
    public bool HasBase => Night.Manifest.HasBase;

    /// <summary>Gated cases decided tonight (slower, faster or the same) out of those judged.</summary>
    public int Decided => Judgement.Gated.Count(c => c.Outcome != PairedOutcome.Undecided);

    /// <summary>The cases failing in head where base passed: each fails the night.</summary>
    public IReadOnlyList<FailedInHead> NewlyFailing => [.. Failed.Where(f => f.BasePassed || !HasBase)];
}

/// <summary>Judges a night read from its folder: the rule sized to its gated cases, the threshold the manifest or the caller states.</summary>
public static class PairedAnalysis
{
    public const int Pass = 0;
    public const int Fail = 1;

    public static PairedNightResult Of(PairedNight night, PairedPrior? prior, double? thresholdPercent = null, double minimumEffectPercent = PairedRule.DefaultMinimumEffectPercent)
    {
        ArgumentNullException.ThrowIfNull(night);
        var threshold = thresholdPercent ?? night.Manifest.ThresholdPercent ?? PairedRule.DefaultThresholdPercent;
        var rule = new PairedRule(threshold, minimumEffectPercent, night.Cases.Count(c => !c.Canary));
        var judgement = PairedJudge.Judge(night.Cases, night.Rounds, rule, prior);
        var failed = night.Failures
            .GroupBy(f => f.FullName, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(f => f.BasePassed).ThenBy(f => f.Round).ThenBy(f => f.Slot).First())
            .Select(f => new FailedInHead(f.FullName, f.Round, f.Slot, f.BasePassed))
            .OrderBy(f => f.FullName, StringComparer.Ordinal)
            .ToList();
        var workloads = judgement.Gated
            .GroupBy(c => c.Case.Workload, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new WorkloadTally(
                g.Key,
                g.Count(),
                g.Count(c => c.Outcome == PairedOutcome.Slower),
                g.Count(c => c.Outcome == PairedOutcome.Faster),
                g.Count(c => c.Outcome == PairedOutcome.Same),
                g.Count(c => c.Outcome == PairedOutcome.Undecided)))
            .ToList();
        var result = new PairedNightResult(night, judgement, failed, workloads, Pass);
        return result with { ExitCode = judgement.Slower.Count > 0 || result.NewlyFailing.Count > 0 ? Fail : Pass };
    }
}
