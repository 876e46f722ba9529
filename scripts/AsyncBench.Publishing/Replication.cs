using System.Globalization;
using System.Text;
using AsyncBench.Protocol;

namespace AsyncBench.Publishing;

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
            if (Claim.Measure == ClaimMeasure.Ratio)
            {
                var half = first >= second.Value ? Math.Log(second.Upper / second.Value) : Math.Log(second.Value / second.Lower);
                return half > 0 ? Math.Log(first / second.Value) / half : null;
            }

            var linear = first >= second.Value ? second.Upper - second.Value : second.Value - second.Lower;
            return linear > 0 ? (first - second.Value) / linear : null;
        }
    }
}

/// <summary>One rule's verdicts in two runs; equal when both are judged, of the same kind, and hold for the same claims.</summary>
public sealed record ReplicatedRule(DeclaredRule Rule, RuleResult? First, RuleResult? Second)
{
    public bool Equal =>
        First is { Verdict: var a } && Second is { Verdict: var b }
        && a.Kind is not (VerdictKind.NotJudged or VerdictKind.NotMeasured)
        && a.Kind == b.Kind
        && Holding(a).SetEquals(Holding(b));

    private static HashSet<(string, string)> Holding(RuleVerdict verdict) => [.. verdict.Holding.Select(i => (i.Claim.Class, i.Claim.Id))];
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
        }

        between ??= BetweenRuns.None;
        var rulesFirst = Publishing.Claims.Evaluate(first, between);
        var rulesSecond = Publishing.Claims.Evaluate(second, between);
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
            .Where(r => r.Verdict.Kind != VerdictKind.NotMeasured || rulesFirst.Single(f => f.Rule.Number == r.Rule.Number).Verdict.Kind != VerdictKind.NotMeasured)
            .Select(r => new ReplicatedRule(r.Rule, rulesFirst.Single(f => f.Rule.Number == r.Rule.Number), r))
            .ToList();
        var notes = new List<string> { between.Sentence() };
        foreach (var (run, name) in new[] { (first, "run 1"), (second, "run 2") })
        {
            var launches = run.Results.Where(r => !r.Failed).Select(Intervals.Launches).DefaultIfEmpty(0).Min();
            if (launches < Publishing.Claims.MinLaunches)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"{Capitalize(name)} has {launches} launch{(launches == 1 ? string.Empty : "es")} per case at the least: not evidence (verdicts need {Publishing.Claims.MinLaunches}), so none of its verdicts counts as equal; intervals from fewer launches are wide or absent."));
            }

            if (run.Declarations.FromComparisons)
            {
                notes.Add($"{Capitalize(name)}'s declarations are format 1: its comparisons are read as ratio claims.");
            }
        }

        return new Replication(first.SourceDirectory, second.SourceDirectory, claims, rules, notes);
    }

    public static string Markdown(Replication replication)
    {
        ArgumentNullException.ThrowIfNull(replication);
        var md = new StringBuilder("# Replication\n\n");
        md.Append("- Run 1: `").Append(replication.FirstSource).Append("`\n- Run 2: `").Append(replication.SecondSource).Append("`\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Each claim at its declared setting: run 1's value, run 2's value and interval (where a second run lands {Intervals.ReplicationLevel:P0} of the time), ")
          .Append("whether run 1's value is inside, and where it sits (0 at run 2's value, ±1 at its bounds; under the interval's model half of the replications sit within ±0.3). ")
          .Append("A count observed in one launch has no interval: it is compared through the verdicts only.\n\n");
        foreach (var note in replication.Notes)
        {
            md.Append("- ").Append(note).Append('\n');
        }

        if (replication.Notes.Count > 0)
        {
            md.Append('\n');
        }

        var claims = new MarkdownTable().Column("Rule").Column("Claim").Column("Target").Column("Run 1").Column("Run 2 [interval]").Column("Inside").Column("Position");
        foreach (var c in replication.Claims.OrderBy(c => c.Claim.Rule))
        {
            claims.Row(
                c.Claim.Rule,
                $"`{c.Claim.Id}`",
                c.Claim.Target,
                c.First is null ? "not measured" : Value(c.First, withInterval: false),
                c.Second is null ? "not measured" : Value(c.Second, withInterval: true),
                c.Inside switch { true => "yes", false => "**no**", _ => "—" },
                c.Position is { } p ? p.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) : "—");
        }

        claims.AppendTo(md);
        md.Append('\n');
        var verdicts = new MarkdownTable().Column("Rule").Column("Run 1 verdict").Column("Run 2 verdict").Column("Equal");
        foreach (var r in replication.Rules)
        {
            verdicts.Row(r.Rule.Number, Verdict(r.First), Verdict(r.Second), r.Equal ? "yes" : "**no**");
        }

        verdicts.AppendTo(md);

        var positions = replication.Claims.Where(c => c.Position is not null).Select(c => Math.Abs(c.Position!.Value)).ToList();
        md.Append('\n').Append(Summary(replication));
        if (positions.Count > 0)
        {
            md.Append(CultureInfo.InvariantCulture, $" Median |position|: {NoiseModel.Median(positions):0.00} (the interval's model expects about 0.3; well above that, the launches understate the spread between runs).");
        }

        return md.Append('\n').ToString();
    }

    public static string Summary(Replication replication)
    {
        ArgumentNullException.ThrowIfNull(replication);
        var share = replication.WithInterval == 0 ? 0 : (double)replication.Inside / replication.WithInterval;
        return string.Create(CultureInfo.InvariantCulture,
            $"**Summary:** {replication.Inside} of {replication.WithInterval} values of run 1 inside run 2's intervals ({share:P0}; criterion ≥ {MinInsideShare:P0}); " +
            $"{replication.VerdictsEqual} of {replication.Verdicts} verdicts equal (criterion ≥ {MinEqualShare:P0}): **{(replication.Met ? "met" : "not met")}**.");
    }

    private static string Value(ClaimInstance instance, bool withInterval) => instance.Claim.Measure switch
    {
        ClaimMeasure.Ratio => withInterval && instance.Value.HasInterval ? Format.RatioWithInterval(instance.Value) : Format.Ratio(instance.Value.Value) + "×",
        ClaimMeasure.Difference => Format.Time(instance.Value.Value) + (withInterval && instance.Value.HasInterval ? $" [{Format.Time(instance.Value.Lower)}, {Format.Time(instance.Value.Upper)}]" : string.Empty),
        _ => Answers.FormatCount(instance.Value.Value) + (instance.Claim.PerUnit ? " per unit" : string.Empty),
    };

    private static string Verdict(RuleResult? result)
    {
        if (result is null)
        {
            return "not declared";
        }

        var text = RulesPage.VerdictText(result.Verdict.Kind);
        return result.Verdict.Kind is VerdictKind.HoldsOnlyFor or VerdictKind.HoldsDifferently
            ? $"{text} {string.Join("; ", result.Verdict.Holding.Select(i => $"{i.Claim.Target} (`{i.Claim.Id}`)"))}"
            : text;
    }

    private static (string, int, string) Key(DeclaredClaim claim) => (claim.Class, claim.Rule, claim.Id);

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
