using System.Text.Json.Nodes;
using AsyncBench.Protocol;
using AsyncBench.Publishing.Reading;

namespace AsyncBench.Publish.Tests;

/// <summary>
/// A case whose target drew its delays from the run's distribution (--latency, declared in the sidecar) is another case
/// than the one at its fixed LatencyMs: its id carries the distribution, so runs never line one up with the other; a case
/// the sidecar declares none for keeps its id.
/// </summary>
public class LatencyIdentityTests
{
    [Fact]
    public void ReadDirectory_Should_PutTheDeclaredDistributionInTheCasesId_AndLeaveTheOthers()
    {
        var folder = Directory.CreateTempSubdirectory("asyncbench-latency-identity-");
        try
        {
            foreach (var file in Directory.GetFiles(TestInputs.Small))
            {
                File.Copy(file, Path.Combine(folder.FullName, Path.GetFileName(file)));
            }

            const string tail = "AsyncBench.Benchmarks.Http.HttpBenchmarks.WhenAll(Count: 1, LatencyMs: 20)";
            var sidecar = Path.Combine(folder.FullName, "AsyncBench.Benchmarks.Http.HttpBenchmarks" + ReportDeclarations.FileSuffix);
            var json = JsonNode.Parse(File.ReadAllText(sidecar))!;
            var declared = json["Benchmarks"]!.AsArray().Single(b => (string?)b!["FullName"] == tail)!;
            declared["Latency"] = "lognormal:median=20ms,p99=200ms";
            declared["LatencySeed"] = 1;
            File.WriteAllText(sidecar, json.ToJsonString());

            var fixedRun = ReportReader.ReadDirectory(TestInputs.Small);
            var tailRun = ReportReader.ReadDirectory(folder.FullName);

            var changed = tailRun.Results.Single(r => r.FullName == tail);
            Assert.Equal("lognormal:median=20ms,p99=200ms", changed.Id.Parameter(BenchmarkId.LatencyParameter));
            Assert.DoesNotContain(fixedRun.Results, r => r.Id == changed.Id);
            Assert.Equal(
                fixedRun.Results.Where(r => r.FullName != tail).Select(r => r.Id.Key).Order(StringComparer.Ordinal),
                tailRun.Results.Where(r => r.FullName != tail).Select(r => r.Id.Key).Order(StringComparer.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
