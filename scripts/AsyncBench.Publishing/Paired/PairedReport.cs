using System.Globalization;
using System.Text;
using AsyncBench.Publishing.Formatting;

namespace AsyncBench.Publishing.Paired;

/// <summary>The <c>paired</c> verb's markdown: the night, the rule with its numbers, what came out per case and per workload, and the exit code.</summary>
public static class PairedReport
{
    public static string Markdown(PairedNightResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var night = result.Night;
        var manifest = night.Manifest;
        var rule = result.Judgement.Rule;
        var md = new StringBuilder("# AsyncBench paired night: head against base (the gate)\n\n");
        md.Append("- Night: `").Append(night.Folder).Append('`').Append(manifest.Machine is { Length: > 0 } m ? $" on {m}" : string.Empty).Append(", started ").Append(night.Started).Append('\n');
        md.Append("- Base: ").Append(result.HasBase ? Commit(manifest.Base!) : "**none** (" + (manifest.Base?.Reason ?? "not given") + "): head ran alone, nothing is judged; the night exits 1 only if a case failed").Append('\n');
        md.Append("- Head: ").Append(manifest.Head is { } head ? Commit(head) : "not given").Append('\n');
        if (manifest.Anchor is { } anchor)
        {
            md.Append("- Anchor (for the drift series, never the gate): ").Append(Commit(anchor)).Append(anchor.PinnedOn is { Length: > 0 } pinned ? $", pinned {pinned}" : string.Empty).Append('\n');
        }

        md.Append("- Rounds: ").Append(manifest.Rounds!.Count == 0 ? "none" : string.Join("; ", manifest.Rounds.Select(r =>
            $"{r.Round} {r.Purpose ?? "?"} ({r.Pairs ?? PairedManifest.HeadBase}, {r.Slots!.Count} slot{(r.Slots.Count == 1 ? string.Empty : "s")})"))).Append('\n');
        md.Append("- Coverage: ").Append(Coverage(result)).Append('\n');
        md.Append(CultureInfo.InvariantCulture, $"- **Exit code {result.ExitCode}**: ").Append(ExitSentence(result)).Append("\n\n");

        if (result.HasBase)
        {
            Rule(md, rule);
            Summary(md, result);
            Workloads(md, result);
        }

        CaseTable(md, "Slower (confirmed: these fail the night)", result.Judgement.Slower, rule, withReason: false);
        if (result.Failed.Count > 0)
        {
            md.Append("## Failed in head\n\n");
            foreach (var f in result.Failed)
            {
                md.Append("- `").Append(f.FullName).Append(CultureInfo.InvariantCulture, $"` (round {f.Round}, slot {f.Slot}): ")
                  .Append(f.BasePassed ? "**base passed in the same slot: this fails the night**" : result.HasBase ? "failed on both sides (not head's doing; not gated)" : "failed (no base tonight)").Append('\n');
            }

            md.Append('\n');
        }

        CaseTable(md, "Undecided (the next night runs these first)", result.Judgement.Undecided, rule, withReason: true);
        CaseTable(md, "Faster", [.. result.Judgement.Gated.Where(c => c.Outcome == PairedOutcome.Faster)], rule, withReason: false);
        CaseTable(md, $"The same within ±{Format.Number(rule.ThresholdPercent)}%", [.. result.Judgement.Gated.Where(c => c.Outcome == PairedOutcome.Same)], rule, withReason: false);
        CaseTable(md, "Canaries (judged as an A/A inside the night, never gating)", result.Judgement.Canaries, rule, withReason: true);
        if (night.NotComparable.Count > 0)
        {
            md.Append("## Not comparable (listed, never gated)\n\n");
            foreach (var n in night.NotComparable)
            {
                md.Append("- `").Append(n.FullName).Append("`: ").Append(n.Reason).Append('\n');
            }

            md.Append('\n');
        }

        md.Append("This is the nightly gate. The history comparison (`compare --history`) is a separate, labelled report for what pairs cannot do (another machine, the trend pages); it sets no exit code of the night.\n");
        return md.ToString();
    }

    private static string Commit(PairedCommit commit) =>
        $"`{commit.Commit ?? "?"}`" + (commit.Ref is { Length: > 0 } r ? $" ({r})" : string.Empty) + (commit.Reason is { Length: > 0 } why ? $", {why}" : string.Empty);

