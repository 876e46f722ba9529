using System.Globalization;
using System.Text;

namespace AsyncBench.Publishing.Formatting;

/// <summary>How a column's cells line up (GitHub-flavoured markdown's delimiter row: <c>---</c> or <c>---:</c>).</summary>
public enum ColumnAlignment
{
    Left,
    Right,
}

/// <summary>
/// One markdown table: a header, each column's alignment, rows. Every page's tables are written here, so every
/// cell is escaped the same way: a <c>|</c> in a cell (a declared name, a legend, a warning) would otherwise end
/// the cell and shift the row, and a line break would end the table.
/// </summary>
public sealed class MarkdownTable
{
    private readonly List<(string Header, ColumnAlignment Alignment)> columns = [];
    private readonly List<IReadOnlyList<string>> rows = [];

    public MarkdownTable Column(string header, ColumnAlignment alignment = ColumnAlignment.Left)
    {
        columns.Add((header, alignment));
        return this;
    }

    /// <summary>A row of one cell per column; numbers are written with the invariant culture.</summary>
    public MarkdownTable Row(params object[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != columns.Count)
        {
            throw new ArgumentException($"A row of {cells.Length} cells in a table of {columns.Count} columns.", nameof(cells));
        }

        rows.Add([.. cells.Select(c => Convert.ToString(c, CultureInfo.InvariantCulture) ?? string.Empty)]);
        return this;
    }

    public void AppendTo(StringBuilder md)
    {
        ArgumentNullException.ThrowIfNull(md);
        md.Append('|');
        foreach (var (header, _) in columns)
        {
            // A label column's empty header is written "| |", as the pages always had it.
            md.Append(header.Length == 0 ? " |" : " " + Escape(header) + " |");
        }

        md.Append('\n');
        md.Append('|');
        foreach (var (_, alignment) in columns)
        {
            md.Append(alignment == ColumnAlignment.Right ? "---:|" : "---|");
        }

        md.Append('\n');
        foreach (var row in rows)
        {
            AppendRow(md, row);
        }
    }

    public override string ToString()
    {
        var md = new StringBuilder();
        AppendTo(md);
        return md.ToString();
    }

    /// <summary>A cell's text with <c>|</c> escaped and line breaks turned into spaces, so it stays one cell of one row.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
    }

    private static void AppendRow(StringBuilder md, IReadOnlyList<string> cells)
    {
        md.Append('|');
        foreach (var cell in cells)
        {
            md.Append(' ').Append(Escape(cell)).Append(" |");
        }

        md.Append('\n');
    }
}
