using System.Globalization;
using System.Text;
using AsyncBench.Publishing.Formatting;

namespace AsyncBench.Publishing.Paired;

/// <summary>The <c>paired-aa-rate</c> verb's markdown: the estimated P(exit 1) per night with no change, its interval, and how the nights were drawn.</summary>
public static class AaRateReport
{
    public static string Markdown(AaRate rate)
    {
        ArgumentNullException.ThrowIfNull(rate);
        var md = new StringBuilder("# AsyncBench paired gate: false-alarm rate on A/A pairs\n\n");
        md.Append("- A/A nights: ").Append(string.Join(", ", rate.Sources.Select(s => $"`{s}`"))).Append(CultureInfo.InvariantCulture, $" ({rate.Cases} cases)\n");
        md.Append("- Resampled: ").Append(rate.Resample switch
        {
            AaResample.Pairs => "each case's own A/A pairs, with replacement (its builds' real difference and its tails kept)",
            AaResample.CaseResiduals => "each case's own residuals (its pairs around their night's mean), with replacement (no difference between builds; each case's own spread and tails)",
            _ => "each class's pooled residuals (pairs around their case's nightly mean), with replacement (no difference between builds; every case of a class alike)",
        }).Append('\n');
        md.Append("- Each simulated night: ").Append(rate.Procedure.Description).Append("; judged by the paired rule (looks, confirmations), seed ").Append(rate.Seed).Append('\n');
        md.Append(CultureInfo.InvariantCulture, $"- The rule's bound for a night of {rate.Rule.Cases} gated cases: {Format.Percent(rate.Rule.NightBound)} (α_c = {rate.Rule.ConfirmationAlpha.ToString("0.0e0", CultureInfo.InvariantCulture)}, m = {Format.Number(rate.Rule.MinimumEffectPercent)}%)\n\n");
        new MarkdownTable().Column(string.Empty).Column("value", ColumnAlignment.Right)
            .Row("simulated nights", rate.Nights)
            .Row("nights that exit 1", rate.Failed)
            .Row("**P(exit 1) per night**", $"**{Format.Percent(rate.Rate)}** [{Format.Percent(rate.Lower)}, {Format.Percent(rate.Upper)}] (95 %, Wilson)")
            .Row("confirmed slower per night", Format.Significant(rate.SlowerPerNight))
            .Row("candidates per night", Format.Significant(rate.CandidatesPerNight))
            .Row("called faster per night", Format.Significant(rate.FasterPerNight))
            .Row("undecided share", Format.Percent(rate.UndecidedShare))
            .Row("pairs per night", Format.Significant(rate.PairsPerNight))
            .Row("rounds per night", Format.Significant(rate.RoundsPerNight))
            .AppendTo(md);
        md.Append(CultureInfo.InvariantCulture, $"\nGoal: at most 5 % (once in 20 nights). {(rate.Upper <= 0.05 ? "Met: the interval's upper end is within it." : rate.Rate <= 0.05 ? "The estimate is within it, the interval's upper end is not: more nights (or A/A data) are needed to say." : "**Not met.**")}\n");
        return md.ToString();
    }
}
