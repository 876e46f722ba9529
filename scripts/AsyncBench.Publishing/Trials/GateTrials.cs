using System.Globalization;
using System.Text;
using AsyncBench.Publishing.Comparing;
using AsyncBench.Publishing.Formatting;
using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publishing.Trials;

/// <summary>
/// Tabulates power trials and A/A pairs from comparison files (<c>compare --json</c>): a comparison whose
/// diff run declares injected slowdowns is a trial, one without is an A/A pair. Per comparison: flags among
/// the injected and among the others; per injected benchmark over the trials: how often it was gateable and
/// flagged; and the totals the nightly gate is held to (injected flagged ≥ 90 %, others no more often than in
/// A/A). A flag here is a gateable, non-canary benchmark called slower or faster.
/// </summary>
public static class GateTrials
{
    public static string Markdown(IReadOnlyList<(string Name, GateDocument Document)> comparisons)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        var md = new StringBuilder("# Gate trials\n\n");
        md.Append("A trial: a comparison whose diff run declares injected slowdowns (the fault-injection setting, in the sidecar); an A/A pair: one without. ")
          .Append("A flag: a gateable, non-canary benchmark called slower or faster.\n\n");
        var table = new MarkdownTable().Column("comparison").Column("kind").Column("judged", ColumnAlignment.Right).Column("injected", ColumnAlignment.Right)
            .Column("injected gateable", ColumnAlignment.Right).Column("injected flagged", ColumnAlignment.Right)
            .Column("others flagged (slower/faster)", ColumnAlignment.Right).Column("others judged", ColumnAlignment.Right);
        foreach (var t in FlagRule.ReportedThresholds)
        {
            table.Column($"gateable at {Format.Number(t)} %", ColumnAlignment.Right);
        }

        table.Column("run-wide").Column("exit", ColumnAlignment.Right);
        foreach (var (name, d) in comparisons)
        {
            var judged = Judged(d).ToList();
            var injected = judged.Where(b => b.InjectedSlowdownPercent is > 0).ToList();
            var others = judged.Where(b => b.InjectedSlowdownPercent is not > 0).ToList();
            var share = d.GateableShares[0];
            table.Row([
                name,
                injected.Count > 0 ? "trial" : "A/A",
                judged.Count,
                injected.Count,
                injected.Count(b => b.Gateable),
                injected.Count(b => b.Gateable && b.Verdict == nameof(TimeChange.Slower)),
                $"{others.Count(b => b.Gateable && b.Verdict == nameof(TimeChange.Slower))} / {others.Count(b => b.Gateable && b.Verdict == nameof(TimeChange.Faster))}",
                others.Count,
                .. FlagRule.ReportedThresholds.Select(t => GateReport.ShareCell(share.Gateable.GetValueOrDefault(Key(t)), share.Benchmarks)),
                d.RunWide is { } w ? $"{w.Cause} {Format.Number(w.RunChangePercent)}%" : "n/a",
                d.Regression ? 1 : 0]);
        }

        table.AppendTo(md);

        var trials = comparisons.Where(c => Judged(c.Document).Any(b => b.InjectedSlowdownPercent is > 0)).ToList();
        var pairs = comparisons.Where(c => !Judged(c.Document).Any(b => b.InjectedSlowdownPercent is > 0)).ToList();
        if (trials.Count > 0)
        {
            md.Append("\n## Injected benchmarks\n\n");
            var byInjected = new MarkdownTable().Column("benchmark").Column("injected", ColumnAlignment.Right).Column("trials", ColumnAlignment.Right)
                .Column("gateable in", ColumnAlignment.Right).Column("flagged in", ColumnAlignment.Right).Column("median own ratio", ColumnAlignment.Right)
                .Column("median flag above", ColumnAlignment.Right);
            var byBenchmark = trials.SelectMany(c => Judged(c.Document).Where(b => b.InjectedSlowdownPercent is > 0)).GroupBy(b => b.Id).OrderBy(g => g.Key, StringComparer.Ordinal);
            foreach (var g in byBenchmark)
            {
                var ratios = g.Where(b => b.OwnRatio is not null).Select(b => b.OwnRatio!.Value).ToList();
                var above = g.Where(b => b.FlagAbovePercent is not null).Select(b => b.FlagAbovePercent!.Value).ToList();
                byInjected.Row(
                    $"`{g.Key}`",
                    "+" + Format.Number(NoiseModel.Median([.. g.Select(b => b.InjectedSlowdownPercent!.Value)])) + "%",
                    g.Count(),
                    g.Count(b => b.Gateable),
                    g.Count(b => b.Gateable && b.Verdict == nameof(TimeChange.Slower)),
                    ratios.Count > 0 ? Format.Ratio(NoiseModel.Median(ratios)) : "n/a",
                    above.Count > 0 ? "+" + Format.Number(NoiseModel.Median(above)) + "%" : "n/a");
            }

            byInjected.AppendTo(md);
        }

        md.Append("\n## Totals\n\n");
        var injectedAll = trials.SelectMany(c => Judged(c.Document).Where(b => b.InjectedSlowdownPercent is > 0)).ToList();
        var injectedGateable = injectedAll.Where(b => b.Gateable).ToList();
        var injectedFlagged = injectedGateable.Count(b => b.Verdict == nameof(TimeChange.Slower));
        md.Append(CultureInfo.InvariantCulture, $"- Injected, gateable: flagged {injectedFlagged} of {injectedGateable.Count} ({Rate(injectedFlagged, injectedGateable.Count)}); of all injected (gateable or not): {injectedFlagged} of {injectedAll.Count} ({Rate(injectedFlagged, injectedAll.Count)}). Goal: ≥ 90 % of the gateable.\n");
        var aa = pairs.SelectMany(c => Judged(c.Document)).ToList();
        var aaFlags = aa.Count(Flag);
        md.Append(CultureInfo.InvariantCulture, $"- A/A pairs ({pairs.Count}): {aaFlags} flags in {aa.Count} benchmark verdicts ({Rate(aaFlags, aa.Count)}); {pairs.Count(p => p.Document.Regression)} of {pairs.Count} exited 1. Goal: at most 5 % flagged, exit 0.\n");
        var bystanders = trials.SelectMany(c => Judged(c.Document).Where(b => b.InjectedSlowdownPercent is not > 0)).ToList();
        var bystanderFlags = bystanders.Count(Flag);
        md.Append(CultureInfo.InvariantCulture, $"- Trials, the other benchmarks: {bystanderFlags} flags in {bystanders.Count} verdicts ({Rate(bystanderFlags, bystanders.Count)}). Goal: no more than the A/A rate.\n");
        return md.ToString();
    }

    private static IEnumerable<BenchmarkDocument> Judged(GateDocument d) => d.Benchmarks.Where(b => !b.Canary && b.Verdict != "Failed");

    private static bool Flag(BenchmarkDocument b) => b.Gateable && b.Verdict is nameof(TimeChange.Slower) or nameof(TimeChange.Faster);

    private static string Rate(int n, int of) => of == 0 ? "n/a" : Format.Number(100.0 * n / of) + "%";

    private static string Key(double threshold) => threshold.ToString("0.##", CultureInfo.InvariantCulture);
}
