using AsyncBench.Protocol;
using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publishing.Rules;

/// <summary>What gave a claim its answer (or would have: an undecided claim keeps the decider that did not decide).</summary>
public enum Decider
{
    /// <summary>A count, with no interval: every launch that counted it fell in bands of the same answer (or did not: undecided).</summary>
    Count,

    /// <summary>A time claim's premise, counted: it failed in every launch, so the count answers whatever the time does.</summary>
    Premise,

    /// <summary>A time: its interval lies in bands of one answer (or spans two answers: undecided).</summary>
    Time,

    /// <summary>A time from fewer than <see cref="Claims.MinLaunches"/> launches a side: read by its value's band, provisional.</summary>
    Value,
}

/// <summary>
/// A time claim's premise as the run counted it on its side: each counted launch's value; it holds where every one is at
/// least the declared bound, fails where none is, and settles nothing where they disagree or none was counted.
/// </summary>
public sealed record PremiseReading(DeclaredPremise Premise, IReadOnlyList<double> Counts, int Launches)
{
    public bool? Holds =>
        Counts.Count == 0 ? null
        : Counts.All(c => c >= Premise.AtLeast) ? true
        : Counts.All(c => c < Premise.AtLeast) ? false
        : null;
}

/// <summary>
/// One declared claim evaluated at one setting of its class: its value (a time with the interval a second run lands in,
/// or the count of each launch that counted it), the bands it touches, its answer and what decided it.
/// </summary>
/// <param name="Value">A time: its value and replication interval (a ratio on its own scale); a count: the median of <see cref="Counts"/>, no interval.</param>
/// <param name="Counts">A count: each counted launch's value (per unit where declared), in launch order; empty for a time.</param>
/// <param name="Launches">The fewest launches (processes) either side ran.</param>
/// <param name="Time">A time: what the launches show (paired or not, the correlation of the sides' launches).</param>
/// <param name="Unpaired">A paired time: the interval it would have had unpaired (the widths before and after pairing).</param>
/// <param name="Answer">The answer to the claim's question; null where undecided.</param>
public sealed record ClaimInstance(
    DeclaredClaim Claim,
    string Setting,
    bool AtDeclaredSetting,
    BenchmarkResult Side,
    BenchmarkResult? Versus,
    Estimate Value,
    IReadOnlyList<double> Counts,
    int Launches,
    TimeValue? Time,
    Estimate? Unpaired,
    IReadOnlyList<int> Bands,
    PremiseReading? Premise,
    Answer? Answer,
    Decider DecidedBy)
{
    /// <summary>
    /// In a reviewer's run, where this instance answers: the case's setting with its latency distribution, in words
    /// ("Count=500, LatencyMs=20, latency lognormal median 20 ms p99 200 ms"); null for an instance that is not at the
    /// reviewer's setting, and for every instance of a declared run. A class none of whose parameters the reviewer gave
    /// answers at its declared setting.
    /// </summary>
    public string? ReviewerSetting { get; init; }

    /// <summary>
    /// In a reviewer's run, the case's values of the parameters the reviewer gave (in the reviewer's order) and its latency
    /// distribution: what the rule's answers are grouped by (<see cref="Claims.AtReviewer"/>); null where
    /// <see cref="ReviewerSetting"/> is.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>>? ReviewerValues { get; init; }

    /// <summary>Read by its value alone, from fewer launches than a verdict needs.</summary>
    public bool Provisional => DecidedBy == Decider.Value;

    /// <summary>What the rule's verdict for the claim's target is, given this answer: holds where it is what the rule predicts.</summary>
    public RuleOutcome Verdict =>
        Answer is not { } answer ? RuleOutcome.Inconclusive
        : answer == Claim.HoldsIf ? RuleOutcome.Holds
        : RuleOutcome.DoesNotCarryOver;
}

