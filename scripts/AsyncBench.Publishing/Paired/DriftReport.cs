using System.Globalization;
using System.Text;
using AsyncBench.Publishing.Formatting;

namespace AsyncBench.Publishing.Paired;

/// <summary>The <c>drift</c> verb's markdown: every shift of a head ÷ anchor series with the night it began and its size.</summary>
public static class DriftReport
{
    public static string Markdown(DriftResult drift)
    {
        ArgumentNullException.ThrowIfNull(drift);
        var md = new StringBuilder("# AsyncBench drift: head ÷ anchor across nights\n\n");
        md.Append(CultureInfo.InvariantCulture, $"- Nights: {drift.Nights.Count} ({drift.Nights[0]} … {drift.Nights[^1]}); series: {drift.Series.Count} (a case against one anchor commit), {drift.Judged} long enough to judge (at least {2 * drift.Detector.MinDistance} nights)\n");
        md.Append("- A night's point: the mean ln(head ÷ anchor) of its head-anchor pairs. The anchor is fixed, so a series carries no day term: a slow creep that a moving base hides shows here.\n");
        md.Append("- Detector: ").Append(drift.Detector.Description).Append(", offline over each whole series; a shift's size is the median after it against the median before.\n\n");
        if (drift.Shifts.Count == 0)
        {
            md.Append("**No shift found.**\n");
            return md.ToString();
        }

        md.Append(CultureInfo.InvariantCulture, $"## Shifts ({drift.Shifts.Count})\n\n");
        var table = new MarkdownTable().Column("case").Column("anchor").Column("began on night").Column("size", ColumnAlignment.Right).Column("nights in series", ColumnAlignment.Right);
        foreach (var s in drift.Shifts.OrderByDescending(s => Math.Abs(s.SizeLog)))
        {
            table.Row($"`{s.Series.Case.FullName}`", $"`{s.Series.Anchor}`", s.Night, Format.SignedPercent(Math.Exp(s.SizeLog) - 1), s.Series.Points.Count);
        }

        table.AppendTo(md);
        return md.ToString();
    }
}
