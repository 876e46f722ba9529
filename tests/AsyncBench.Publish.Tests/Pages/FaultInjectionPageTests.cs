using System.Text.Json;
using System.Text.Json.Serialization;
using AsyncBench.Protocol;
using AsyncBench.Publishing.Pages;
using AsyncBench.Publishing.Reading;

namespace AsyncBench.Publish.Tests;

/// <summary>A run with benchmarks slowed down on purpose (ASYNCBENCH_SLOWDOWN, declared in the sidecar) says so on every page and marks those benchmarks.</summary>
public class FaultInjectionPageTests
{
    private const string Slowed = "**slowed on purpose: +15 %**";

    private static (IReadOnlyDictionary<string, string> Pages, BenchmarkResult Injected) Render(double? percent)
    {
        var run = ReportReader.ReadDirectory(TestInputs.Small);
        var injected = run.Results.First(r => !r.Failed && r.Id.Type == "HttpBenchmarks" && r.Id.Method == "WhenAll" && r.Id.Parameter("Count") == "10");
        var sidecar = Path.Combine(TestInputs.Small, "AsyncBench.Benchmarks.Http.HttpBenchmarks" + ReportDeclarations.FileSuffix);
        var declared = JsonSerializer.Deserialize<ReportDeclarations>(File.ReadAllText(sidecar), new JsonSerializerOptions { Converters = { new JsonStringEnumConverter() } })!;
        var benchmarks = declared.Benchmarks.Select(b => b.FullName == injected.FullName ? b with { InjectedSlowdownPercent = percent } : b);
        var faulty = run with { Declarations = new RunDeclarations(benchmarks, declared.Rules ?? [], (declared.Claims ?? []).Concat(RunDeclarations.AsClaims(declared.Comparisons ?? [])), declared.Metrics ?? [], [], declared.Format == ReportDeclarations.PreviousFormat) };
        var manifest = new RunManifest(TestInputs.Label.Machine, TestInputs.Label.Commit, run.StartedUtc, run.Environment.Processor, run.Environment.Runtime, run.Results.Count, 0);
        return (Publisher.Render(faulty, TestInputs.Label, [(manifest, faulty)]), injected);
    }

    [Fact]
    public void InjectedRun_Should_SayItOnTheIndexAndWorkloadPages_AndMarkTheSlowedCell()
    {
        var (pages, injected) = Render(15);

        Assert.StartsWith("# AsyncBench run\n\n> **Fault injection:** 1 benchmark(s)", pages["index.md"], StringComparison.Ordinal);
        Assert.Contains($"> - `{injected.FullName}`: +15 %", pages["index.md"], StringComparison.Ordinal);
        Assert.StartsWith("# Http workload\n\n> **Fault injection:** 1 benchmark(s)", pages["http.md"], StringComparison.Ordinal);
        var marked = pages["http.md"].Split(Slowed);
        Assert.Equal(2, marked.Length); // exactly one cell
        Assert.StartsWith("<br>**23.6 ms**", marked[1], StringComparison.Ordinal); // the WhenAll, Count=10 cell
    }

    [Fact]
    public void RunWithoutInjection_Should_ShowNoBanner_AndNoMark()
    {
        var (pages, _) = Render(null);

        Assert.All(pages.Where(p => p.Key.EndsWith(".md", StringComparison.Ordinal)), page =>
        {
            Assert.DoesNotContain("Fault injection", page.Value, StringComparison.Ordinal);
            Assert.DoesNotContain("slowed on purpose", page.Value, StringComparison.Ordinal);
        });
    }
}
