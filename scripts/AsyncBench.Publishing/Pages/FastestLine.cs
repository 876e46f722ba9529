using System.Text;
using AsyncBench.Publishing.Formatting;
using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Reading.FullJson;
using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publishing.Pages;

/// <summary>The one-line summary under each table, computed from the medians and their intervals.</summary>
public static class FastestLine
{
    /// <summary>
    /// Per Count: the benchmark with the lowest median, how it compares with the declared baseline
    /// (in words, the factor always ≥ 1), and its lead over the runner-up. The lead is called "within
    /// noise" when the two medians' intervals overlap, or (without intervals) when it is under 5%.
    /// </summary>
    public static string TableLine(ResultTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var parts = new List<string>();
        foreach (var column in table.Columns)
        {
            var ranked = table.Rows
                .Select(row => (Row: row, Cell: table.Cell(row, column)))
                .Where(c => c.Cell is { Result.Failed: false })
                .Select(c => (c.Row, Result: c.Cell!.Result))
                .OrderBy(c => c.Result.Statistics!.Median)
                .ToList();
            var name = column == ResultTables.NoCount ? "" : $"Count={column}: ";
            if (ranked.Count == 0)
            {
                parts.Add(name + "nothing succeeded");
                continue;
            }

            var (winner, result) = ranked[0];
            var text = new StringBuilder(name).Append('`').Append(winner).Append('`');
            var baseline = table.Baseline is { } b ? table.Cell(b, column) : null;
            if (table.Baseline is not null && winner != table.Baseline && baseline is { Result.Failed: false })
            {
                text.Append(", ").Append(Format.Relative(result.Statistics!.Median / baseline.Result.Statistics!.Median)).Append(" `").Append(table.Baseline).Append('`');
            }
            else if (table.Baseline is not null && baseline is null)
            {
                text.Append(" (`").Append(table.Baseline).Append("` not run)");
            }
            else if (baseline is { Result.Failed: true })
            {
                text.Append(" (`").Append(table.Baseline).Append("` failed)");
            }

            if (ranked.Count > 1)
            {
                var (runnerUp, next) = ranked[1];
                if (runnerUp != table.Baseline || winner == table.Baseline)
                {
                    text.Append(", ").Append(Format.Ratio(next.Statistics!.Median / result.Statistics!.Median)).Append("× ahead of `").Append(runnerUp).Append('`');
                }

                if (WithinNoise(result, next))
                {
                    text.Append(" (within noise of `").Append(runnerUp).Append("`)");
                }
            }

            parts.Add(text.ToString());
        }

        return "Fastest by median: " + string.Join("; ", parts) + ".";
    }

    public static bool WithinNoise(BenchmarkResult winner, BenchmarkResult runnerUp)
    {
        var a = Intervals.Median(winner);
        var b = Intervals.Median(runnerUp);
        return a.HasInterval && b.HasInterval
            ? b.Lower <= a.Upper
            : runnerUp.Statistics!.Median / winner.Statistics!.Median < 1.05;
    }
}
