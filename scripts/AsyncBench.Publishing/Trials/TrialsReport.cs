using System.Globalization;
using System.Text;
using AsyncBench.Publishing.Comparing;
using AsyncBench.Publishing.Formatting;

namespace AsyncBench.Publishing.Trials;

/// <summary>The trials command's markdown: a <see cref="TrialsTable"/> as its comparisons, its injected benchmarks and the totals against their goals.</summary>
public static class TrialsReport
{
    public static string Markdown(TrialsTable trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
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
        foreach (var c in trials.Comparisons)
        {
            table.Row([
                c.Name,
                c.Trial ? "trial" : "A/A",
                c.Judged,
                c.Injected,
                c.InjectedGateable,
                c.InjectedFlagged,
                $"{c.OthersSlower} / {c.OthersFaster}",
                c.Others,
                .. c.GateableAtThresholds.Select(g => GateReport.ShareCell(g, c.ShareBenchmarks)),
                c.RunWide is { } w ? $"{w.Cause} {Format.Number(w.RunChangePercent)}%" : "n/a",
                c.Regression ? 1 : 0]);
        }

        table.AppendTo(md);
        if (trials.Injected.Count > 0)
        {
            md.Append("\n## Injected benchmarks\n\n");
            var byInjected = new MarkdownTable().Column("benchmark").Column("injected", ColumnAlignment.Right).Column("trials", ColumnAlignment.Right)
                .Column("gateable in", ColumnAlignment.Right).Column("flagged in", ColumnAlignment.Right).Column("median own ratio", ColumnAlignment.Right)
                .Column("median flag above", ColumnAlignment.Right);
            foreach (var b in trials.Injected)
            {
                byInjected.Row(
                    $"`{b.Id}`",
                    "+" + Format.Number(b.InjectedPercent) + "%",
                    b.Trials,
                    b.Gateable,
                    b.Flagged,
                    b.MedianOwnRatio is { } ratio ? Format.Ratio(ratio) : "n/a",
                    b.MedianFlagAbovePercent is { } above ? "+" + Format.Number(above) + "%" : "n/a");
            }

            byInjected.AppendTo(md);
        }

        var s = trials.Totals;
        md.Append("\n## Totals\n\n");
        md.Append(CultureInfo.InvariantCulture, $"- Injected, gateable: flagged {s.InjectedFlagged} of {s.InjectedGateable} ({Rate(s.InjectedFlagged, s.InjectedGateable)}); of all injected (gateable or not): {s.InjectedFlagged} of {s.InjectedAll} ({Rate(s.InjectedFlagged, s.InjectedAll)}). Goal: ≥ 90 % of the gateable.\n");
        md.Append(CultureInfo.InvariantCulture, $"- A/A pairs ({s.Pairs}): {s.PairFlags} flags in {s.PairJudged} benchmark verdicts ({Rate(s.PairFlags, s.PairJudged)}); {s.PairsExited} of {s.Pairs} exited 1. Goal: at most 5 % flagged, exit 0.\n");
        md.Append(CultureInfo.InvariantCulture, $"- Trials, the other benchmarks: {s.BystanderFlags} flags in {s.Bystanders} verdicts ({Rate(s.BystanderFlags, s.Bystanders)}). Goal: no more than the A/A rate.\n");
        return md.ToString();
    }

    private static string Rate(int n, int of) => of == 0 ? "n/a" : Format.Number(100.0 * n / of) + "%";
}
