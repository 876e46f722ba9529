using System.Globalization;
using System.Text;
using AsyncBench.Protocol;
using AsyncBench.Publishing.Formatting;
using AsyncBench.Publishing.Pages;
using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publishing.Rules;

/// <summary>
/// The rules page: the ten answers first, then the evidence (each rule's claims, their bands, what was
/// observed, and every setting measured). Verdicts come from the claims the benchmark classes declared
/// (<see cref="Claims"/>); the publisher knows no class, method or metric. With no declared rules there is no page.
/// </summary>
public static class RulesPage
{
    public const string FileName = "rules.md";

    public static string VerdictText(VerdictKind kind) => kind switch
    {
        VerdictKind.Holds => "holds",
        VerdictKind.DoesNotCarryOver => "does not carry over",
        VerdictKind.HoldsOnlyFor => "holds only for",
        VerdictKind.Inconclusive => "inconclusive",
        VerdictKind.HoldsDifferently => "holds differently in .NET",
        VerdictKind.NotJudged => "not judged",
        _ => "not measured",
    };

    /// <summary>The page. <paramref name="between"/>: the between-run component learnt from the machine's earlier runs (none: the intervals show the launches' spread only, and the page says so).</summary>
    public static string Render(BenchmarkRun run, RunLabel label, IReadOnlyList<ResultTable> tables, BetweenRuns? between = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(tables);
        between ??= BetweenRuns.None;
        var pages = tables.GroupBy(t => t.ClassName).ToDictionary(g => g.Key, g => WorkloadPage.FileName(g.First().Workload), StringComparer.Ordinal);
        var rules = Claims.Evaluate(run, between);
        var md = new StringBuilder("# The rules, measured\n\n");
        WorkloadPage.ReviewerBanner(md, run);
        WorkloadPage.EnvironmentHeader(md, run, label);
        var notJudged = rules.Where(r => r.Verdict.Kind == VerdictKind.NotJudged).ToList();
        if (notJudged.Count > 0)
        {
            var launches = notJudged.SelectMany(r => r.Verdict.Undecided).Min(i => i.Launches);
            md.Append(CultureInfo.InvariantCulture, $"**Not evidence.** This run measured each case in {launches} launch{(launches == 1 ? string.Empty : "es")} (processes). ")
              .Append(CultureInfo.InvariantCulture, $"A verdict needs at least {Claims.MinLaunches} launches per case: the spread between processes is the larger one, and the iterations of one process do not show it. ")
              .Append("Run the suite with `--profile nightly` (5 launches a case) and publish that run for verdicts. ")
              .Append("What this page can show: each claim's value at every setting measured (without an interval a second run would land in) and what the fixtures observed; ")
              .Append(notJudged.Count == rules.Count ? "no rule has a verdict.\n\n" : $"{notJudged.Count} of {rules.Count} rules have no verdict.\n\n");
        }

        md.Append("Each rule's answer comes from claims its benchmark classes declare in code, before any run: a value (a time ratio of two benchmarks, ")
          .Append("a difference in time per operation, or a metric the case observed), the setting it is read at, thresholds that cut the value's range into bands, and the outcome each band means. ")
          .Append("A time value comes from launch-level values: the median of each launch (process), their geometric mean per side for a ratio, their mean for a difference. ")
          .Append(CultureInfo.InvariantCulture, $"Its interval is where a second run of the same commit on the same machine lands {Intervals.ReplicationLevel:P0} of the time: ")
          .Append("Student's t (Welch's degrees of freedom) × √2 × the standard error from the two sides' launches and the machine's between-run component; the √2 because the second run carries its own error, so a confidence interval of the value alone would cover a replication less often than its level says. ")
          .Append(between.Sentence()).Append(' ')
          .Append("An observed metric is a count from one launch, shown without an interval. ")
          .Append("A claim's outcome is that of the band holding its whole interval; where the interval spans bands, their outcome if they all declare the same, else inconclusive. ")
          .Append("A rule's verdict comes from its deciding claims at their declared settings: all hold → holds; none holds → does not carry over; some → holds only for those, with the cause observed where not; ")
          .Append("inconclusive only when an undecided claim could change that. The other claims are evidence, and every claim is shown at every setting of its class. Failed benchmarks are left out.\n\n");
        if (run.Declarations.FromComparisons)
        {
            md.Append("This run's declarations are format 1 (time-ratio comparisons, before claims): each comparison is shown as the ratio claim it was, with its declared bands and outcomes; its controls are evidence; it declares no mechanism.\n\n");
        }

        md.Append("## The answers\n\n");
        var answers = new MarkdownTable().Column("#").Column("Rule").Column("Answer");
        foreach (var rule in rules)
        {
            answers.Row(rule.Rule.Number, rule.Rule.Rule, Answers.Of(rule, run.Declarations));
        }

        answers.AppendTo(md);
        md.Append("\n## The evidence\n\n");
        foreach (var rule in rules)
        {
            Evidence(md, rule, run.Declarations, pages);
        }

        return md.ToString();
    }

