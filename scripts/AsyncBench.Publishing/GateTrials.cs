using System.Globalization;
using System.Text;

namespace AsyncBench.Publishing;

/// <summary>
/// Tabulates power trials and A/A pairs from comparison files (<c>compare --json</c>): a comparison whose
/// diff run declares injected slowdowns is a trial, one without is an A/A pair. Per comparison: flags among
/// the injected and among the others; per injected benchmark over the trials: how often it was gateable and
/// flagged; and the totals the nightly gate is held to (injected flagged ≥ 90 %, others no more often than in
/// A/A). A flag here is a gateable, non-canary benchmark called slower or faster.
/// </summary>
public static class GateTrials
{
    public static string Markdown(IReadOnlyList<(string Name, ComparisonDocument Document)> comparisons)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        var md = new StringBuilder("# Gate trials\n\n");
        md.Append("A trial: a comparison whose diff run declares injected slowdowns (the fault-injection setting, in the sidecar); an A/A pair: one without. ")
          .Append("A flag: a gateable, non-canary benchmark called slower or faster.\n\n");
        md.Append("| comparison | kind | judged | injected | injected gateable | injected flagged | others flagged (slower/faster) | others judged |");
        foreach (var t in Gate.ReportedThresholds)
        {
            md.Append(" gateable at ").Append(Format.Number(t)).Append(" % |");
        }

        md.Append(" run-wide | exit |\n|---|---|---:|---:|---:|---:|---:|---:|").Append(string.Concat(Gate.ReportedThresholds.Select(_ => "---:|"))).Append("---|---:|\n");
        foreach (var (name, d) in comparisons)
        {
            var judged = Judged(d).ToList();
            var injected = judged.Where(b => b.InjectedSlowdownPercent is > 0).ToList();
            var others = judged.Where(b => b.InjectedSlowdownPercent is not > 0).ToList();
            var share = d.GateableShares[0];
            md.Append("| ").Append(name).Append(" | ").Append(injected.Count > 0 ? "trial" : "A/A").Append(" | ").Append(judged.Count)
              .Append(" | ").Append(injected.Count).Append(" | ").Append(injected.Count(b => b.Gateable))
              .Append(" | ").Append(injected.Count(b => b.Gateable && b.Verdict == nameof(TimeChange.Slower)))
              .Append(" | ").Append(others.Count(b => b.Gateable && b.Verdict == nameof(TimeChange.Slower))).Append(" / ").Append(others.Count(b => b.Gateable && b.Verdict == nameof(TimeChange.Faster)))
              .Append(" | ").Append(others.Count).Append(" |");
            foreach (var t in Gate.ReportedThresholds)
            {
                var n = share.Gateable.GetValueOrDefault(Key(t));
                md.Append(' ').Append(n).Append(share.Benchmarks > 0 ? $" ({Format.Number(100.0 * n / share.Benchmarks)}%)" : string.Empty).Append(" |");
            }

            md.Append(' ').Append(d.RunWide is { } w ? $"{w.Cause} {Format.Number(w.RunChangePercent)}%" : "n/a").Append(" | ").Append(d.Regression ? 1 : 0).Append(" |\n");
        }

        var trials = comparisons.Where(c => Judged(c.Document).Any(b => b.InjectedSlowdownPercent is > 0)).ToList();
        var pairs = comparisons.Where(c => !Judged(c.Document).Any(b => b.InjectedSlowdownPercent is > 0)).ToList();
        if (trials.Count > 0)
        {
            md.Append("\n## Injected benchmarks\n\n| benchmark | injected | trials | gateable in | flagged in | median own ratio | median flag above |\n|---|---:|---:|---:|---:|---:|---:|\n");
            var byBenchmark = trials.SelectMany(c => Judged(c.Document).Where(b => b.InjectedSlowdownPercent is > 0)).GroupBy(b => b.Id).OrderBy(g => g.Key, StringComparer.Ordinal);
            foreach (var g in byBenchmark)
            {
                var ratios = g.Where(b => b.OwnRatio is not null).Select(b => b.OwnRatio!.Value).ToList();
                var above = g.Where(b => b.FlagAbovePercent is not null).Select(b => b.FlagAbovePercent!.Value).ToList();
                md.Append("| `").Append(g.Key).Append("` | +").Append(Format.Number(NoiseModel.Median([.. g.Select(b => b.InjectedSlowdownPercent!.Value)]))).Append("% | ")
                  .Append(g.Count()).Append(" | ").Append(g.Count(b => b.Gateable)).Append(" | ").Append(g.Count(b => b.Gateable && b.Verdict == nameof(TimeChange.Slower)))
                  .Append(" | ").Append(ratios.Count > 0 ? Format.Ratio(NoiseModel.Median(ratios)) : "n/a")
                  .Append(" | ").Append(above.Count > 0 ? "+" + Format.Number(NoiseModel.Median(above)) + "%" : "n/a").Append(" |\n");
            }
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

    private static IEnumerable<BenchmarkDocument> Judged(ComparisonDocument d) => d.Benchmarks.Where(b => !b.Canary && b.Verdict != "Failed");

    private static bool Flag(BenchmarkDocument b) => b.Gateable && b.Verdict is nameof(TimeChange.Slower) or nameof(TimeChange.Faster);

    private static string Rate(int n, int of) => of == 0 ? "n/a" : Format.Number(100.0 * n / of) + "%";

    private static string Key(double threshold) => threshold.ToString("0.##", CultureInfo.InvariantCulture);
}
