using System.Globalization;
using AsyncBench.Protocol;
using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publishing.Rules;

/// <summary>One claim at its declared setting in two runs: inside is null where run 2 has no interval (a count).</summary>
public sealed record ReplicatedClaim(DeclaredClaim Claim, ClaimInstance? First, ClaimInstance? Second)
{
    public bool? Inside =>
        First is null || Second is null || !Second.Value.HasInterval ? null
        : First.Value.Value >= Second.Value.Lower && First.Value.Value <= Second.Value.Upper;

    /// <summary>
    /// Where run 1's value sits in run 2's interval: 0 at run 2's value, ±1 at its bounds (on the log scale for
    /// a ratio). Under the interval's own model, half of the replications sit within about ±0.3.
    /// </summary>
    public double? Position
    {
        get
        {
            if (Inside is null)
            {
                return null;
            }

            var (first, second) = (First!.Value.Value, Second!.Value);
            if (Claim.Measure is ClaimMeasure.Ratio or ClaimMeasure.OverFloor)
            {
                var half = first >= second.Value ? Math.Log(second.Upper / second.Value) : Math.Log(second.Value / second.Lower);
                return half > 0 ? Math.Log(first / second.Value) / half : null;
            }

            var linear = first >= second.Value ? second.Upper - second.Value : second.Value - second.Lower;
            return linear > 0 ? (first - second.Value) / linear : null;
        }
    }
}

/// <summary>
/// One rule's verdicts in two runs; equal when both are measured and not provisional, of the same kind, and every target
/// line has the same verdict in both.
/// </summary>
public sealed record ReplicatedRule(DeclaredRule Rule, RuleResult? First, RuleResult? Second)
{
    public bool Equal =>
        First is { } a && Second is { } b
        && a.Kind != VerdictKind.NotMeasured && !a.Provisional && !b.Provisional
        && a.Kind == b.Kind
        && Verdicts(a).SetEquals(Verdicts(b));

    private static HashSet<(string, string, RuleOutcome)> Verdicts(RuleResult result) => [.. result.Lines.Select(l => (l.Claim.Class, l.Claim.Id, l.Verdict))];
}

/// <summary>
/// Whether one run's claims replicate in another (same commit, same machine): per claim instance at its declared
/// setting, run 1's value inside run 2's interval or not; per rule, the two verdicts. The criterion (issue 15):
/// at least <see cref="MinInsideShare"/> of run 1's values inside run 2's intervals, and at least
/// <see cref="MinEqualShare"/> of the verdicts equal (9 of 10).
/// </summary>
public sealed record Replication(string FirstSource, string SecondSource, IReadOnlyList<ReplicatedClaim> Claims, IReadOnlyList<ReplicatedRule> Rules, IReadOnlyList<string> Notes)
{
    public const double MinInsideShare = 0.9;
    public const double MinEqualShare = 0.9;

    public int WithInterval => Claims.Count(c => c.Inside is not null);

    public int Inside => Claims.Count(c => c.Inside == true);

    public int Verdicts => Rules.Count;

    public int VerdictsEqual => Rules.Count(r => r.Equal);

    /// <summary>The median of |position| over the claims with one (<see cref="ReplicatedClaim.Position"/>); null with none.</summary>
    public double? MedianAbsolutePosition =>
        Claims.Where(c => c.Position is not null).Select(c => Math.Abs(c.Position!.Value)).ToList() is { Count: > 0 } positions ? NoiseModel.Median(positions) : null;

    public bool Met =>
        WithInterval > 0 && Inside >= MinInsideShare * WithInterval
        && Verdicts > 0 && VerdictsEqual >= MinEqualShare * Verdicts;

    /// <summary>
    /// Run 1 against run 2's intervals. <paramref name="between"/>: the between-run component learnt from the
    /// machine's earlier runs (never from these two: the test would then be fitted to itself).
    /// </summary>
    public static Replication Of(BenchmarkRun first, BenchmarkRun second, BetweenRuns? between = null)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        foreach (var run in new[] { first, second })
        {
            if (run.Declarations.Claims.Count == 0)
            {
                throw new PublishException($"The run in '{run.SourceDirectory}' declares no claims (no *-report-asyncbench.json sidecar with claims or comparisons beside its reports). Pass an artifacts folder of the suite's results, or a published run folder.");
            }

            // Its answers are at the reviewer's setting, not the declared ones this test lines up.
            if (run.Declarations.ReviewerSetting is { } setting)
            {
                throw new PublishException($"The run in '{run.SourceDirectory}' is a reviewer's run (at '{setting}'): replicate compares two runs at the suite's declared settings. Pass two runs made without --params and --latency.");
            }
        }

        between ??= BetweenRuns.None;
        var rulesFirst = Publishing.Rules.Claims.Evaluate(first, between).Rules;
        var rulesSecond = Publishing.Rules.Claims.Evaluate(second, between).Rules;
        var claims = new List<ReplicatedClaim>();
        var keys = rulesSecond.SelectMany(r => r.Claims).Select(c => Key(c.Claim)).ToHashSet();
        foreach (var claim in rulesFirst.SelectMany(r => r.Claims).Where(c => keys.Contains(Key(c.Claim))))
        {
            var other = rulesSecond.SelectMany(r => r.Claims).First(c => Key(c.Claim) == Key(claim.Claim));
            if (claim.AtDeclared is not null || other.AtDeclared is not null)
            {
                claims.Add(new ReplicatedClaim(other.Claim, claim.AtDeclared, other.AtDeclared));
            }
        }

        if (claims.Count == 0)
        {
            throw new PublishException($"The runs in '{first.SourceDirectory}' and '{second.SourceDirectory}' have no claim measured in both. Pass two runs of the same classes (same filter).");
        }

        var rules = rulesSecond
            .Where(r => rulesFirst.Any(f => f.Rule.Number == r.Rule.Number))
            .Where(r => r.Kind != VerdictKind.NotMeasured || rulesFirst.Single(f => f.Rule.Number == r.Rule.Number).Kind != VerdictKind.NotMeasured)
            .Select(r => new ReplicatedRule(r.Rule, rulesFirst.Single(f => f.Rule.Number == r.Rule.Number), r))
            .ToList();
        var notes = new List<string> { RulesPage.BetweenSentence(between.Summary) };
        foreach (var (run, name) in new[] { (first, "run 1"), (second, "run 2") })
        {
            var launches = run.Results.Where(r => !r.Failed).Select(Intervals.Launches).DefaultIfEmpty(0).Min();
            if (launches < Publishing.Rules.Claims.MinLaunches)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"{Capitalize(name)} has {launches} launch{(launches == 1 ? string.Empty : "es")} per case at the least: its time verdicts are provisional (a time decides from {Publishing.Rules.Claims.MinLaunches}), so none of its provisional verdicts counts as equal; intervals from fewer launches are wide or absent."));
            }

            if (run.Declarations.FromComparisons)
            {
                notes.Add($"{Capitalize(name)}'s declarations are format 1: its comparisons are read as ratio claims.");
            }
        }

        return new Replication(first.SourceDirectory, second.SourceDirectory, claims, rules, notes);
    }

    private static (string, int, string) Key(DeclaredClaim claim) => (claim.Class, claim.Rule, claim.Id);

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
