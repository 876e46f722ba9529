using System.Globalization;
using System.Text;
using AsyncBench.Publishing.Formatting;

namespace AsyncBench.Publishing.Paired;

/// <summary>The <c>drift-simulate</c> verb's markdown: per detector and workload, injected shifts found and how fast, and false shifts on A/A series.</summary>
public static class DriftSimulationReport
{
    public static string Markdown(DriftSimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var md = new StringBuilder("# AsyncBench drift detection, simulated\n\n");
        md.Append("- Noise: ").Append(result.Source).Append(" of ").Append(string.Join(", ", result.Sources.Select(s => $"`{s}`"))).Append('\n');
        md.Append(CultureInfo.InvariantCulture, $"- Per workload {result.SeriesPerWorkload} series of {result.Length} nights, each night the mean of {result.PairsPerNight} pair(s) drawn from a case's pairs around their nightly mean (seed {result.Seed}); ");
        md.Append(CultureInfo.InvariantCulture, $"the same series with a sustained {Format.Number(result.ShiftPercent)}% shift from night {result.Start}, found on the first night the detector (run on the nights so far) puts a change point within two nights of it.\n");
        md.Append(CultureInfo.InvariantCulture, $"- Goals: found within {DriftSimulationResult.GoalNights} nights; no shift on any A/A series.\n\n");
        var table = new MarkdownTable().Column("detector").Column("workload").Column("night σ", ColumnAlignment.Right).Column("found", ColumnAlignment.Right)
            .Column($"within {DriftSimulationResult.GoalNights} nights", ColumnAlignment.Right).Column("median nights", ColumnAlignment.Right).Column("A/A series with a shift", ColumnAlignment.Right);
        foreach (var t in result.Trials)
        {
            table.Row(t.Detector.Description, t.Workload, Format.Percent(t.NightSigmaLog), $"{t.Found}/{t.Series}", $"{t.FoundInTime}/{t.Series}", Format.Number(t.MedianNights), $"{t.FalseShiftSeries}/{t.Series}");
        }

        table.AppendTo(md);
        md.Append("\n**Chosen:** ").Append(result.Chosen is { } chosen
            ? $"{chosen.Description}: no A/A series shows a shift, and it finds the most injected shifts within {DriftSimulationResult.GoalNights} nights."
            : "none: every detector reports a shift on some A/A series; the penalty must rise.").Append('\n');
        return md.ToString();
    }
}
