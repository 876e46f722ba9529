using System.Globalization;
using System.Text;
using AsyncBench.Publishing.Formatting;

namespace AsyncBench.Publishing.Pages;

/// <summary>The trend page of one machine: a <see cref="Trend"/> as a table per benchmark class and its charts (file name → content).</summary>
public static class TrendPage
{
    public const string FileName = "trend.md";

    public static IReadOnlyDictionary<string, string> Render(string machine, Trend trend)
    {
        ArgumentNullException.ThrowIfNull(trend);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var md = new StringBuilder("# Trend on machine ").Append(machine).Append("\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Median time per batch in the last {trend.Runs.Count} published run(s) of this machine (runs of other machines are kept apart). Columns are runs, oldest first; `—`: not in that run or failed.\n\n");
        for (var i = 0; i < trend.Runs.Count; i++)
        {
            var m = trend.Runs[i];
            md.Append(CultureInfo.InvariantCulture, $"- run {i + 1}: {Started(m)}, commit {m.Commit}, {m.Runtime}\n");
        }

        md.Append('\n');
        foreach (var trendClass in trend.Classes)
        {
            var (workload, type) = (trendClass.Workload, trendClass.Type);
            md.Append("## ").Append(workload).Append('.').Append(type).Append("\n\n");
            foreach (var chart in trendClass.Charts)
            {
                var suffix = string.Concat(chart.Setting.Parameters.Select(p => $"-{p.Key}-{WorkloadPage.FileStem(p.Value)}"));
                var file = $"trend-{WorkloadPage.FileStem(workload).ToLowerInvariant()}-{WorkloadPage.FileStem(type)}{suffix}.svg";
                files[file] = SvgChart.LineChart($"{workload}.{type}, {chart.Shown.Title}: median per run", "run", chart.Series, logX: false);
                md.Append("![").Append(type).Append(", ").Append(chart.Shown.Title).Append(": median per run](").Append(file).Append(")\n\n");
            }

            if (trendClass.Charts.Count > 0)
            {
                md.Append("One chart per setting, at its largest Count; one line per benchmark.\n\n");
            }

            var table = new MarkdownTable().Column("Benchmark");
            for (var i = 0; i < trend.Runs.Count; i++)
            {
                table.Column((i + 1).ToString(CultureInfo.InvariantCulture), ColumnAlignment.Right);
            }

            foreach (var row in trendClass.Rows)
            {
                table.Row([
                    row.Id.Method + " " + string.Join(", ", row.Id.Parameters.Select(p => $"{p.Key}={p.Value}")),
                    .. row.Medians.Select(median => median is { } m ? Format.Time(m) : "—")]);
            }

            table.AppendTo(md);
            md.Append('\n');
        }

        files[FileName] = md.ToString();
        return files;
    }

    private static string Started(RunManifest manifest) =>
        manifest.Started is { } s ? s.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "unknown time";
}
