using AsyncBench.Publishing.Commands;
using AsyncBench.Publishing.Pages;
using AsyncBench.Publishing.Reading;

namespace AsyncBench.Publish.Tests;

/// <summary>
/// A user's own benchmarks publish too: Inputs/user holds the full JSON reports of a real
/// BenchmarkDotNet 0.15.8 run (--job dry) of a small project in another namespace, with a generic
/// class (two instantiations), string and enum [Params], [Arguments] and a benchmark that throws.
/// </summary>
public sealed class UserReportTests : IDisposable
{
    private readonly TempFolder temp = new();

    private static string User => Path.Combine(AppContext.BaseDirectory, "Inputs", "user");

    public void Dispose() => temp.Dispose();

    private static IReadOnlyDictionary<string, string> Render(string folder)
    {
        var run = ReportReader.ReadDirectory(folder);
        return Publisher.Render(run, TestInputs.Label, []);
    }

    [Fact]
    public void UserReport_Should_Publish_ATablePerClassAndSetting_WithoutABaselineItDidNotDeclare()
    {
        var files = Render(User);

        var page = files["parsing.md"];
        Assert.Contains("## ParseBenchmarks", page, StringComparison.Ordinal);
        Assert.Contains("### Text=a,b, Mode=Fast", page, StringComparison.Ordinal);
        Assert.Contains("### Text=a,b,c,d, Mode=Careful", page, StringComparison.Ordinal);
        Assert.Contains("| Count(skip=1) |", page, StringComparison.Ordinal);
        Assert.Contains("## GenericBenchmarks<Int32>", page, StringComparison.Ordinal);
        Assert.Contains("## GenericBenchmarks<List<Int32>>", page, StringComparison.Ordinal);
        Assert.Contains("No baseline declared", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Baseline:", page, StringComparison.Ordinal);
        Assert.False(files.ContainsKey("rules.md")); // nothing declared any rule
    }

    [Fact]
    public void UserReport_Should_ListTheBenchmarkThatThrew()
    {
        var page = Render(User)["parsing.md"];

        Assert.Contains("## Failed benchmarks", page, StringComparison.Ordinal);
        Assert.Contains("`Shop.Parsing.ParseBenchmarks.Throws(Mode=Careful, Text=a,b,c,d)`", page, StringComparison.Ordinal);
        Assert.Equal(4, page.Split('\n').Count(l => l.StartsWith("- `Shop.Parsing.ParseBenchmarks.Throws(", StringComparison.Ordinal)));
    }

    [Fact]
    public void UserReport_Should_UseTheClassesOwnBaseline_WhenASidecarDeclaresIt()
    {
        var folder = temp.Sub("user");
        foreach (var file in Directory.GetFiles(User))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        File.WriteAllText(Path.Combine(folder, "Shop.Parsing.ParseBenchmarks-report-asyncbench.json"), """
            {
              "Format": "asyncbench-declarations/1",
              "Benchmarks": [
                { "FullName": "Shop.Parsing.ParseBenchmarks.Split(Text: \"a,b\", Mode: Fast)", "Categories": [], "Baseline": true, "Order": 0 }
              ],
              "Rules": [],
              "Comparisons": []
            }
            """);

        var page = Render(folder)["parsing.md"];

        Assert.Contains("Baseline: `Split` (declared by the class).", page, StringComparison.Ordinal);
        Assert.Contains("×1.00", page, StringComparison.Ordinal);
    }

    [Fact]
    public void UserReport_Should_PublishThroughTheCli_WithChartNamesFitForFiles()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var results = temp.Sub("results");

        var exit = Cli.Run(["publish", User, "--out", results], stdout, stderr);

        Assert.Equal(Cli.Ok, exit);
        Assert.Equal(string.Empty, stderr.ToString());
        var run = Assert.Single(Directory.GetDirectories(results), d => !d.EndsWith("latest", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(run, "parsing.md")));
        Assert.All(Directory.GetFiles(run), f => Assert.DoesNotContain('<', Path.GetFileName(f)));
    }
}
