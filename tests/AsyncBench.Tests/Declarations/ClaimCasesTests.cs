using AsyncBench.Benchmarks.Declarations;
using AsyncBench.Benchmarks.Http;
using AsyncBench.Benchmarks.Observing;
using AsyncBench.Benchmarks.Rules;
using AsyncBench.Benchmarks.Running;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace AsyncBench.Tests.Declarations;

/// <summary>The evidence profile's cut: the sides of a class's claims at their declared settings, and nothing else.</summary>
public sealed class ClaimCasesTests
{
    [Fact]
    public void Http_Should_KeepTheSidesItsClaimsName_AtTheirSetting_AndNothingElse()
    {
        var kept = Kept(typeof(HttpBenchmarks));

        // Rules 1 and 5 (IoTargetClaims: Serial, SerialAwait, WhenAll) and rule 8 (DedicatedThreads, ThreadPerRequest), all at Count=100&LatencyMs=20.
        Assert.Equal(["DedicatedThreads", "Serial", "SerialAwait", "ThreadPerRequest", "WhenAll"], kept.Select(c => c.Descriptor.WorkloadMethod.Name).Order(StringComparer.Ordinal));
        Assert.All(kept, c => Assert.Equal((100, 20), ((int)CaseFacts.ValueOf(c, "Count")!, (int)CaseFacts.ValueOf(c, "LatencyMs")!)));
        Assert.True(All(typeof(HttpBenchmarks)).Count > kept.Count);
    }

    [Fact]
    public void SideWithArguments_Should_KeepOnlyThatArgument()
    {
        // Rule 5's quoted claim reads ParallelForEachAsync(maxDegreeOfParallelism=-1) against WhenAll at Count=100&LatencyMs=5.
        var parallel = Kept(typeof(DegreeOfParallelismBenchmarks)).Where(c => c.Descriptor.WorkloadMethod.Name == "ParallelForEachAsync").ToList();

        var only = Assert.Single(parallel);
        Assert.Equal("-1", only.Parameters.Items.Single(p => p.IsArgument).ToDisplayText());
    }

    [Fact]
    public void ClassWithoutClaims_Should_KeepNoCase()
    {
        var withoutClaims = ConfigurationCheck.BenchmarkClasses.First(t => ClaimAttribute.Of(t).Count == 0 && All(t).Count > 0);

        Assert.Empty(Kept(withoutClaims));
    }

    [Fact]
    public void EvidenceProfile_Should_CutToTheClaimsCases_NotTheQuickCut()
    {
        var filters = BenchmarkConfig.Create(Profiles.Evidence).GetFilters().ToList();

        Assert.Contains(ClaimCases.Filter, filters);
        Assert.DoesNotContain(Profiles.SweepFilter, filters);
        Assert.Equal(1, Profiles.JobFor(Profiles.Evidence).Run.LaunchCount);
    }

    private static List<BenchmarkCase> All(Type type) => [.. BenchmarkConverter.TypeToBenchmarks(type, ManualConfig.CreateEmpty()).BenchmarksCases];

    private static List<BenchmarkCase> Kept(Type type) => [.. All(type).Where(ClaimCases.Filter.Predicate)];
}
