using System.Globalization;
using AsyncBench.Publishing.Comparing;
using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publishing.Trials;

/// <summary>
/// One comparison of the trials: a trial (its diff run declares injected slowdowns) or an A/A pair, its judged benchmarks,
/// the injected ones gateable and flagged, the others flagged slower and faster, its gateable share at each reported
/// threshold (<see cref="FlagRule.ReportedThresholds"/>), its run-wide decision and whether it exited 1.
/// </summary>
public sealed record TrialComparison(
    string Name,
    bool Trial,
    int Judged,
    int Injected,
    int InjectedGateable,
    int InjectedFlagged,
    int OthersSlower,
    int OthersFaster,
    int Others,
    IReadOnlyList<int> GateableAtThresholds,
    int ShareBenchmarks,
    RunWideDocument? RunWide,
    bool Regression);

/// <summary>One injected benchmark over the trials: how often it was gateable and flagged, its median own ratio and flag bar.</summary>
public sealed record InjectedOverTrials(string Id, double InjectedPercent, int Trials, int Gateable, int Flagged, double? MedianOwnRatio, double? MedianFlagAbovePercent);

/// <summary>The totals the nightly gate is held to: injected flagged (of the gateable, of all), A/A flags and exits, the trials' other benchmarks' flags.</summary>
public sealed record TrialsTotals(int InjectedFlagged, int InjectedGateable, int InjectedAll, int Pairs, int PairFlags, int PairJudged, int PairsExited, int BystanderFlags, int Bystanders);

public sealed record TrialsTable(IReadOnlyList<TrialComparison> Comparisons, IReadOnlyList<InjectedOverTrials> Injected, TrialsTotals Totals);

/// <summary>
/// Tabulates power trials and A/A pairs from comparison files (<c>compare --json</c>): a comparison whose
/// diff run declares injected slowdowns is a trial, one without is an A/A pair. Per comparison: flags among
/// the injected and among the others; per injected benchmark over the trials: how often it was gateable and
/// flagged; and the totals the nightly gate is held to (injected flagged ≥ 90 %, others no more often than in
/// A/A). A flag here is a gateable, non-canary benchmark called slower or faster. <see cref="TrialsReport"/> writes it.
/// </summary>
public static class GateTrials
{
    public static TrialsTable Tabulate(IReadOnlyList<(string Name, GateDocument Document)> comparisons)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        var rows = new List<TrialComparison>();
        foreach (var (name, d) in comparisons)
        {
            var judged = Judged(d).ToList();
            var injected = judged.Where(b => b.InjectedSlowdownPercent is > 0).ToList();
            var others = judged.Where(b => b.InjectedSlowdownPercent is not > 0).ToList();
            var share = d.GateableShares[0];
            rows.Add(new TrialComparison(
                name,
                injected.Count > 0,
                judged.Count,
                injected.Count,
                injected.Count(b => b.Gateable),
                injected.Count(b => b.Gateable && b.Verdict == nameof(TimeChange.Slower)),
                others.Count(b => b.Gateable && b.Verdict == nameof(TimeChange.Slower)),
                others.Count(b => b.Gateable && b.Verdict == nameof(TimeChange.Faster)),
                others.Count,
                [.. FlagRule.ReportedThresholds.Select(t => share.Gateable.GetValueOrDefault(Key(t)))],
                share.Benchmarks,
                d.RunWide,
                d.Regression));
        }

        var trials = comparisons.Where(c => Judged(c.Document).Any(b => b.InjectedSlowdownPercent is > 0)).ToList();
        var pairs = comparisons.Where(c => !Judged(c.Document).Any(b => b.InjectedSlowdownPercent is > 0)).ToList();
        var byBenchmark = trials.SelectMany(c => Judged(c.Document).Where(b => b.InjectedSlowdownPercent is > 0)).GroupBy(b => b.Id).OrderBy(g => g.Key, StringComparer.Ordinal);
        var injectedRows = new List<InjectedOverTrials>();
        foreach (var g in byBenchmark)
        {
            var ratios = g.Where(b => b.OwnRatio is not null).Select(b => b.OwnRatio!.Value).ToList();
            var above = g.Where(b => b.FlagAbovePercent is not null).Select(b => b.FlagAbovePercent!.Value).ToList();
            injectedRows.Add(new InjectedOverTrials(
                g.Key,
                NoiseModel.Median([.. g.Select(b => b.InjectedSlowdownPercent!.Value)]),
                g.Count(),
                g.Count(b => b.Gateable),
                g.Count(b => b.Gateable && b.Verdict == nameof(TimeChange.Slower)),
                ratios.Count > 0 ? NoiseModel.Median(ratios) : null,
                above.Count > 0 ? NoiseModel.Median(above) : null));
        }

        var injectedAll = trials.SelectMany(c => Judged(c.Document).Where(b => b.InjectedSlowdownPercent is > 0)).ToList();
        var injectedGateable = injectedAll.Where(b => b.Gateable).ToList();
        var pairVerdicts = pairs.SelectMany(c => Judged(c.Document)).ToList();
        var bystanders = trials.SelectMany(c => Judged(c.Document).Where(b => b.InjectedSlowdownPercent is not > 0)).ToList();
        var totals = new TrialsTotals(
            injectedGateable.Count(b => b.Verdict == nameof(TimeChange.Slower)),
            injectedGateable.Count,
            injectedAll.Count,
            pairs.Count,
            pairVerdicts.Count(Flag),
            pairVerdicts.Count,
            pairs.Count(p => p.Document.Regression),
            bystanders.Count(Flag),
            bystanders.Count);
        return new TrialsTable(rows, injectedRows, totals);
    }

    private static IEnumerable<BenchmarkDocument> Judged(GateDocument d) => d.Benchmarks.Where(b => !b.Canary && b.Verdict != "Failed");

    private static bool Flag(BenchmarkDocument b) => b.Gateable && b.Verdict is nameof(TimeChange.Slower) or nameof(TimeChange.Faster);

    private static string Key(double threshold) => threshold.ToString("0.##", CultureInfo.InvariantCulture);
}
