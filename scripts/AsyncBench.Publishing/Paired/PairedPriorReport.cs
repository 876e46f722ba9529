using System.Text;
using AsyncBench.Publishing.Formatting;

namespace AsyncBench.Publishing.Paired;

/// <summary>The <c>paired-prior</c> verb's markdown: the paired spread per workload and class that the prior file now holds.</summary>
public static class PairedPriorReport
{
    public static string Markdown(PairedPrior prior, string file)
    {
        ArgumentNullException.ThrowIfNull(prior);
        var md = new StringBuilder("# AsyncBench paired prior (A/A nights)\n\n");
        md.Append("- Written to `").Append(file).Append("` from ").Append(prior.Nights.Count).Append(" A/A night(s): ").Append(string.Join(", ", prior.Nights)).Append('\n');
        md.Append("- σ: 1 σ of a case's per-slot log ratio around its night's mean, pooled; s₀ and d₀: the moderated spread's fit (a large d₀: the group's cases share one spread; a small one: each case's own pairs decide). ")
          .Append("Builds' spread: how far the cases' nightly means stray beyond what their pairs explain (two builds of one code differing).\n\n");
        Table(md, "Per workload", [.. prior.Workloads, prior.All with { Name = "all cases" }]);
        Table(md, "Per class", prior.Classes);
        return md.ToString();
    }

    private static void Table(StringBuilder md, string title, IReadOnlyList<PriorGroup> groups)
    {
        md.Append("## ").Append(title).Append("\n\n");
        var table = new MarkdownTable().Column("group").Column("cases", ColumnAlignment.Right).Column("pairs", ColumnAlignment.Right)
            .Column("σ pooled", ColumnAlignment.Right).Column("s₀", ColumnAlignment.Right).Column("d₀", ColumnAlignment.Right).Column("builds' spread", ColumnAlignment.Right);
        foreach (var g in groups)
        {
            table.Row(g.Name, g.Cases, g.Pairs, Format.Percent(g.PooledSigmaLog), g.FittedSigmaLog is { } s ? Format.Percent(s) : "n/a",
                g.FittedDegreesOfFreedom is { } d ? Format.Number(Math.Round(d, 1)) : "n/a", Format.Percent(g.BuildSpreadLog));
        }

        table.AppendTo(md);
        md.Append('\n');
    }
}