    private static string Coverage(PairedNightResult result)
    {
        var rotation = result.Night.Manifest.Rotation;
        var judged = result.Judgement.Gated.Count;
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{judged} cases paired tonight, {result.Decided} decided ({Format.Percent(judged > 0 ? (double)result.Decided / judged : double.NaN)}), {result.Night.NotComparable.Count} not comparable");
        if (rotation is not null)
        {
            // The manifest's night is the machine's night number K; its part is K mod P (scripts/nightly.sh).
            var part = rotation is { Night: { } k, Parts: > 0 and var p } ? ((k % p) + 1).ToString(CultureInfo.InvariantCulture) : "?";
            text.Append(CultureInfo.InvariantCulture, $"; rotation {rotation.Scheme ?? "(unnamed)"}, night {rotation.Night?.ToString(CultureInfo.InvariantCulture) ?? "?"}: part {part} of {rotation.Parts?.ToString(CultureInfo.InvariantCulture) ?? "?"}")
                .Append(rotation.Parts is > 1 ? $": each case is judged at least every {rotation.Parts} nights" : string.Empty)
                .Append(rotation.Tonight is { Count: > 0 } tonight ? $"; tonight: {string.Join(", ", tonight.Take(12))}{(tonight.Count > 12 ? $" and {tonight.Count - 12} more" : string.Empty)}" : string.Empty);
        }
        else
        {
            text.Append("; no rotation stated (every case the rounds ran)");
        }

        return text.ToString();
    }

    private static string ExitSentence(PairedNightResult result)
    {
        var slower = result.Judgement.Slower.Count;
        var failing = result.NewlyFailing.Count;
        if (!result.HasBase)
        {
            return failing > 0 ? $"{failing} case(s) failed in head." : "no base to judge against, and no case failed.";
        }

        return slower == 0 && failing == 0
            ? $"no case confirmed slower and none failing in head ({result.Judgement.Undecided.Count} undecided: they never fail a night)."
            : $"{slower} case(s) confirmed slower, {failing} failing in head where base passed.";
    }

    private static void Rule(StringBuilder md, PairedRule rule)
    {
        md.Append("## How a case is judged\n\n");
        md.Append("Each slot runs one base and one head launch of a case back to back, the order random per slot; the slot's pair is d = ln(head ÷ base) of the two launches' medians. ")
          .Append("A case's pairs are judged by their mean d̄ against its paired spread σ̃: its own pairs' spread, the A/A prior's for the case (if given, worth at most ")
          .Append(Format.Number(PairedSpreads.CasePriorWeight)).Append(" degrees of freedom, scaled up when tonight is noisier), moderated towards its class's (or workload's) typical spread s₀² (Smyth's empirical Bayes: d₀, how many degrees of freedom s₀² is worth, fitted over the whole night to how alike its cases' spreads are). ")
          .Append("Student's t with the moderated degrees of freedom; a decision needs at least ").Append(PairedRule.MinPairs).Append(" pairs.\n\n");
        new MarkdownTable().Column("outcome").Column("rule")
            .Row("slower", $"a **candidate** when d̄'s one-sided lower bound at α_d = {Format.Number(PairedRule.DiscoveryAlpha * 100)}% is above the minimum effect m = +{Format.Number(rule.MinimumEffectPercent)}% (two builds of one code differ by 1–2 %), in one of its first {PairedRule.DiscoveryLooks} looks; then **confirmed** when a round of fresh pairs, judged alone and once, has its lower bound at α_c = {Sci(rule.ConfirmationAlpha)} above m")
            .Row("faster", $"the upper bound at {Sci(rule.FasterAlpha)} (0.05 ÷ N L) below −m")
            .Row($"the same within ±{Format.Number(rule.ThresholdPercent)}%", $"the {Format.Number((1 - (2 * PairedRule.DiscoveryAlpha)) * 100)}% interval inside ±{Format.Number(rule.ThresholdPercent)}% (two one-sided tests at α_d)")
            .Row("undecided", "anything else: never fails a night, listed, run first the next night")
            .AppendTo(md);
        md.Append(CultureInfo.InvariantCulture, $"\nThe night's false alarm: with N = {rule.Cases} gated cases, L = {PairedRule.DiscoveryLooks} looks, α_d and α_c = 0.05 ÷ (N L α_d), a night whose every case is within m of base exits 1 with probability at most N L α_d α_c = {Format.Percent(rule.NightBound)} (the candidate and its fresh pairs are independent). `paired-aa-rate` measures it on A/A pairs.\n\n");
    }

    private static void Summary(StringBuilder md, PairedNightResult result)
    {
        var j = result.Judgement;
        md.Append("## Summary\n\n");
        new MarkdownTable().Column(string.Empty).Column("cases", ColumnAlignment.Right)
            .Row("paired tonight (gated)", j.Gated.Count)
            .Row("slower (confirmed)", j.Slower.Count)
            .Row("faster", j.Gated.Count(c => c.Outcome == PairedOutcome.Faster))
            .Row($"the same within ±{Format.Number(j.Rule.ThresholdPercent)}%", j.Gated.Count(c => c.Outcome == PairedOutcome.Same))
            .Row("undecided", j.Undecided.Count)
            .Row("candidates tonight (confirmed or not)", j.Gated.Count(c => c.CandidateRound is not null))
            .Row("failing in head (base passed)", result.NewlyFailing.Count)
            .Row("not comparable", result.Night.NotComparable.Count)
            .Row("canaries (not gated)", j.Canaries.Count)
            .AppendTo(md);
        md.Append('\n');
    }

