using System.Text.Json;
using AsyncBench.Publishing.Commands;
using AsyncBench.Publishing.Rules;
using static AsyncBench.Publish.Tests.PublishCli;

namespace AsyncBench.Publish.Tests;

/// <summary>The words verb: two published runs' verdict words per rule, "N of 10 equal", the criterion (9 of 10) and the exit code.</summary>
public sealed class WordsComparisonTests : IDisposable
{
    private static readonly string[] Evidence =
    [
        "Holds only for file writes, HTTP and serial; not for SQLite", "Holds for a tiny method", "Does not carry over for unawaited calls",
        "Does not carry over for blocking on HTTP GETs", "Holds only for files and HTTP; not for SQLite", "Does not carry over for wrapped HTTP GETs",
        "Holds for waits in async units", "Holds only for bursts against a refusing server; inconclusive for HTTP", "Inconclusive for file reads all at once",
        "Holds for lazy SQLite readers",
    ];

    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void SameWords_Should_BeTenOfTenEqual_EvenWhereOneRunIsProvisional()
    {
        var quick = Published("quick", Evidence, provisional: true);
        var evidence = Published("evidence", Evidence);

        var (exit, stdout, stderr) = Run("words", quick, evidence);

        Assert.Equal(Cli.Ok, exit);
        Assert.Equal(string.Empty, stderr);
        Assert.Contains("| 2 | Holds for a tiny method (provisional) | Holds for a tiny method | yes |", stdout, StringComparison.Ordinal);
        Assert.Contains("**Summary:** 10 of 10 equal (criterion ≥ 90 %): **met**.", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void OneRuleApart_Should_BeNineOfTen_AndMeetTheCriterion()
    {
        var quick = Published("quick", [.. Evidence.Select((w, i) => i == 6 ? "Does not carry over for waits in async units" : w)]);

        var comparison = WordsComparison.Of(quick, Published("evidence", Evidence));

        Assert.Equal(9, comparison.Equal);
        Assert.True(comparison.Met);
        Assert.False(comparison.Rules.Single(r => r.Rule == 7).Equal);
        Assert.Contains("| 7 | Does not carry over for waits in async units | Holds for waits in async units | **no** |", WordsReport.Markdown(comparison), StringComparison.Ordinal);
    }

    [Fact]
    public void TwoRulesApart_Should_MissTheCriterion_AndExitOne()
    {
        var quick = Published("quick", [.. Evidence.Select((w, i) => i is 0 or 8 ? "Inconclusive for HTTP" : w)]);

        var (exit, stdout, _) = Run("words", quick, Published("evidence", Evidence));

        Assert.Equal(Cli.WordsDiffer, exit);
        Assert.Contains("**Summary:** 8 of 10 equal (criterion ≥ 90 %): **not met**.", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void RuleInOneRunOnly_Should_CountAsNotEqual()
    {
        var comparison = WordsComparison.Of(Published("quick", Evidence[..9]), Published("evidence", Evidence));

        Assert.Equal(10, comparison.Rules.Count);
        Assert.Equal(9, comparison.Equal);
        Assert.Contains("| 10 | no verdict | Holds for lazy SQLite readers | **no** |", WordsReport.Markdown(comparison), StringComparison.Ordinal);
    }

    [Fact]
    public void RulesJsonFile_Should_BeReadLikeItsFolder()
    {
        var folder = Published("evidence", Evidence);

        var (exit, _, _) = Run("words", Path.Combine(folder, RulesJson.FileName), folder);

        Assert.Equal(Cli.Ok, exit);
    }

    [Fact]
    public void MissingRun_Should_BeOneErrorLine_ExitTwo()
    {
        var (exit, stdout, stderr) = Run("words", Published("quick", Evidence), Path.Combine(temp.Path, "no-such-run"));

        Assert.Equal(Cli.BadInput, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.StartsWith("error: The run '", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public void FolderWithoutRulesJson_Should_SayPublishItFirst()
    {
        var (exit, _, stderr) = Run("words", temp.Sub("artifacts"), Published("evidence", Evidence));

        Assert.Equal(Cli.BadInput, exit);
        Assert.Contains("has no rules.json", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("{\"format\": \"asyncbench-run/1\", \"rules\": []}")]
    [InlineData("{\"format\": \"asyncbench-rules/1\", \"reviewerSetting\": null, \"rules\": [{\"number\": 1}]}")]
    public void MalformedRulesJson_Should_BeOneErrorLine_ExitTwo(string text)
    {
        var folder = temp.Sub("bad");
        File.WriteAllText(Path.Combine(folder, RulesJson.FileName), text);

        var (exit, stdout, stderr) = Run("words", folder, Published("evidence", Evidence));

        Assert.Equal(Cli.BadInput, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.StartsWith($"error: '{Path.Combine(folder, RulesJson.FileName)}' is not a", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public void ReviewersRun_Should_BeRefused()
    {
        var reviewer = Published("reviewer", Evidence, reviewerSetting: "--params Count=500");

        var (exit, _, stderr) = Run("words", reviewer, Published("evidence", Evidence));

        Assert.Equal(Cli.BadInput, exit);
        Assert.Contains("is a reviewer's run (at '--params Count=500')", stderr, StringComparison.Ordinal);
    }

    /// <summary>A published run folder whose rules.json has these words for rules 1, 2, ... (the fields the verb reads, as RulesJson writes them).</summary>
    private string Published(string name, IReadOnlyList<string> words, bool provisional = false, string? reviewerSetting = null)
    {
        var folder = temp.Sub(name);
        var document = new
        {
            format = RulesJson.Format,
            reviewerSetting,
            rules = words.Select((w, i) => new { number = i + 1, words = w, provisional }),
        };
        File.WriteAllText(Path.Combine(folder, RulesJson.FileName), JsonSerializer.Serialize(document));
        return folder;
    }
}
