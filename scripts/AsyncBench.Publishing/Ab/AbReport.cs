using System.Globalization;
using System.Text;
using AsyncBench.Publishing.Formatting;

namespace AsyncBench.Publishing.Ab;

/// <summary>The ab command's markdown: an <see cref="AbResult"/> as its cases table and the answer to "should we upgrade?".</summary>
public static class AbReport
{
    public static string Markdown(AbResult ab)
    {
        ArgumentNullException.ThrowIfNull(ab);
        var md = new StringBuilder("# AsyncBench A/B: one run, two versions\n\n");
        md.Append("- Run: `").Append(ab.SourceDirectory).Append("`\n");
        md.Append(CultureInfo.InvariantCulture, $"- A = {ab.A.Version}, B = {ab.B.Version}; {ab.Rounds} rounds, each case's A and B launched back to back in every round, the order alternating (A-B, B-A).\n");
        foreach (var side in new[] { ab.A, ab.B })
        {
            md.Append(CultureInfo.InvariantCulture, $"- Loaded in {side.Label}'s {side.Launches} benchmark processes: ")
              .Append(side.LoadedVersions.Count == 0 ? "not recorded (the run has no `" + AbAnalysis.LoadedVersionMetricId + "` metric)" : string.Join(", ", side.LoadedVersions))
              .Append(side.Proven ? $" (as built: {side.Version})" : side.LoadedVersions.Count == 0 ? string.Empty : $" — **not {side.Version}: the two jobs did not load the versions they name**").Append('\n');
        }

        md.Append(CultureInfo.InvariantCulture, $"- Statistic: per round, log(B ÷ A) of the two launches' medians; per case the Hodges–Lehmann center of the rounds (Pragmastat) and its distribution-free interval (Wilcoxon signed-rank, the narrowest at ≥ {Format.Number(AbAnalysis.Level * 100)}% that the rounds allow; the level reached is shown). ")
          .Append("B is faster (slower) when the whole interval is below (above) 1; otherwise no difference beyond the noise.\n\n");

        var table = new MarkdownTable().Column("Case").Column("rounds", ColumnAlignment.Right).Column("B against A", ColumnAlignment.Right)
            .Column("interval").Column("level", ColumnAlignment.Right).Column("verdict");
        foreach (var c in ab.Cases)
        {
            table.Row(
                $"`{c.Id.Key}`",
                c.RoundLogRatios.Count,
                double.IsFinite(c.CenterLog) ? Format.SignedPercent(c.Ratio - 1) : "n/a",
                double.IsFinite(c.LowerLog) ? $"[{Format.SignedPercent(Math.Exp(c.LowerLog) - 1)}, {Format.SignedPercent(Math.Exp(c.UpperLog) - 1)}]" : "n/a",
                c.Level > 0 ? Format.Number(c.Level * 100) + "%" : "n/a",
                c.Outcome switch
                {
                    AbOutcome.Faster => "B faster",
                    AbOutcome.Slower => "**B slower**",
                    AbOutcome.NoDifference => "no difference beyond noise",
                    _ => "too few rounds",
                });
        }

        table.AppendTo(md);

        var geo = ab.GeometricMeanRatio;
        md.Append("\n**Should we upgrade from A (").Append(ab.A.Version).Append(") to B (").Append(ab.B.Version).Append(")?** ");
        md.Append(ab.Slower.Count > 0
            ? $"Not on speed alone: B is slower in {ab.Slower.Count} of {ab.Cases.Count} cases ({string.Join(", ", ab.Slower.Select(c => $"`{c.Id.Method}({string.Join(", ", c.Id.Parameters.Select(p => p.Key + "=" + p.Value))})` {Format.SignedPercent(c.Ratio - 1)}"))})" +
              (ab.Faster.Count > 0 ? $" and faster in {ab.Faster.Count}." : ".")
            : ab.Faster.Count > 0
                ? $"Yes, on speed: B is faster in {ab.Faster.Count} of {ab.Cases.Count} cases and slower in none."
                : $"Speed says neither: no case differs beyond the noise ({ab.Decided.Count} of {ab.Cases.Count} decided).");
        md.Append(double.IsFinite(geo) ? $" Geometric mean of B against A over the cases: {Format.SignedPercent(geo - 1)}." : string.Empty);
        if (!ab.A.Proven || !ab.B.Proven)
        {
            md.Append(" **The loaded versions are not proven (see above): read this with care.**");
        }

        md.Append('\n');
        return md.ToString();
    }
}
