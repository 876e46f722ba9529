using System.Text.Json.Nodes;
using AsyncBench.Protocol;
using AsyncBench.Publishing.Reading;

namespace AsyncBench.Publish.Tests;

/// <summary>
/// A case whose target drew its delays from the run's distribution (--latency, declared in the sidecar) is another case
/// than the one at its fixed LatencyMs: its id carries the distribution, so runs never line one up with the other; a case
/// the sidecar declares none for keeps its id. The same for a run's error budget.
/// </summary>
public class LatencyIdentityTests
{
    private const string Tail = "AsyncBench.Benchmarks.Http.HttpBenchmarks.WhenAll(Count: 1, LatencyMs: 20)";

    [Fact]
    public void ReadDirectory_Should_PutTheDeclaredDistributionInTheCasesId_AndLeaveTheOthers()
    {
        var fixedRun = ReportReader.ReadDirectory(TestInputs.Small);
        var tailRun = ReadWithSidecarEdited(benchmarks =>
        {
            var declared = benchmarks.Single(b => (string?)b!["FullName"] == Tail)!;
            declared["Latency"] = "lognormal:median=20ms,p99=200ms";
            declared["LatencySeed"] = 1;
        });

        var changed = tailRun.Results.Single(r => r.FullName == Tail);
        Assert.Equal("lognormal:median=20ms,p99=200ms", changed.Id.Parameter(BenchmarkId.LatencyParameter));
        Assert.DoesNotContain(fixedRun.Results, r => r.Id == changed.Id);
        Assert.Equal(
            fixedRun.Results.Where(r => r.FullName != Tail).Select(r => r.Id.Key).Order(StringComparer.Ordinal),
            tailRun.Results.Where(r => r.FullName != Tail).Select(r => r.Id.Key).Order(StringComparer.Ordinal));
    }

    /// <summary>So does a run's error budget (--error-budget): no case measured with failures allowed lines up with one measured without.</summary>
    [Fact]
    public void ReadDirectory_Should_PutTheDeclaredErrorBudgetInTheCasesId()
    {
        var plainRun = ReportReader.ReadDirectory(TestInputs.Small);
        var budgetRun = ReadWithSidecarEdited(benchmarks =>
        {
            foreach (var declared in benchmarks)
            {
                declared!["ErrorBudget"] = "2%";
            }
        });

        var http = budgetRun.Results.Where(r => r.FullName.StartsWith("AsyncBench.Benchmarks.Http.HttpBenchmarks.", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(http);
        Assert.All(http, r => Assert.Equal("2%", r.Id.Parameter(BenchmarkId.ErrorBudgetParameter)));
        Assert.DoesNotContain(plainRun.Results, r => http.Any(b => b.Id == r.Id));
        Assert.All(plainRun.Results, r => Assert.Null(r.Id.Parameter(BenchmarkId.ErrorBudgetParameter)));
    }

    /// <summary>The small test run, read from a copy whose HTTP sidecar's benchmarks <paramref name="edit"/> changed.</summary>
    private static BenchmarkRun ReadWithSidecarEdited(Action<JsonArray> edit)
    {
        var folder = Directory.CreateTempSubdirectory("asyncbench-identity-");
        try
        {
            foreach (var file in Directory.GetFiles(TestInputs.Small))
            {
                File.Copy(file, Path.Combine(folder.FullName, Path.GetFileName(file)));
            }

            var sidecar = Path.Combine(folder.FullName, "AsyncBench.Benchmarks.Http.HttpBenchmarks" + ReportDeclarations.FileSuffix);
            var json = JsonNode.Parse(File.ReadAllText(sidecar))!;
            edit(json["Benchmarks"]!.AsArray());
            File.WriteAllText(sidecar, json.ToJsonString());
            return ReportReader.ReadDirectory(folder.FullName);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