    private static void Workloads(StringBuilder md, PairedNightResult result)
    {
        md.Append("## Per workload\n\n");
        var table = new MarkdownTable().Column("workload").Column("judged", ColumnAlignment.Right).Column("slower", ColumnAlignment.Right)
            .Column("faster", ColumnAlignment.Right).Column("same", ColumnAlignment.Right).Column("undecided", ColumnAlignment.Right).Column("undecided share", ColumnAlignment.Right);
        foreach (var w in result.Workloads)
        {
            table.Row(w.Workload, w.Judged, w.Slower, w.Faster, w.Same, w.Undecided, Format.Percent(w.UndecidedShare));
        }

        table.AppendTo(md);
        md.Append('\n');
    }

    private static void CaseTable(StringBuilder md, string title, IReadOnlyList<CaseJudgement> cases, PairedRule rule, bool withReason)
    {
        if (cases.Count == 0)
        {
            return;
        }

        md.Append("## ").Append(title).Append("\n\n");
        var table = new MarkdownTable().Column("case").Column("pairs", ColumnAlignment.Right).Column("each pair (head ÷ base − 1)")
            .Column("head ÷ base", ColumnAlignment.Right).Column($"{Format.Number((1 - (2 * PairedRule.DiscoveryAlpha)) * 100)}% interval").Column("σ̃ (df; from)");
        table.Column(withReason ? "why" : "confirmation");
        foreach (var c in cases)
        {
            var i = c.Interval;
            table.Row(
                $"`{c.Case.FullName}`",
                c.Pairs.Count,
                Pairs(c.Pairs),
                i is null ? "n/a" : Format.SignedPercent(i.Ratio - 1),
                i is null || double.IsNaN(i.LowerLog) ? "n/a" : $"[{Format.SignedPercent(Math.Exp(i.LowerLog) - 1)}, {Format.SignedPercent(Math.Exp(i.UpperLog) - 1)}]",
                i is null ? "n/a" : Spread(i.Spread),
                withReason ? Why(c, rule) : Confirmed(c));
        }

        table.AppendTo(md);
        md.Append('\n');
    }

    private static string Pairs(IReadOnlyList<JudgedPair> pairs) =>
        string.Join("; ", pairs.GroupBy(p => (p.Round, p.Confirmation)).Select(g =>
            $"r{g.Key.Round}{(g.Key.Confirmation ? " (confirm)" : string.Empty)}: {string.Join(", ", g.Select(p => Format.SignedPercent(Math.Exp(p.LogRatio) - 1)))}"));

    private static string Spread(CaseSpread s) =>
        !s.IsKnown ? "none yet"
        : $"{Format.Percent(s.Sigma)} ({Format.Number(Math.Round(s.DegreesOfFreedom, 1))}; " + s.Level switch
        {
            SpreadLevel.Own => "own pairs only",
            _ => $"{s.Level.ToString().ToLowerInvariant()} s₀², d₀ {Format.Number(Math.Round(s.GroupDegreesOfFreedom, 1))}",
        } + (s.PriorDegreesOfFreedom > 0 ? $", prior{(s.PriorScale > 1 ? $" ×{Format.Significant(Math.Sqrt(s.PriorScale))}" : string.Empty)}" : string.Empty) + ")";

    private static string Confirmed(CaseJudgement c) =>
        c.Confirmation is { } f
            ? $"round {f.Round}: {f.Pairs} fresh pair(s) at {Format.SignedPercent(Math.Exp(f.CenterLog) - 1)}, lower bound {Format.SignedPercent(Math.Exp(f.LowerLog) - 1)} at α_c = {Sci(f.Alpha)}: {(f.Confirmed ? "confirmed" : "not confirmed")}"
            : c.CandidateRound is { } r ? $"candidate in round {r}" : string.Empty;

    private static string Why(CaseJudgement c, PairedRule rule) => c.Reason switch
    {
        UndecidedReason.TooFewPairs => $"fewer than {PairedRule.MinPairs} pairs, or no spread to judge them by",
        UndecidedReason.IntervalTooWide => $"interval wider than ±{Format.Number(rule.ThresholdPercent)}% allows, not past ±{Format.Number(rule.MinimumEffectPercent)}%",
        UndecidedReason.AwaitingConfirmation => $"slower candidate (round {c.CandidateRound}): its confirmation round did not run",
        UndecidedReason.NotConfirmed => "slower candidate not confirmed by fresh pairs (" + Confirmed(c) + "), and not the same either",
        UndecidedReason.LooksUsedUp => $"points slower, but its {PairedRule.DiscoveryLooks} looks are used up tonight",
        _ => c.Outcome.ToString().ToLowerInvariant(),
    };

    /// <summary>A small probability: 1.3e-3 style below 1 %, else a percent.</summary>
    private static string Sci(double p) =>
        p >= 0.01 ? Format.Percent(p) : p.ToString("0.0e0", CultureInfo.InvariantCulture);
}
