using System.Globalization;
using System.Text;
using AsyncBench.Publishing.Formatting;
using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Reading.FullJson;

namespace AsyncBench.Publishing.Pages;

/// <summary>
/// The history of one machine: per benchmark class, the median of every benchmark over the stored
/// runs of that machine (never mixed with other machines), and a chart per setting at its largest Count.
/// </summary>
public static class TrendPage
{
    public const string FileName = "trend.md";

    /// <summary>At most this many runs, the newest, are shown.</summary>
    public const int MaxRuns = 12;

    public static IReadOnlyDictionary<string, string> Render(string machine, IReadOnlyList<(RunManifest Manifest, BenchmarkRun Run)> history)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var runs = history.TakeLast(MaxRuns).ToList();
        var md = new StringBuilder("# Trend on machine ").Append(machine).Append("\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Median time per batch in the last {runs.Count} published run(s) of this machine (runs of other machines are kept apart). Columns are runs, oldest first; `—`: not in that run or failed.\n\n");
        for (var i = 0; i < runs.Count; i++)
        {
            var m = runs[i].Manifest;
            md.Append(CultureInfo.InvariantCulture, $"- run {i + 1}: {Started(m)}, commit {m.Commit}, {m.Runtime}\n");
        }

        md.Append('\n');
        var ids = runs.SelectMany(r => r.Run.Results.Select(x => x.Id)).Distinct().ToList();
        var pages = ResultTables.PageNames(ids.Select(id => id.Namespace));
        ids = [.. ids.OrderBy(id => pages[id.Namespace], StringComparer.Ordinal).ThenBy(id => id.ClassName, StringComparer.Ordinal).ThenBy(id => id.Key, StringComparer.Ordinal)];
        var medians = runs.Select(r => r.Run.Results.Where(x => !x.Failed).ToDictionary(x => x.Id, x => x.Statistics!.Median)).ToList();
        foreach (var byClass in ids.GroupBy(id => id.ClassName))
        {
            var type = byClass.First().Type;
            var workload = pages[byClass.First().Namespace];
            md.Append("## ").Append(workload).Append('.').Append(type).Append("\n\n");
            var charts = Charts(workload, type, byClass.ToList(), medians);
            foreach (var chart in charts)
            {
                var file = $"trend-{WorkloadPage.FileStem(workload).ToLowerInvariant()}-{WorkloadPage.FileStem(type)}{chart.FileSuffix}.svg";
                files[file] = chart.Svg;
                md.Append("![").Append(type).Append(", ").Append(chart.Setting).Append(": median per run](").Append(file).Append(")\n\n");
            }

            if (charts.Count > 0)
            {
                md.Append("One chart per setting, at its largest Count; one line per benchmark.\n\n");
            }

            var table = new MarkdownTable().Column("Benchmark");
            for (var i = 0; i < runs.Count; i++)
            {
                table.Column((i + 1).ToString(CultureInfo.InvariantCulture), ColumnAlignment.Right);
            }

            foreach (var id in byClass)
            {
                table.Row([
                    id.Method + " " + string.Join(", ", id.Parameters.Select(p => $"{p.Key}={p.Value}")),
                    .. medians.Select(run => run.TryGetValue(id, out var median) ? Format.Time(median) : "—")]);
            }

            table.AppendTo(md);
            md.Append('\n');
        }

        files[FileName] = md.ToString();
        return files;
    }

    private static string Started(RunManifest manifest) =>
        manifest.Started is { } s ? s.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "unknown time";

    /// <summary>
    /// One chart per setting of the class (its [Params] other than Count, as the workload pages' tables), at that
    /// setting's largest Count, one line per benchmark; none with fewer than two runs.
    /// </summary>
    private static List<(string Svg, string Setting, string FileSuffix)> Charts(string workload, string type, IReadOnlyList<BenchmarkId> ids, IReadOnlyList<Dictionary<BenchmarkId, double>> medians)
    {
        var charts = new List<(string, string, string)>();
        if (medians.Count < 2)
        {
            return charts;
        }

        var classParameters = Setting.ClassParameters(ids);
        var settings = ids.GroupBy(id => Setting.Of(id, classParameters, withCount: false));
        foreach (var setting in settings)
        {
            var count = setting.Max(id => id.LongParameter(Setting.CountParameter) ?? 0);
            var chosen = setting.Where(id => (id.LongParameter(Setting.CountParameter) ?? 0) == count).ToList();
            var series = chosen
                .Select(id => (Row: ResultTables.RowLabel(id, classParameters),
                    Points: medians.Select((run, i) => (X: (double)(i + 1), Found: run.TryGetValue(id, out var m), Y: m)).Where(p => p.Found && p.Y > 0).Select(p => (p.X, p.Y)).ToList()))
                .Where(s => s.Points.Count > 0)
                .ToList();
            if (series.Count == 0)
            {
                continue;
            }

            var shown = count > 0 ? setting.Key.AtCount(count) : setting.Key;
            var suffix = string.Concat(setting.Key.Parameters.Select(p => $"-{p.Key}-{WorkloadPage.FileStem(p.Value)}"));
            charts.Add((SvgChart.LineChart($"{workload}.{type}, {shown.Title}: median per run", "run", series, logX: false), shown.Title, suffix));
        }

        return charts;
    }
}
