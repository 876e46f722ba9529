namespace AsyncBench.Publishing.Paired;

/// <summary>What the pairs say of a case tonight.</summary>
public enum PairedOutcome
{
    /// <summary>A candidate whose fresh pairs confirmed it: slower by more than the minimum effect. Fails the night.</summary>
    Slower,

    /// <summary>Faster by more than the minimum effect, at the night's family-wise level.</summary>
    Faster,

    /// <summary>The interval lies inside ±threshold.</summary>
    Same,

    /// <summary>None of these yet; never fails a night, gets pairs first the next.</summary>
    Undecided,
}

/// <summary>Why a case is undecided.</summary>
public enum UndecidedReason
{
    None,

    /// <summary>Fewer than <see cref="PairedRule.MinPairs"/> pairs, or no spread to judge them by.</summary>
    TooFewPairs,

    /// <summary>The interval is too wide for the same, and not past the minimum effect either way.</summary>
    IntervalTooWide,

    /// <summary>A slower candidate whose confirmation round has not run (the night's time ran out).</summary>
    AwaitingConfirmation,

    /// <summary>A slower candidate its fresh pairs did not confirm, and all its pairs do not show it the same.</summary>
    NotConfirmed,

    /// <summary>Its pairs point slower, but its discovery looks are used up: it cannot become a candidate tonight.</summary>
    LooksUsedUp,
}

/// <summary>One pair of a case: the round it came from, ln(head ÷ base), and whether it was a confirmation pair.</summary>
public sealed record JudgedPair(int Round, double LogRatio, bool Confirmation);

/// <summary>
/// A case's interval at a look: the mean log ratio of its pairs, the (1 − 2α_d) interval (center ± t × σ̃ ÷ √n) and the spread it used.
/// </summary>
public sealed record PairedInterval(double CenterLog, double LowerLog, double UpperLog, int Pairs, CaseSpread Spread)
{
    public double Ratio => Math.Exp(CenterLog);
}

/// <summary>The confirmation of a candidate: its fresh pairs alone, their one-sided lower bound at α_c, and the answer.</summary>
public sealed record Confirmation(int Round, int Pairs, double CenterLog, double LowerLog, double Alpha, bool Confirmed);

/// <summary>
/// One case's judgement tonight: its pairs, the outcome and why, the interval of the look that decided it (all pairs for a
/// candidate that was not confirmed), its looks, the round it became a candidate in and its confirmation.
/// </summary>
public sealed record CaseJudgement(
    PairedCase Case,
    IReadOnlyList<JudgedPair> Pairs,
    PairedOutcome Outcome,
    UndecidedReason Reason,
    PairedInterval? Interval,
    int Looks,
    int? CandidateRound,
    Confirmation? Confirmation)
{
    /// <summary>A candidate waiting for its confirmation round.</summary>
    public bool NeedsConfirmation => Reason == UndecidedReason.AwaitingConfirmation;

    /// <summary>It may still become a candidate in a later look.</summary>
    public bool CanBeCandidate => CandidateRound is null && Looks < PairedRule.DiscoveryLooks;
}

/// <summary>The night's judgement of every case, by <see cref="Rule"/>: the gated cases and the canaries (judged, never gating).</summary>
public sealed record PairedJudgement(PairedRule Rule, IReadOnlyList<CaseJudgement> Cases)
{
    public IReadOnlyList<CaseJudgement> Gated => [.. Cases.Where(c => !c.Case.Canary)];

    public IReadOnlyList<CaseJudgement> Canaries => [.. Cases.Where(c => c.Case.Canary)];

    public IReadOnlyList<CaseJudgement> Slower => [.. Gated.Where(c => c.Outcome == PairedOutcome.Slower)];

    public IReadOnlyList<CaseJudgement> Undecided => [.. Gated.Where(c => c.Outcome == PairedOutcome.Undecided)];
}
