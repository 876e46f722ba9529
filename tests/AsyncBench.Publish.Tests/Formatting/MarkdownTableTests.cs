using System.Text;
using AsyncBench.Publishing.Formatting;
using AsyncBench.Publishing.Pages;

namespace AsyncBench.Publish.Tests;

public class MarkdownTableTests
{
    [Fact]
    public void AppendTo_Should_WriteHeaderAlignmentAndRows()
    {
        var table = new MarkdownTable().Column("Benchmark").Column("Time", ColumnAlignment.Right)
            .Row("`Serial`", "1.00 ms")
            .Row("`WhenAll`", 2.5);

        Assert.Equal("| Benchmark | Time |\n|---|---:|\n| `Serial` | 1.00 ms |\n| `WhenAll` | 2.5 |\n", table.ToString());
    }

    [Fact]
    public void AppendTo_Should_EscapeAPipe_InEveryCellAndHeader()
    {
        var table = new MarkdownTable().Column("a|b").Column("c").Row("x | y", "`A|B`");

        var lines = table.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("| a\\|b | c |", lines[0]);
        Assert.Equal("| x \\| y | `A\\|B` |", lines[2]);
        // Each row still has exactly its two cells: three unescaped pipes.
        Assert.All(lines, line => Assert.Equal(3, UnescapedPipes(line)));
    }

    [Theory]
    [InlineData("first\nsecond")]
    [InlineData("first\r\nsecond")]
    public void AppendTo_Should_KeepACellWithALineBreak_OnOneRow(string text)
    {
        var table = new MarkdownTable().Column("Legend").Row(text);

        Assert.Equal("| Legend |\n|---|\n| first second |\n", table.ToString());
    }

    [Fact]
    public void AppendTo_Should_WriteAnEmptyHeader_AsALabelColumn()
    {
        var table = new MarkdownTable().Column("Environment").Column(string.Empty).Row("OS", "Linux");

        Assert.StartsWith("| Environment | |\n|---|---|\n", table.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Row_Should_Throw_WhenItsCellsDoNotMatchTheColumns()
    {
        var table = new MarkdownTable().Column("a").Column("b");

        Assert.Throws<ArgumentException>(() => table.Row("only one"));
    }

    [Fact]
    public void EnvironmentHeader_Should_EscapeAPipeInAWarning()
    {
        var run = SyntheticRuns.Run("pipes") with { EnvironmentDifferences = ["b.json ran on CPU | other"] };
        var md = new StringBuilder();

        WorkloadPage.EnvironmentHeader(md, run, new RunLabel("abc", "vm"));

        Assert.Contains("| Warning | b.json ran on CPU \\| other |\n", md.ToString(), StringComparison.Ordinal);
    }

    private static int UnescapedPipes(string line) =>
        line.Where((c, i) => c == '|' && (i == 0 || line[i - 1] != '\\')).Count();
}
