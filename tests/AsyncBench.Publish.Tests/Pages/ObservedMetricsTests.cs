using AsyncBench.Protocol;
using AsyncBench.Publishing.Pages;
using AsyncBench.Publishing.Reading;

namespace AsyncBench.Publish.Tests;

/// <summary>The pages take floors and observations from the metrics in the JSON, never from parameter names.</summary>
public class ObservedMetricsTests
{
    [Fact]
    public void Tables_Should_TakeTheFloorFromTheFloorMetric_NotFromLatencyMs()
    {
        var withFloor = SyntheticRuns.Result(SyntheticRuns.Id("WhenAll", 16), 600e6, 0.01, seed: 1) with
        {
            Metrics = new Dictionary<string, double> { [MetricIds.FloorNs] = 513e6, [MetricIds.Concurrency] = 16 },
        };
        var withoutFloor = SyntheticRuns.Result(SyntheticRuns.Id("Serial", 16), 600e6, 0.01, seed: 2);

        var table = Assert.Single(ResultTables.Build(SyntheticRuns.Run("run", withFloor, withoutFloor)));

        Assert.Equal(513e6, table.Cell("WhenAll", "16")!.IdealFloorNs);
        Assert.Null(table.Cell("Serial", "16")!.IdealFloorNs);
    }

    [Fact]
    public void Sidecar_Should_ReadAFormat2MetricWithoutSourceOrCell_AndShowItByItsDisplayName()
    {
        using var temp = new TempFolder();
        // A format-2 sidecar as the suite wrote it before metrics declared their source and cell.
        File.WriteAllText(Path.Combine(temp.Path, "Redis" + ReportDeclarations.FileSuffix), """
            {
              "Format": "asyncbench-declarations/2",
              "Benchmarks": [],
              "Rules": [],
              "Comparisons": [],
              "Claims": [],
              "Metrics": [
                { "Id": "AsyncBench.Redis.Commands", "DisplayName": "Commands", "Unit": "Count", "Legend": "Commands the server executed", "Aggregation": "Median", "Phrase": null },
                { "Id": "AsyncBench.Redis.WaitMs", "DisplayName": "Wait", "Unit": "ms", "Legend": "The server's wait", "Aggregation": "Median", "Phrase": null }
              ]
            }
            """);
        var declarations = RunDeclarations.Read(temp.Path);
        var result = RedisCases.Result("WhenAll", 1200, 9) with
        {
            Metrics = new Dictionary<string, double> { ["AsyncBench.Redis.Commands"] = 1200, ["AsyncBench.Redis.WaitMs"] = 2.5 },
        };

        Assert.Null(declarations.Metric("AsyncBench.Redis.Commands")!.Source);
        Assert.Equal(["observed: Commands 1200 · Wait 2.50 ms"], WorkloadPage.Observed(result, declarations));
    }

    [Fact]
    public void Reports_Should_DescribeTheMetricsOfAFormat1Run_ByTheirOwnDescriptors_ButNotBenchmarkDotNetsOwn()
    {
        // The small input's sidecars are format 1 (no metrics declared); its full JSON describes each metric.
        var run = ReportReader.ReadDirectory(TestInputs.Small);
        var serial = run.Results.Single(r => r.Id.Method == "Serial" && r.Id.Parameter("Count") == "1");

        Assert.Equal("Requests", run.Declarations.Metric("AsyncBench.Http.Requests")!.DisplayName);
        Assert.DoesNotContain(run.Declarations.Described, m => m.Id is "Allocated Memory" or "CompletedWorkItemCount" or "LockContentionCount");
        Assert.Equal(
            ["observed: ThreadsBefore 3 · ThreadsAfter 3 · Requests 1 · PeakInFlight 1 · Refused 0 · ServerWait [ms] 20.2 · ServerCpu [ms] 0.900 · Bound 1"],
            WorkloadPage.Observed(serial, run.Declarations));
    }
}