    private static void Evidence(StringBuilder md, RuleResult rule, RunDeclarations declarations, IReadOnlyDictionary<string, string> pages)
    {
        md.Append("### Rule ").Append(rule.Rule.Number).Append(": ").Append(rule.Rule.Rule).Append("\n\n");
        md.Append("- .NET counterpart: ").Append(rule.Rule.Counterpart).Append('\n');
        md.Append("- Verdict: **").Append(VerdictText(rule.Verdict.Kind)).Append("**").Append(ScopeNote(rule.Verdict)).Append("\n\n");
        if (rule.Claims.Count == 0)
        {
            md.Append("No class in this run declares a claim for this rule.\n\n");
            return;
        }

        var claims = new MarkdownTable().Column("Claim").Column("Target").Column("Question").Column("Value at the declared setting").Column("Bands").Column("Outcome");
        foreach (var claim in rule.Claims)
        {
            var d = claim.Claim;
            claims.Row(
                $"`{d.Id}`" + (d.Deciding ? " (deciding)" : " (evidence)"),
                ClassLink(d.Class, d.Target, pages),
                d.Question,
                (claim.AtDeclared is { } at ? Answers.Number(at, declarations, withInterval: true) : NotMeasuredValue(d))
                    + " at " + (d.Setting.Length == 0 ? "(no parameters)" : d.Setting.Replace("&", ", ", StringComparison.Ordinal)),
                Bands(d),
                claim.AtDeclared is { } a ? OutcomeCell(a) : "not measured");
        }

        claims.AppendTo(md);
        md.Append('\n');
        var observed = rule.Claims
            .Where(c => c.AtDeclared is not null)
            .Select(c => (c.Claim, Mechanism: Answers.Mechanism(c.AtDeclared!, declarations, int.MaxValue)))
            .Where(c => c.Mechanism is not null)
            .ToList();
        if (observed.Count > 0)
        {
            md.Append("Observed at the declared settings:\n\n");
            foreach (var (claim, mechanism) in observed)
            {
                md.Append("- `").Append(claim.Id).Append("` (").Append(claim.Target).Append("): ").Append(mechanism).Append(".\n");
            }

            md.Append('\n');
        }

        var curves = rule.Claims.Where(c => c.Curve.Count > 1).ToList();
        if (curves.Count > 0)
        {
            md.Append("Across every setting measured (the declared one in bold):\n\n");
            var settings = new MarkdownTable().Column("Claim").Column("Setting").Column("Value [interval]").Column("Outcome there");
            foreach (var c in curves)
            {
                foreach (var at in c.Curve)
                {
                    settings.Row($"`{c.Claim.Id}`", at.AtDeclaredSetting ? $"**{at.Setting}**" : at.Setting, Value(at), OutcomeCell(at));
                }
            }

            settings.AppendTo(md);
            md.Append('\n');
        }
    }

