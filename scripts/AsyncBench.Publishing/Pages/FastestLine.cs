using System.Text;
using AsyncBench.Publishing.Formatting;

namespace AsyncBench.Publishing.Pages;

/// <summary>The one-line summary under each table: its <see cref="ResultTable.Fastest"/>, in words.</summary>
public static class FastestLine
{
    /// <summary>
    /// Per Count: the benchmark with the lowest median, how it compares with the declared baseline (in words, the factor
    /// always ≥ 1), and its lead over the runner-up, "within noise" where <see cref="FastestInColumn.WithinNoise"/>.
    /// </summary>
    public static string TableLine(ResultTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var parts = new List<string>();
        foreach (var fastest in table.Fastest)
        {
            var name = fastest.Column == ResultTables.NoCount ? "" : $"Count={fastest.Column}: ";
            if (fastest.Winner is not { } winner)
            {
                parts.Add(name + "nothing succeeded");
                continue;
            }

            var text = new StringBuilder(name).Append('`').Append(winner).Append('`');
            if (fastest.Baseline == BaselineCell.Succeeded && winner != table.Baseline)
            {
                text.Append(", ").Append(Format.Relative(fastest.OverBaseline!.Value)).Append(" `").Append(table.Baseline).Append('`');
            }
            else if (fastest.Baseline == BaselineCell.NotRun)
            {
                text.Append(" (`").Append(table.Baseline).Append("` not run)");
            }
            else if (fastest.Baseline == BaselineCell.Failed)
            {
                text.Append(" (`").Append(table.Baseline).Append("` failed)");
            }

            if (fastest.RunnerUp is { } runnerUp)
            {
                // The runner-up's lead is not repeated when the runner-up is the baseline the winner was just compared with.
                if (runnerUp != table.Baseline || winner == table.Baseline)
                {
                    text.Append(", ").Append(Format.Ratio(fastest.RunnerUpOverWinner!.Value)).Append("× ahead of `").Append(runnerUp).Append('`');
                }

                if (fastest.WithinNoise)
                {
                    text.Append(" (within noise of `").Append(runnerUp).Append("`)");
                }
            }

            parts.Add(text.ToString());
        }

        return "Fastest by median: " + string.Join("; ", parts) + ".";
    }
}
