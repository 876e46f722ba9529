using System.Globalization;
using System.Text;
using AsyncBench.Protocol;
using AsyncBench.Publishing.Formatting;
using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publishing.Rules;

/// <summary>The replicate command's markdown: a <see cref="Replication"/> as its claims and verdicts tables and the summary against the criteria.</summary>
public static class ReplicationReport
{
    public static string Markdown(Replication replication)
    {
        ArgumentNullException.ThrowIfNull(replication);
        var md = new StringBuilder("# Replication\n\n");
        md.Append("- Run 1: `").Append(replication.FirstSource).Append("`\n- Run 2: `").Append(replication.SecondSource).Append("`\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Each claim at its declared setting: run 1's value, run 2's value and interval (where a second run lands {Intervals.ReplicationLevel:P0} of the time), ")
          .Append("whether run 1's value is inside, and where it sits (0 at run 2's value, ±1 at its bounds; under the interval's model half of the replications sit within ±0.3). ")
          .Append("A count observed in one launch has no interval: it is compared through the verdicts only.\n\n");
        foreach (var note in replication.Notes)
        {
            md.Append("- ").Append(note).Append('\n');
        }

        if (replication.Notes.Count > 0)
        {
            md.Append('\n');
        }

        var claims = new MarkdownTable().Column("Rule").Column("Claim").Column("Target").Column("Run 1").Column("Run 2 [interval]").Column("Inside").Column("Position");
        foreach (var c in replication.Claims.OrderBy(c => c.Claim.Rule))
        {
            claims.Row(
                c.Claim.Rule,
                $"`{c.Claim.Id}`",
                c.Claim.Target,
                c.First is null ? "not measured" : Value(c.First, withInterval: false),
                c.Second is null ? "not measured" : Value(c.Second, withInterval: true),
                c.Inside switch { true => "yes", false => "**no**", _ => "—" },
                c.Position is { } p ? p.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) : "—");
        }

        claims.AppendTo(md);
        md.Append('\n');
        var verdicts = new MarkdownTable().Column("Rule").Column("Run 1 verdict").Column("Run 2 verdict").Column("Equal");
        foreach (var r in replication.Rules)
        {
            verdicts.Row(r.Rule.Number, Verdict(r.First), Verdict(r.Second), r.Equal ? "yes" : "**no**");
        }

        verdicts.AppendTo(md);

        md.Append('\n').Append(Summary(replication));
        if (replication.MedianAbsolutePosition is { } median)
        {
            md.Append(CultureInfo.InvariantCulture, $" Median |position|: {median:0.00} (the interval's model expects about 0.3; well above that, the launches understate the spread between runs).");
        }

        return md.Append('\n').ToString();
    }

    public static string Summary(Replication replication)
    {
        ArgumentNullException.ThrowIfNull(replication);
        var share = replication.WithInterval == 0 ? 0 : (double)replication.Inside / replication.WithInterval;
        return string.Create(CultureInfo.InvariantCulture,
            $"**Summary:** {replication.Inside} of {replication.WithInterval} values of run 1 inside run 2's intervals ({share:P0}; criterion ≥ {Replication.MinInsideShare:P0}); " +
            $"{replication.VerdictsEqual} of {replication.Verdicts} verdicts equal (criterion ≥ {Replication.MinEqualShare:P0}): **{(replication.Met ? "met" : "not met")}**.");
    }

    private static string Value(ClaimInstance instance, bool withInterval) => instance.Claim.Measure switch
    {
        ClaimMeasure.Ratio or ClaimMeasure.OverFloor => withInterval && instance.Value.HasInterval ? Format.RatioWithInterval(instance.Value) : Format.Ratio(instance.Value.Value) + "×",
        ClaimMeasure.Difference => Format.Time(instance.Value.Value) + (withInterval && instance.Value.HasInterval ? $" [{Format.Time(instance.Value.Lower)}, {Format.Time(instance.Value.Upper)}]" : string.Empty),
        _ => Answers.CountValues(instance.Counts) + (instance.Claim.PerUnit ? " per unit" : string.Empty),
    };

    private static string Verdict(RuleResult? result)
    {
        if (result is null)
        {
            return "not declared";
        }

        return Answers.VerdictWords(result) + (result.Provisional ? " (provisional)" : string.Empty);
    }
}
