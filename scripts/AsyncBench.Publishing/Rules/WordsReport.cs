using System.Globalization;
using System.Text;
using AsyncBench.Publishing.Formatting;

namespace AsyncBench.Publishing.Rules;

/// <summary>The words verb's markdown: a <see cref="WordsComparison"/> as one row per rule and the count of equal words against the criterion.</summary>
public static class WordsReport
{
    public static string Markdown(WordsComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var md = new StringBuilder("# Verdict words\n\n");
        md.Append("- Run 1: `").Append(comparison.FirstSource).Append("`\n- Run 2: `").Append(comparison.SecondSource).Append("`\n\n");
        md.Append("Each rule's verdict in words, as its rules page gives it (rules.json \"words\"): which targets it holds for, does not, and is inconclusive for. ")
          .Append("A provisional verdict (fewer launches than a time needs) counts by its words.\n\n");
        var table = new MarkdownTable().Column("Rule").Column("Run 1").Column("Run 2").Column("Equal");
        foreach (var rule in comparison.Rules)
        {
            table.Row(rule.Rule, Words(rule.First, rule.FirstProvisional), Words(rule.Second, rule.SecondProvisional), rule.Equal ? "yes" : "**no**");
        }

        table.AppendTo(md);
        return md.Append('\n').Append(Summary(comparison)).Append('\n').ToString();
    }

    public static string Summary(WordsComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return string.Create(CultureInfo.InvariantCulture,
            $"**Summary:** {comparison.Equal} of {comparison.Rules.Count} equal (criterion ≥ {Replication.MinEqualShare:P0}): **{(comparison.Met ? "met" : "not met")}**.");
    }

    private static string Words(string? words, bool provisional) =>
        words is null ? "no verdict" : words + (provisional ? " (provisional)" : string.Empty);
}