/// <summary>
/// A claim with what the run shows: at its declared setting (null when not measured), at every setting (the curve), and
/// in a reviewer's run at each of the reviewer's settings (<see cref="AtReviewer"/>: null in a declared run).
/// </summary>
public sealed record ClaimResult(DeclaredClaim Claim, ClaimInstance? AtDeclared, IReadOnlyList<ClaimInstance> Curve, IReadOnlyList<ClaimInstance>? AtReviewer = null)
{
    /// <summary>The instances that answer the claim in this run: at the reviewer's settings in a reviewer's run, else at the declared one.</summary>
    public IReadOnlyList<ClaimInstance> Answering => AtReviewer ?? (AtDeclared is { } at ? [at] : []);
}

/// <summary>What a rule's verdict says, from its per-target verdicts.</summary>
public enum VerdictKind
{
    /// <summary>It holds for every target.</summary>
    Holds,

    /// <summary>It holds for none, each decided.</summary>
    DoesNotCarryOver,

    /// <summary>It holds for some targets: the others do not, or are inconclusive.</summary>
    HoldsOnlyFor,

    /// <summary>It holds for none, and at least one target is inconclusive (neither a count nor an interval decided it).</summary>
    Inconclusive,

    /// <summary>None of the rule's deciding claims was measured in this run.</summary>
    NotMeasured,
}

/// <summary>
/// A rule, its verdict and every claim of it as the evidence: one target line per deciding claim measured at its declared
/// setting (its target, and where a target has several deciding claims, which), and <see cref="Missing"/>: deciding
/// claims the run did not measure. In a reviewer's run (<see cref="ReviewersRun"/>) a rule has one result per reviewer's
/// setting its deciding claims were measured at (<see cref="Setting"/>, in words: the values of the reviewer's parameters
/// and the latency; empty where none of them is its classes': they ran at their declared setting), its lines at that setting.
/// </summary>
public sealed record RuleResult(
    DeclaredRule Rule,
    VerdictKind Kind,
    IReadOnlyList<ClaimInstance> Lines,
    IReadOnlyList<ClaimResult> Claims,
    IReadOnlyList<DeclaredClaim> Missing,
    bool ReviewersRun = false,
    string? Setting = null)
{
    /// <summary>Some target line was read by its value alone (fewer launches than a verdict needs).</summary>
    public bool Provisional => Lines.Any(l => l.Provisional);
}

/// <summary>
/// What pairing by pass found in one class: over its time values (every claim, every setting) whose sides' launches share
/// their numbers, the median correlation of the two sides' launches, and whether the class's values are paired: only in
/// a run made of passes (launch k of each side in pass k), and only where pairing narrows (its pooled variance is below
/// the unpaired one); otherwise the unpaired interval is kept.
/// </summary>
public sealed record ClassPairing(string Class, int Values, double MedianCorrelation, bool FromPasses, bool Paired, double PairedVariance, double UnpairedVariance);

/// <summary>How much evidence the run is: the fewest and most launches of its claims' cases, and whether they came from passes.</summary>
public sealed record RunEvidence(int FewestLaunches, int MostLaunches, bool FromPasses);

/// <summary>
/// The median half-width of the time claims' intervals at their declared settings, as a percentage of the value for a
/// ratio (e^half − 1): unpaired and as published (paired where the class pairs), over <see cref="Values"/> of them.
/// </summary>
public sealed record IntervalWidths(int Values, double? MedianUnpairedPercent, double? MedianPublishedPercent);

/// <summary>
/// Everything the rules page and rules.json state, computed from one run and the machine's earlier ones. In a reviewer's
/// run (<see cref="Reviewer"/>) the claims are answered at the reviewer's setting instead of their declared ones.
/// </summary>
public sealed record RulesEvaluation(
    IReadOnlyList<RuleResult> Rules,
    IReadOnlyList<ClassPairing> Pairing,
    BetweenRunsSummary Between,
    RunEvidence Evidence,
    IntervalWidths Widths,
    bool FromComparisons,
    ReviewerSetting? Reviewer = null);
