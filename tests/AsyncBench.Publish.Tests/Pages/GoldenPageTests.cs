using AsyncBench.Publishing.Pages;
using AsyncBench.Publishing.Reading;

namespace AsyncBench.Publish.Tests;

/// <summary>
/// Snapshot tests of the published pages for fixed inputs. To re-record after an intended change:
/// ASYNCBENCH_UPDATE_GOLDEN=1 dotnet test tests/AsyncBench.Publish.Tests, then review the diff.
/// </summary>
public class GoldenPageTests
{
    private static IReadOnlyDictionary<string, string> RenderSmall()
    {
        var run = ReportReader.ReadDirectory(TestInputs.Small);
        var manifest = new RunManifest(TestInputs.Label.Machine, TestInputs.Label.Commit, run.StartedUtc, run.Environment.Processor, run.Environment.Runtime, run.Results.Count, run.Results.Count(r => r.Failed));
        return Publisher.Render(run, TestInputs.Label, [(manifest, run)]);
    }

    [Fact]
    public void Pages_Should_MatchGoldenFiles()
    {
        var files = RenderSmall();

        if (Environment.GetEnvironmentVariable("ASYNCBENCH_UPDATE_GOLDEN") == "1")
        {
            var target = TestInputs.ExpectedSourceDirectory();
            Directory.CreateDirectory(target);
            foreach (var (name, content) in files)
            {
                File.WriteAllText(Path.Combine(target, name), content);
            }
        }

        var expected = Directory.GetFiles(TestInputs.Expected).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, files.Keys.Order(StringComparer.Ordinal).ToList());
        foreach (var (name, content) in files)
        {
            Assert.Equal(File.ReadAllText(Path.Combine(TestInputs.Expected, name)), content);
        }
    }

    [Fact]
    public void HttpPage_Should_ListTheFailedBenchmark_NotDropIt()
    {
        var page = RenderSmall()["http.md"];

        Assert.Contains("**failed**", page, StringComparison.Ordinal);
        Assert.Contains("`AsyncBench.Benchmarks.Http.HttpBenchmarks.ThreadPerRequest(Count=10, LatencyMs=20)`", page, StringComparison.Ordinal);
    }

    [Fact]
    public void HttpPage_Should_ShowNoInterval_WhenBenchmarkDotNetWroteNaNAsEmptyString()
    {
        var page = RenderSmall()["http.md"];

        Assert.Contains("**21.6 ms** (n=1, no interval)", page, StringComparison.Ordinal);
    }

    [Fact]
    public void HttpPage_Should_ComputeRatioThroughputAndEfficiencyFromTheNumbers()
    {
        var page = RenderSmall()["http.md"];

        // WhenAll at Count=10: 23.55 ms ÷ Serial's 212.5 ms; 10 ÷ 23.55 ms; floor 20 ms × ⌈10 ÷ 10⌉ ÷ 23.55 ms.
        Assert.Contains("**23.6 ms** [23.4 ms, 23.7 ms]<br>×0.111 · 425/s<br>35.4 KB · 3.25 work items<br>floor 20.0 ms · eff 85%", page, StringComparison.Ordinal);
        Assert.Contains("Count=10: `ParallelForEachAsync(maxDegreeOfParallelism=64)`, 9.36× faster than `Serial`", page, StringComparison.Ordinal);
        Assert.Contains("Baseline: `Serial` (declared by the class).", page, StringComparison.Ordinal);
    }

    [Fact]
    public void RulesPage_Should_NotBeOverwrittenByTheRulesNamespace()
    {
        var files = RenderSmall();
        var page = files["rules.md"];

        // The Rules namespace's own tables get a page of their own, linked from the evidence.
        Assert.Contains("## BlockingInAsyncBenchmarks", files["rules-benchmarks.md"], StringComparison.Ordinal);
        Assert.Contains("](rules-benchmarks.md#blockinginasyncbenchmarks)", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Reader_Should_ParseParametersAndKeepFailedBenchmarks()
    {
        var run = ReportReader.ReadDirectory(TestInputs.Small);

        Assert.Equal(9, run.Results.Count);
        var failed = Assert.Single(run.Results, r => r.Failed);
        Assert.Equal("ThreadPerRequest", failed.Id.Method);
        Assert.Null(failed.AllocatedBytesPerOperation);
        var dop = run.Results.Single(r => r.Id.Method == "ParallelForEachAsync" && r.Id.Parameter("Count") == "1");
        Assert.Equal("64", dop.Id.Parameter("maxDegreeOfParallelism"));
        Assert.True(double.IsNaN(dop.Statistics!.ConfidenceUpper));
        Assert.Equal(99.9, run.Results[0].Statistics!.ConfidenceLevelPercent);
        Assert.Equal(5, run.Results.Single(r => r.Id.Method == "Serial" && r.Id.Parameter("Count") == "1").MeasurementsNs.Count);
    }

    [Fact]
    public void Reader_Should_DateTheRunByItsFirstReport()
    {
        // The HTTP report's run started at 03:00:00, the rules report's at 03:05:00: the run started at the first.
        var run = ReportReader.ReadDirectory(TestInputs.Small);

        Assert.Equal(new DateTime(2026, 11, 25, 3, 0, 0, DateTimeKind.Unspecified), run.StartedUtc);
    }

    [Fact]
    public void RulesPage_Should_ReadFormat1Sidecars_AsClaims_AndSayTheQuickRunIsProvisional()
    {
        var page = RenderSmall()["rules.md"];

        Assert.Contains("This run's declarations are format 1", page, StringComparison.Ordinal);
        Assert.Contains("**The evidence of this run:** the claims' cases ran 1 launch (process) each, back to back, job Quick. **Provisional:** a time needs 5 launches a side to decide", page, StringComparison.Ordinal);
        Assert.Contains("| BlockingInAsyncBenchmarks | holds (provisional) | `ThreadSleep` took 19.6× as long as `TaskDelay` | — | its value alone (1 launch a side; a verdict needs 5): provisional |", page, StringComparison.Ordinal);
        Assert.DoesNotContain("covered by tests", page, StringComparison.Ordinal);
    }

    [Fact]
    public void WorkloadPage_Should_SayWhy_WhenTheFloorIsAboveTheMedian()
    {
        // A real target measured at 63.9 ms in setup answered this case's ten requests in 23.9 ms.
        var result = SyntheticRuns.Result(SyntheticRuns.Id("WhenAll", 10), 23.9e6, 0.01, 1) with { Metrics = new Dictionary<string, double> { ["AsyncBench.FloorNs"] = 63.9e6 } };
        var run = SyntheticRuns.Run("run", result);

        var (page, _) = WorkloadPage.Render("Http", run, TestInputs.Label, ResultTables.Build(run));

        Assert.Contains("floor 63.9 ms · above the median: the units waited less than the floor assumes", page, StringComparison.Ordinal);
        Assert.DoesNotContain("eff 26", page, StringComparison.Ordinal);
    }
}
