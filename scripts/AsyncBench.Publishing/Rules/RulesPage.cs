using System.Globalization;
using System.Text;
using AsyncBench.Protocol;
using AsyncBench.Publishing.Formatting;
using AsyncBench.Publishing.Pages;
using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publishing.Rules;

/// <summary>
/// The rules page: per rule its answer (at most 30 words, plain) and a line per target; then the evidence (each rule's
/// claims with their identifiers, questions, bands and answers, what was observed, every setting measured) and what
/// pairing by pass found. Writes what <see cref="Claims.Evaluate"/> returned; the publisher knows no class, method or
/// metric. With no declared rules there is no page.
/// </summary>
public static class RulesPage
{
    public const string FileName = "rules.md";

    public static string VerdictText(VerdictKind kind) => Answers.KindText(kind).ToLowerInvariant();

    public static string Render(BenchmarkRun run, RunLabel label, IReadOnlyList<ResultTable> tables, RulesEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(evaluation);
        var pages = tables.GroupBy(t => t.ClassName).ToDictionary(g => g.Key, g => WorkloadPage.FileName(g.First().Workload), StringComparer.Ordinal);
        var md = new StringBuilder("# The rules, measured\n\n");
        WorkloadPage.ReviewerBanner(md, run);
        WorkloadPage.EnvironmentHeader(md, run, label);
        Evidence(md, run, evaluation);
        Method(md, evaluation);
        md.Append("## The answers\n\n");
        foreach (var byRule in evaluation.Rules.GroupBy(r => r.Rule.Number))
        {
            md.Append("### ").Append(byRule.Key).Append(". ").Append(byRule.First().Rule.Rule).Append("\n\n");
            foreach (var rule in byRule)
            {
                if (rule.Setting is { Length: > 0 } setting)
                {
                    md.Append("*At ").Append(setting).Append(" (the reviewer's setting):*\n\n");
                }
                else if (rule.Setting is not null)
                {
                    md.Append("*At its declared setting: none of the reviewer's parameters is its classes'.*\n\n");
                }

                md.Append(Answers.Of(rule, run.Declarations)).Append("\n\n");
                if (rule.Lines.Count == 0)
                {
                    continue;
                }

                var lines = new MarkdownTable().Column("Target").Column("Verdict").Column("Effect [interval]").Column("Observed").Column("Decided by");
                foreach (var line in rule.Lines)
                {
                    var text = Answers.Line(line, rule, run.Declarations);
                    lines.Row(text.Target, text.Verdict, text.Effect, text.Observed, text.DecidedBy);
                }

                lines.AppendTo(md);
                md.Append('\n');
                if (rule.ReviewersRun && rule.Missing.Count > 0)
                {
                    md.Append("Not measured in this run: ").Append(Answers.List(rule.Missing.Select(c => c.Target).Distinct(StringComparer.Ordinal))).Append(".\n\n");
                }
            }
        }

        md.Append("## The evidence\n\n");
        foreach (var byRule in evaluation.Rules.GroupBy(r => r.Rule.Number))
        {
            RuleEvidence(md, [.. byRule], run.Declarations, pages);
        }

        Pairing(md, evaluation);
        return md.ToString();
    }