    /// <summary>The scope after the verdict: where it holds, where not, what is undecided, what was not measured.</summary>
    private static string ScopeNote(RuleVerdict verdict)
    {
        var parts = new List<string>();
        if (verdict.Kind is not (VerdictKind.NotJudged or VerdictKind.NotMeasured))
        {
            if (verdict.Holding.Count > 0)
            {
                parts.Add("holds for " + Instances(verdict.Holding));
            }

            if (verdict.NotHolding.Count > 0)
            {
                parts.Add("not for " + Instances(verdict.NotHolding));
            }

            if (verdict.Undecided.Count > 0)
            {
                parts.Add("undecided: " + Instances(verdict.Undecided));
            }
        }

        if (verdict.Missing.Count > 0)
        {
            parts.Add("not measured: " + string.Join(", ", verdict.Missing.Select(c => $"`{c.Id}` ({c.Target})")));
        }

        return parts.Count == 0 ? string.Empty : " (" + string.Join("; ", parts) + ")";
    }

    private static string Instances(IReadOnlyList<ClaimInstance> instances) =>
        string.Join(", ", instances.Select(i => $"`{i.Claim.Id}` ({i.Claim.Target})"));

    /// <summary>"&lt; 1.1×: does not carry over · ≥ 1.1×: holds".</summary>
    public static string Bands(DeclaredClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var parts = new List<string>();
        for (var i = 0; i < claim.Outcomes.Count; i++)
        {
            var range = claim.Thresholds.Count == 0 ? "any"
                : i == 0 ? $"< {Answers.Threshold(claim, claim.Thresholds[0])}"
                : i == claim.Thresholds.Count ? $"≥ {Answers.Threshold(claim, claim.Thresholds[^1])}"
                : $"{Answers.Threshold(claim, claim.Thresholds[i - 1])} to {Answers.Threshold(claim, claim.Thresholds[i])}";
            parts.Add($"{range}: {Answers.OutcomeText(claim.Outcomes[i])}");
        }

        return string.Join(" · ", parts);
    }

    private static string Value(ClaimInstance at) => at.Claim.Measure switch
    {
        ClaimMeasure.Ratio => at.Value.HasInterval ? Format.RatioWithInterval(at.Value) : Format.Ratio(at.Value.Value) + "×",
        ClaimMeasure.Difference => Format.Time(at.Value.Value) + (at.Value.HasInterval ? $" [{Format.Time(at.Value.Lower)}, {Format.Time(at.Value.Upper)}]" : string.Empty),
        _ => Answers.FormatCount(at.Value.Value) + (at.Claim.PerUnit ? " per unit" : string.Empty) + " (counted)",
    };

    private static string OutcomeCell(ClaimInstance at) =>
        at.Outcome is { } outcome
            ? (outcome == RuleOutcome.Inconclusive ? "undecided" : Answers.OutcomeText(outcome))
            : string.Create(CultureInfo.InvariantCulture, $"not judged ({at.Launches} launch{(at.Launches == 1 ? string.Empty : "es")}; in the {string.Join(" / ", at.Possible.Select(Answers.OutcomeText))} band)");

    private static string NotMeasuredValue(DeclaredClaim claim) => claim.Measure switch
    {
        ClaimMeasure.Metric => $"{claim.MetricId} of `{claim.Side}`: not measured",
        ClaimMeasure.Difference => $"`{claim.Side}` − `{claim.Versus}`: not measured",
        _ => $"`{claim.Side}` ÷ `{claim.Versus}`: not measured",
    };

    private static string TypeName(string className) => className[(className.LastIndexOfAny(['.', '+']) + 1)..];

    private static string ClassLink(string className, string target, IReadOnlyDictionary<string, string> pages)
    {
        var type = TypeName(className);
        var link = pages.TryGetValue(className.Replace('+', '.'), out var page) ? $"[{type}]({page}#{type.ToLowerInvariant()})" : type;
        return target == type ? link : $"{target} ({link})";
    }
}
