using AsyncBench.Publishing;

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
    public void RulesPage_Should_ComputeVerdictsFromTheDeclaredComparisons_AndNotBeOverwrittenByTheRulesNamespace()
    {
        var files = RenderSmall();
        var page = files["rules.md"];

        Assert.Contains("| 7 | Wait with `asyncio.sleep()`, never `time.sleep()`, in async code. | **holds** | Holds: holds for BlockingInAsyncBenchmarks (`TaskDelay` 19.6× faster than `ThreadSleep`, 21.1 ms vs 412 ms, ratio 19.6× [19.0, 20.2]; under `ThreadSleep` the pool grew from 2 to 31 threads", page, StringComparison.Ordinal);
        Assert.Contains("| 3 | Run it with `await`; without it a coroutine never runs. | **covered by tests** |", page, StringComparison.Ordinal);
        // The Rules namespace's own tables get a page of their own, linked from the verdicts.
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
}