    /// <summary>How much evidence the run is: its launches, passes, and what is provisional.</summary>
    private static void Evidence(StringBuilder md, BenchmarkRun run, RulesEvaluation evaluation)
    {
        var jobs = evaluation.Rules.SelectMany(r => r.Claims).SelectMany(c => c.Answering)
            .SelectMany(i => new[] { i.Side, i.Versus }).OfType<BenchmarkResult>().Select(r => r.Job).Where(j => j.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();
        var (fewest, most) = (evaluation.Evidence.FewestLaunches, evaluation.Evidence.MostLaunches);
        if (fewest == 0)
        {
            return;
        }

        md.Append("**The evidence of this run:** the claims' cases ran ")
          .Append(fewest == most ? Answers.Plural(fewest, "launch (process)", "launches (processes)") : $"{fewest} to {most} launches (processes)")
          .Append(" each")
          .Append(evaluation.Evidence.FromPasses ? ", as passes (launch k of every case in pass k, merged)" : ", back to back")
          .Append(jobs.Count == 0 ? "" : $", job {string.Join(", ", jobs)}").Append(". ");
        var provisional = evaluation.Rules.Where(r => r.Provisional).Select(r => r.Rule.Number).ToList();
        if (provisional.Count > 0)
        {
            md.Append(CultureInfo.InvariantCulture, $"**Provisional:** a time needs {Claims.MinLaunches} launches a side to decide; with fewer, a time is read by its value's band and marked provisional ")
              .Append(CultureInfo.InvariantCulture, $"({(provisional.Count == 1 ? "rule" : "rules")} {Answers.List(provisional.Select(n => n.ToString(CultureInfo.InvariantCulture)))}). Counts decide in any run where every launch that counted them agrees. ")
              .Append("For verdicts, run the evidence run (`scripts/evidence.sh`: every case a claim reads, in five passes of one launch, merged and published).");
        }

        md.Append("\n\n");
    }

    private static void Method(StringBuilder md, RulesEvaluation evaluation)
    {
        md.Append("Each rule's answer comes from claims its benchmark classes declare in code, before any run: a yes/no question, the value that answers it ")
          .Append("(a time ratio of two benchmarks, a difference in time per call, or a count a case observed), the setting it is read at, and the answer of each band of that value; ")
          .Append("the same comparison answers the same way wherever it is asked, and each claim says what the rule predicts, so the rule holds for a target where its deciding claim answers that. ")
          .Append("**A count** (units at once, errors, refusals) decides by itself, with no interval, where every launch that counted it falls in bands of one answer. ")
          .Append("**A time** decides by its interval, where a second run of the same commit on the same machine lands ")
          .Append(CultureInfo.InvariantCulture, $"{Intervals.ReplicationLevel:P0} of the time: from each launch's median, as the mean log ratio of the two sides (paired launch by launch where the launches were passes and pairing narrows, below), ")
          .Append("Student's t × √(2 (s² + τ²)), s² what the launches show and τ² the between-run component of the claim's own value; the √2 because the second run carries its own error. ")
          .Append("A time whose question presupposes a count (\"by running together\" presupposes 2 or more at once) is answered by that count where it failed in every launch: ")
          .Append("a gain with one unit at a time is not a gain from running together. ")
          .Append(BetweenSentence(evaluation.Between)).Append(' ')
          .Append("A target's verdict is inconclusive only where neither a count nor an interval decided it; the rule's verdict summarises its targets': holds for all, for none, or only for some. ")
          .Append("Failed benchmarks are left out.\n\n");
        if (evaluation.Reviewer is { } reviewer)
        {
            md.Append("**Read at the reviewer's setting.** This run gave `").Append(reviewer.Given).Append("`: each claim of a class the run measured is answered where the class ran at it ")
              .Append("(each parameter the reviewer gave at the values given, the class's others at their declared values, the run's latency distribution), ")
              .Append("with the question, bands, premise and mechanism it declares for the suite's setting, one answer per setting; a claim whose two sides did not run there is not measured in this run. ")
              .Append("The bands carry over: a ratio's (10 % or more) and a count per unit mean the same at any Count. ")
              .Append("A count asked against a fixed number (2 or more at once, refusals past a server's limit) is answered as counted at the reviewer's setting: ")
              .Append("a batch smaller than that number cannot reach it, and then the answer is the setting's, not the strategy's.\n\n");
        }

        if (evaluation.FromComparisons)
        {
            md.Append("This run's declarations are format 1 (time-ratio comparisons, before claims): each comparison is shown as the ratio claim it was, with its declared bands (\"holds\" and \"holds differently\" read as yes); its controls are evidence; it declares no mechanism.\n\n");
        }
    }

    /// <summary>Where the between-run component came from and how large it was; or that there is none.</summary>
    public static string BetweenSentence(BetweenRunsSummary between)
    {
        ArgumentNullException.ThrowIfNull(between);
        if (between.AllSpreadPercent is not { } all)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"No between-run component: this machine has {Answers.Plural(between.Runs, "earlier published run", "earlier published runs")} with at least two launches a case ({Answers.Plural(between.Pairs, "consecutive pair", "consecutive pairs")} of one job), too few to learn what a whole run adds to a claim's value, so the intervals show only what the launches show.");
        }

