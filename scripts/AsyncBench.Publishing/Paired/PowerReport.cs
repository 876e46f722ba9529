using System.Globalization;
using System.Text;
using AsyncBench.Publishing.Formatting;

namespace AsyncBench.Publishing.Paired;

/// <summary>The <c>paired-power</c> verb's markdown: per slowdown, the share flagged for each paired spread (rows) and first-round pairs (columns).</summary>
public static class PowerReport
{
    public static string Markdown(PowerTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var md = new StringBuilder("# AsyncBench paired gate: power by simulation\n\n");
        md.Append(CultureInfo.InvariantCulture, $"- Nights of {table.Cases} cases (classes of {table.ClassSize}), {table.Slowed} of them slowed; {table.NightsPerCell} nights per cell, seed {table.Seed}; no prior.\n");
        md.Append(CultureInfo.InvariantCulture, $"- Each night: the first round's pairs per case (columns), then up to {table.Rounds - 1} more round(s) as paired-plan asks (confirmations, undecided cases){(table.Budget is { } b ? $", at most {b} pairs in all after the first round" : string.Empty)}; power = the share of slowed cases confirmed slower.\n");
        md.Append("- Paired spread (rows): 1 σ of ln(head ÷ base) per slot, ")
          .Append(table.GroupDegreesOfFreedom is { } d0 ? $"each case's own drawn around it (scaled inverse χ², d₀ = {Format.Number(d0)}: cases of a class unlike each other)" : "the same for every case").Append(".\n");
        md.Append(CultureInfo.InvariantCulture, $"- Rule: m = {Format.Number(table.Rule.MinimumEffectPercent)}%, α_d = {Format.Number(PairedRule.DiscoveryAlpha * 100)}%, α_c = {table.Rule.ConfirmationAlpha.ToString("0.0e0", CultureInfo.InvariantCulture)} for {table.Rule.Cases} cases.\n\n");
        foreach (var effect in table.Cells.Select(c => c.EffectPercent).Distinct())
        {
            md.Append(CultureInfo.InvariantCulture, $"## Slowed by {Format.Number(effect)}%\n\n");
            var cells = table.Cells.Where(c => c.EffectPercent == effect).ToList();
            var pairs = cells.Select(c => c.FirstPairs).Distinct().ToList();
            var grid = new MarkdownTable().Column("paired spread");
            foreach (var p in pairs)
            {
                grid.Column($"{p} pairs", ColumnAlignment.Right);
            }

            grid.Column("others flagged per night", ColumnAlignment.Right).Column("pairs per case", ColumnAlignment.Right);
            foreach (var spread in cells.Select(c => c.SpreadPercent).Distinct())
            {
                var row = cells.Where(c => c.SpreadPercent == spread).ToList();
                grid.Row([Format.Number(spread) + "%", .. row.Select(c => (object)Format.Percent(c.Power)),
                    string.Join(" / ", row.Select(c => Format.Significant(c.OtherFlaggedPerNight))), string.Join(" / ", row.Select(c => Format.Significant(c.PairsPerCase)))]);
            }

            grid.AppendTo(md);
            md.Append('\n');
        }

        return md.ToString();
    }
}
