using AsyncBench.Publishing.Commands;
using AsyncBench.Publishing.Comparing;
using static AsyncBench.Publish.Tests.PublishCli;

namespace AsyncBench.Publish.Tests;

/// <summary>Each bad input gives one clear line, exit code 2, no stack trace, and leaves results/ as it was.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private static void AssertOneClearError((int Exit, string Out, string Error) result, string expected)
    {
        Assert.Equal(Cli.BadInput, result.Exit);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Error, StringComparison.Ordinal);
    }

    /// <summary>An output folder with an earlier run and a latest/ copy, to prove nothing is touched.</summary>
    private string ExistingResults()
    {
        var results = temp.Sub("results");
        File.WriteAllText(Path.Combine(temp.Sub("results/2026-01-01_000000_old"), "http.md"), "earlier run");
        File.WriteAllText(Path.Combine(temp.Sub("results/latest"), "http.md"), "earlier latest");
        return results;
    }

    private static string Snapshot(string folder) =>
        string.Join("\n", Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => $"{Path.GetRelativePath(folder, f)}={File.ReadAllText(f)}"))
        + "|" + string.Join(",", Directory.GetDirectories(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(d => Path.GetRelativePath(folder, d)));

    private void AssertPublishFails(string reports, string expected)
    {
        var results = ExistingResults();
        var before = Snapshot(results);

        AssertOneClearError(Run("publish", reports, "--out", results), expected);

        Assert.Equal(before, Snapshot(results));
    }

    [Fact]
    public void Publish_Should_Fail_OnAMissingFolder() =>
        AssertPublishFails(Path.Combine(temp.Path, "no-such-folder"), "does not exist");

    [Fact]
    public void Publish_Should_Fail_OnAFolderWithoutReports()
    {
        var empty = temp.Sub("empty");
        File.WriteAllText(Path.Combine(empty, "notes.txt"), "not a report");
        AssertPublishFails(empty, "No BenchmarkDotNet full JSON reports");
    }

    [Fact]
    public void Publish_Should_Fail_OnATruncatedReport()
    {
        var folder = temp.Sub("truncated");
        var text = File.ReadAllText(TestInputs.HttpReport);
        File.WriteAllText(Path.Combine(folder, "AsyncBench.Benchmarks.Http.HttpBenchmarks-report-full.json"), text[..(text.Length / 2)]);
        AssertPublishFails(folder, "is not valid JSON");
    }

    [Fact]
    public void Publish_Should_Fail_OnJsonThatIsNotAReport()
    {
        var folder = temp.Sub("other-json");
        File.WriteAllText(Path.Combine(folder, "x-report-full.json"), "{\"Title\": \"something else\"}");
        AssertPublishFails(folder, "has no 'HostEnvironmentInfo'");
    }

    [Fact]
    public void Publish_Should_Fail_OnAReportWithNoBenchmarks()
    {
        var folder = temp.Sub("no-benchmarks");
        File.WriteAllText(Path.Combine(folder, "AsyncBench.Benchmarks.Http.HttpBenchmarks-report-full.json"), "{\"Title\": \"x\", \"HostEnvironmentInfo\": {}, \"Benchmarks\": []}");
        AssertPublishFails(folder, "hold no benchmarks");
    }

    [Fact]
    public void Publish_Should_Fail_OnATruncatedDeclarationsSidecar()
    {
        var folder = temp.Sub("truncated-sidecar");
        File.Copy(TestInputs.HttpReport, Path.Combine(folder, Path.GetFileName(TestInputs.HttpReport)));
        File.WriteAllText(Path.Combine(folder, "AsyncBench.Benchmarks.Http.HttpBenchmarks-report-asyncbench.json"), "{\"Format\": \"asyncbench-declarations/1\", \"Benchmarks\": [");
        AssertPublishFails(folder, "declarations file");
    }

    [Fact]
    public void Publish_Should_NeverOverwriteAnEarlierRun()
    {
        var results = temp.Sub("results");
        Assert.Equal(Cli.Ok, Run("publish", TestInputs.Small, "--out", results).Exit);
        var before = Snapshot(results);

        AssertOneClearError(Run("publish", TestInputs.Small, "--out", results), "already exists");

        Assert.Equal(before, Snapshot(results));
    }

    [Fact]
    public void Publish_Should_WriteARunFolderAndLatest_KeepingEarlierRuns()
    {
        var results = ExistingResults();

        var (exit, stdout, _) = Run("publish", TestInputs.Small, "--out", results);

        Assert.Equal(Cli.Ok, exit);
        Assert.Contains("Published 9 benchmarks (1 failed)", stdout, StringComparison.Ordinal);
        Assert.Equal("earlier run", File.ReadAllText(Path.Combine(results, "2026-01-01_000000_old", "http.md")));
        var runFolder = Assert.Single(Directory.GetDirectories(results, "2026-11-25_030000_*"));
        foreach (var page in new[] { "http.md", "rules.md", "trend.md", "index.md", "run.json", "raw/AsyncBench.Benchmarks.Http.HttpBenchmarks-report-full.json" })
        {
            Assert.True(File.Exists(Path.Combine(runFolder, page)), page);
        }

        Assert.Equal(File.ReadAllText(Path.Combine(runFolder, "http.md")), File.ReadAllText(Path.Combine(results, "latest", "http.md")));
        // No temporary folder is left behind: only the earlier run, the new run and latest/.
        Assert.Equal(["2026-01-01_000000_old", Path.GetFileName(runFolder), "latest"], Directory.GetDirectories(results).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Compare_Should_ReadAPublishedRunFolder_AndFindNoChangeAgainstItself()
    {
        var results = temp.Sub("results");
        Assert.Equal(Cli.Ok, Run("publish", TestInputs.Small, "--out", results).Exit);

        var (exit, stdout, _) = Run("compare", TestInputs.Small, Path.Combine(results, "latest"));

        Assert.Equal(Cli.Ok, exit);
        Assert.Contains("| slower (gateable, at 15%) | 0 |", stdout, StringComparison.Ordinal);
        Assert.Contains("| compared (in both runs) | 9 |", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_Should_Fail_OnRunsWithNothingInCommon()
    {
        var other = temp.Sub("other");
        File.Copy(Path.Combine(TestInputs.Small, "AsyncBench.Benchmarks.Rules.BlockingInAsyncBenchmarks-report-full.json"), Path.Combine(other, "AsyncBench.Benchmarks.Rules.BlockingInAsyncBenchmarks-report-full.json"));
        var http = temp.Sub("http");
        File.Copy(TestInputs.HttpReport, Path.Combine(http, Path.GetFileName(TestInputs.HttpReport)));

        AssertOneClearError(Run("compare", http, other), "no benchmark in common");
    }

    [Fact]
    public void Compare_Should_Fail_OnAMissingFolder() =>
        AssertOneClearError(Run("compare", TestInputs.Small, Path.Combine(temp.Path, "missing")), "does not exist");

    [Theory]
    [InlineData("--threshold", "abc")]
    [InlineData("--threshold", "-5")]
    public void Compare_Should_Fail_OnABadThreshold(string option, string value) =>
        AssertOneClearError(Run("compare", TestInputs.Small, TestInputs.Small, option, value), "--threshold takes a percentage");

    [Fact]
    public void Compare_Should_Fail_WhenTheJsonFilesFolderIsMissing()
    {
        var result = Run("compare", TestInputs.Small, TestInputs.Small, "--json", Path.Combine(temp.Path, "missing", "c.json"));

        AssertOneClearError(result, "--json");
        Assert.False(Directory.Exists(Path.Combine(temp.Path, "missing")));
    }

    [Fact]
    public void Compare_Should_WriteItsJson_BesideTheMarkdown()
    {
        var file = Path.Combine(temp.Path, "c.json");

        var (exit, _, _) = Run("compare", TestInputs.Small, TestInputs.Small, "--json", file);

        Assert.Equal(Cli.Ok, exit);
        Assert.Equal(9, GateJson.Read(file).Benchmarks.Count);
    }

    [Fact]
    public void Ab_Should_Fail_OnARunThatIsNotAnABRun() =>
        AssertOneClearError(Run("ab", TestInputs.Small), "not an A/B run");

    [Fact]
    public void Trials_Should_Fail_OnAMissingFile() =>
        AssertOneClearError(Run("trials", Path.Combine(temp.Path, "missing.json")), "does not exist");

    [Fact]
    public void Trials_Should_Fail_OnAFileThatIsNotAComparison()
    {
        var file = Path.Combine(temp.Path, "x.json");
        File.WriteAllText(file, "{\"Format\": \"something else\"}");

        AssertOneClearError(Run("trials", file), "is not a comparison");
    }

    [Fact]
    public void Cli_Should_Fail_OnAnUnknownCommand() =>
        AssertOneClearError(Run("publsh"), "'publsh'");

    [Fact]
    public void Cli_Should_Fail_WithOneLine_WhenNoCommandIsGiven()
    {
        var result = Run();

        AssertOneClearError(result, "--help");
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Cli_Should_Fail_OnAnUnknownOption() =>
        AssertOneClearError(Run("publish", TestInputs.Small, "--output", "x"), "--output");
}