        var range = between.LeastGroupPercent is { } least && between.MostGroupPercent is { } most
            ? string.Create(CultureInfo.InvariantCulture, $", {Format.Number(least)} % to {Format.Number(most)} % per class or workload")
            : string.Empty;
        return string.Create(CultureInfo.InvariantCulture,
            $"τ was learnt from this machine's {Answers.Plural(between.Runs, "earlier run", "earlier runs")} {(between.TodaysJob ? "of this run's job" : "of every job, this run's having too few")} ({Answers.Plural(between.Pairs, "consecutive pair", "consecutive pairs")} of one job), each claim's time value compared run to run: 1 σ of {Format.Number(all)} % over all values{range}.");
    }

    /// <summary>A rule's evidence: its claims (the same at each of a reviewer's settings) and each setting's verdict.</summary>
    private static void RuleEvidence(StringBuilder md, IReadOnlyList<RuleResult> results, RunDeclarations declarations, IReadOnlyDictionary<string, string> pages)
    {
        var rule = results[0];
        var reviewer = rule.ReviewersRun;
        md.Append("### Rule ").Append(rule.Rule.Number).Append(": ").Append(rule.Rule.Rule).Append("\n\n");
        md.Append("- .NET counterpart: ").Append(rule.Rule.Counterpart).Append('\n');
        foreach (var result in results)
        {
            md.Append("- Verdict").Append(result.Setting is { Length: > 0 } setting ? $" at {setting}" : string.Empty).Append(": ").Append(Answers.VerdictWords(result));
            if (result.Missing.Count > 0)
            {
                md.Append(reviewer ? "; not measured in this run: " : "; not measured: ").Append(string.Join(", ", result.Missing.Select(c => $"`{c.Id}` ({c.Target})")));
            }

            md.Append('\n');
        }

        md.Append('\n');
        if (rule.Claims.Count == 0)
        {
            md.Append("No class in this run declares a claim for this rule.\n\n");
            return;
        }

        var claims = new MarkdownTable().Column("Claim").Column("Target").Column("Question")
            .Column(reviewer ? "Value at the reviewer's setting" : "Value at the declared setting").Column("Bands").Column("Rule predicts").Column("Answer").Column("Decided by");
        foreach (var claim in rule.Claims)
        {
            var d = claim.Claim;
            var answering = claim.Answering;
            claims.Row(
                $"`{d.Id}`" + (d.Deciding ? " (deciding)" : d.Quoted ? " (quoted)" : " (evidence)"),
                ClassLink(d.Class, d.Target, pages),
                d.Question,
                answering.Count == 0
                    ? NotMeasuredValue(d) + (reviewer ? " in this run" : " at " + (d.Setting.Length == 0 ? "(no parameters)" : d.Setting.Replace("&", ", ", StringComparison.Ordinal)))
                    : string.Join("; ", answering.Select(at => Answers.Number(at, declarations) + " at " + (at.ReviewerSetting ?? (d.Setting.Length == 0 ? "(no parameters)" : d.Setting.Replace("&", ", ", StringComparison.Ordinal))))),
                Bands(d),
                Answers.AnswerText(d.HoldsIf),
                answering.Count == 0 ? "not measured" : string.Join("; ", answering.Select(AnswerCell)),
                answering.Count == 0 ? "—" : string.Join("; ", answering.Select(Answers.DecidedBy)));
        }

        claims.AppendTo(md);
        md.Append('\n');
        var observed = rule.Claims
            .SelectMany(c => c.Answering.Select(at => (c.Claim, at.ReviewerSetting, Mechanism: Answers.Mechanism(at, declarations, int.MaxValue, Naming.Identifiers))))
            .Where(c => c.Mechanism is not null)
            .ToList();
        if (observed.Count > 0)
        {
            md.Append(reviewer ? "Observed at the reviewer's setting:\n\n" : "Observed at the declared settings:\n\n");
            foreach (var (claim, setting, mechanism) in observed)
            {
                md.Append("- `").Append(claim.Id).Append("` (").Append(claim.Target).Append(setting is null ? string.Empty : $", at {setting}").Append("): ").Append(mechanism).Append(".\n");
            }

            md.Append('\n');
        }

        var curves = rule.Claims.Where(c => c.Curve.Count > 1).ToList();
        if (curves.Count > 0)
        {
            md.Append(reviewer ? "Across every setting measured (the declared one in bold, the reviewer's marked):\n\n" : "Across every setting measured (the declared one in bold):\n\n");
            var settings = new MarkdownTable().Column("Claim").Column("Setting").Column("Value [interval]").Column("Answer there");
            foreach (var c in curves)
            {
                foreach (var at in c.Curve)
                {
                    var where = (at.AtDeclaredSetting ? $"**{at.Setting}**" : at.Setting) + (at.ReviewerSetting is null ? string.Empty : " (the reviewer's)");
                    settings.Row($"`{c.Claim.Id}`", where, Value(at), AnswerCell(at));
                }
            }

            settings.AppendTo(md);
            md.Append('\n');
        }
    }

    private static void Pairing(StringBuilder md, RulesEvaluation evaluation)
    {
        if (evaluation.Pairing.Count == 0)
        {
            return;
        }

        md.Append("## Pairing by pass\n\n");
        md.Append("In a night made of passes, launch k of both sides of a claim ran in pass k, minutes apart on the same machine state: their per-launch log ratios are paired, ")
          .Append("so what a pass did to both sides cancels. Per class, over its time values at every setting: the median correlation of the two sides' launches, ")
          .Append("and whether its intervals are paired (only in a run of passes, and only where the paired variance is below the unpaired one; otherwise the unpaired interval is kept). ");
        var widths = evaluation.Widths;
        if (widths.MedianUnpairedPercent is { } before && widths.MedianPublishedPercent is { } after)
        {
            md.Append(CultureInfo.InvariantCulture, $"The median half-width of the {widths.Values} ratios' intervals at their declared settings: ±{Format.Number(before)} % unpaired, ±{Format.Number(after)} % as published.");
        }

        md.Append("\n\n");
        var table = new MarkdownTable().Column("Class").Column("Time values").Column("Correlation of the sides' launches").Column("From passes").Column("Paired");
        foreach (var p in evaluation.Pairing)
        {
            table.Row(
                $"`{p.Class[(p.Class.LastIndexOf('.') + 1)..]}`",
                p.Values,
                double.IsFinite(p.MedianCorrelation) ? p.MedianCorrelation.ToString("0.00", CultureInfo.InvariantCulture) : "n/a",
                p.FromPasses ? "yes" : "no (launches back to back: not paired)",
                p.Paired ? "yes" : "no");
        }

        table.AppendTo(md);
        md.Append('\n');
    }

    /// <summary>"&lt; 1.1×: no · ≥ 1.1×: yes; premise: `WhenAll` ≥ 2 (AsyncBench.Units.PeakInFlight), else no".</summary>
    public static string Bands(DeclaredClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var parts = new List<string>();
        for (var i = 0; i < claim.Answers.Count; i++)
        {
            var range = claim.Thresholds.Count == 0 ? "any"
                : i == 0 ? $"< {Answers.Threshold(claim, claim.Thresholds[0])}"
                : i == claim.Thresholds.Count ? $"≥ {Answers.Threshold(claim, claim.Thresholds[^1])}"
                : $"{Answers.Threshold(claim, claim.Thresholds[i - 1])} to {Answers.Threshold(claim, claim.Thresholds[i])}";
            parts.Add($"{range}: {Answers.AnswerText(claim.Answers[i])}");
        }

        var bands = string.Join(" · ", parts);
        return claim.Premise is { } p
            ? $"{bands}; premise: `{p.Side}` {p.MetricId} ≥ {Format.Number(p.AtLeast)} in every launch, else {Answers.AnswerText(p.Otherwise)}"
            : bands;
    }

    private static string Value(ClaimInstance at) => at.Claim.Measure switch
    {
        ClaimMeasure.Ratio or ClaimMeasure.OverFloor => (at.Value.HasInterval ? Format.RatioWithInterval(at.Value) : Format.Ratio(at.Value.Value) + "×") + (at.Claim.Measure == ClaimMeasure.OverFloor ? " its floor" : string.Empty),
        ClaimMeasure.Difference => Format.Time(at.Value.Value) + (at.Value.HasInterval ? $" [{Format.Time(at.Value.Lower)}, {Format.Time(at.Value.Upper)}]" : string.Empty),
        _ => Answers.CountValues(at.Counts) + (at.Claim.PerUnit ? " per unit" : string.Empty) + " (counted)",
    };

    private static string AnswerCell(ClaimInstance at) =>
        Answers.AnswerText(at.Answer) + (at.Provisional ? " (provisional)" : string.Empty) + (at.DecidedBy == Decider.Premise ? " (premise)" : string.Empty);

    private static string NotMeasuredValue(DeclaredClaim claim) => claim.Measure switch
    {
        ClaimMeasure.Metric => $"{claim.MetricId} of `{claim.Side}`: not measured",
        ClaimMeasure.Difference => $"`{claim.Side}` − `{claim.Versus}`: not measured",
        ClaimMeasure.OverFloor => $"`{claim.Side}` ÷ its floor: not measured (a floor from applied delays needs a run with --latency)",
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
