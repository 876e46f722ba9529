using AsyncBench.Publishing.Reading;

namespace AsyncBench.Publishing.Pages;

/// <summary>One benchmark's row of the trend: its median time per batch in each run shown (null: not in that run, or failed).</summary>
public sealed record TrendRow(BenchmarkId Id, IReadOnlyList<double?> Medians);

/// <summary>
/// One chart of a class's trend: a setting (its [Params] but Count) at its largest Count, one line per benchmark, the run
/// number on x. <see cref="Shown"/> is that setting with the Count, as the chart names it.
/// </summary>
public sealed record TrendChart(Setting Setting, Setting Shown, IReadOnlyList<(string Row, List<(double X, double Y)> Points)> Series);

/// <summary>One benchmark class over the runs: its rows, and a chart per setting when at least two runs are shown.</summary>
public sealed record TrendClass(string Workload, string Type, IReadOnlyList<TrendRow> Rows, IReadOnlyList<TrendChart> Charts);

/// <summary>
/// The history of one machine: per benchmark class, the median of every benchmark over the stored runs of that machine
/// (never mixed with other machines), and a chart per setting at its largest Count. <see cref="TrendPage"/> writes it.
/// </summary>
public sealed record Trend(IReadOnlyList<RunManifest> Runs, IReadOnlyList<TrendClass> Classes)
{
    /// <summary>At most this many runs, the newest, are shown.</summary>
    public const int MaxRuns = 12;

    public static Trend Of(IReadOnlyList<(RunManifest Manifest, BenchmarkRun Run)> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var runs = history.TakeLast(MaxRuns).ToList();
        var ids = runs.SelectMany(r => r.Run.Results.Select(x => x.Id)).Distinct().ToList();
        var pages = ResultTables.PageNames(ids.Select(id => id.Namespace));
        ids = [.. ids.OrderBy(id => pages[id.Namespace], StringComparer.Ordinal).ThenBy(id => id.ClassName, StringComparer.Ordinal).ThenBy(id => id.Key, StringComparer.Ordinal)];
        var medians = runs.Select(r => r.Run.Results.Where(x => !x.Failed).ToDictionary(x => x.Id, x => x.Statistics!.Median)).ToList();
        var classes = ids.GroupBy(id => id.ClassName)
            .Select(byClass => new TrendClass(
                pages[byClass.First().Namespace],
                byClass.First().Type,
                [.. byClass.Select(id => new TrendRow(id, [.. medians.Select(run => run.TryGetValue(id, out var median) ? median : (double?)null)]))],
                Charts([.. byClass], medians)))
            .ToList();
        return new Trend([.. runs.Select(r => r.Manifest)], classes);
    }

    /// <summary>
    /// One chart per setting of the class (its [Params] other than Count, as the workload pages' tables), at that
    /// setting's largest Count, one line per benchmark; none with fewer than two runs.
    /// </summary>
    private static List<TrendChart> Charts(IReadOnlyList<BenchmarkId> ids, IReadOnlyList<Dictionary<BenchmarkId, double>> medians)
    {
        var charts = new List<TrendChart>();
        if (medians.Count < 2)
        {
            return charts;
        }

        var classParameters = Setting.ClassParameters(ids);
        foreach (var setting in ids.GroupBy(id => Setting.Of(id, classParameters, withCount: false)))
        {
            var count = setting.Max(id => id.LongParameter(Setting.CountParameter) ?? 0);
            var series = setting.Where(id => (id.LongParameter(Setting.CountParameter) ?? 0) == count)
                .Select(id => (Row: ResultTables.RowLabel(id, classParameters),
                    Points: medians.Select((run, i) => (X: (double)(i + 1), Found: run.TryGetValue(id, out var m), Y: m)).Where(p => p.Found && p.Y > 0).Select(p => (p.X, p.Y)).ToList()))
                .Where(s => s.Points.Count > 0)
                .ToList();
            if (series.Count > 0)
            {
                charts.Add(new TrendChart(setting.Key, count > 0 ? setting.Key.AtCount(count) : setting.Key, series));
            }
        }

        return charts;
    }
}
