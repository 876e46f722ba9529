using AsyncBench.Benchmarks.Declarations;
using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Observing;
using AsyncBench.Benchmarks.Redis;
using AsyncBench.Benchmarks.Running;
using AsyncBench.Tests.Running;
using BenchmarkDotNet.Attributes;

namespace AsyncBench.Tests.Redis;

/// <summary>
/// The Redis target declares itself from its own folder: its setting, its metrics, its category and claims are found
/// by the suite's catalogs and validators with no list edited.
/// </summary>
public sealed class RedisDeclarationTests
{
    [Fact]
    public void Setting_Should_BeKnown_AndCheckedByItsOwnType()
    {
        Assert.Contains(RedisGetWorkload.TargetVariable, ConfigurationCheck.KnownVariables);
        Assert.Single(SettingsCatalog.All, part => part is RedisSettings);
    }

    [Theory]
    [InlineData("127.0.0.1:1")]
    [InlineData("127.0.0.1:notaport")]
    public async Task BadSetting_Should_StopTheProgram_WithOneErrorLineNamingIt(string value)
    {
        var outcome = await BenchmarkProgram.RunAsync(["--filter", "*RedisGetBenchmarks*"], new Dictionary<string, string?> { [RedisGetWorkload.TargetVariable] = value });

        BenchmarkProgram.AssertStoppedWithOneErrorLine(outcome, RedisGetWorkload.TargetVariable, value);
    }

    [Fact]
    public void Metrics_Should_BeInTheCatalog_AsTheServersOwn()
    {
        Assert.Equal(
            [RedisMetricIds.Commands, RedisMetricIds.PeakInFlight, RedisMetricIds.PeakConnections, RedisMetricIds.ProxyWaitMs, RedisMetricIds.AppliedChunkDelayMedianMs, RedisMetricIds.AppliedChunkDelayP99Ms, RedisMetricIds.HostCpuMs],
            RedisProxyObservation.Metrics.Select(m => m.Id));
        Assert.All(RedisProxyObservation.Metrics, m => Assert.Same(m, ObservedMetric.All[m.Id]));
        Assert.All(RedisProxyObservation.Metrics, m => Assert.Equal("server", m.Source));
    }

    [Fact]
    public void Claims_Should_PassTheValidator()
    {
        Assert.NotEmpty(typeof(RedisGetBenchmarks).GetCustomAttributes(typeof(ClaimAttribute), inherit: false));
        Assert.Empty(ClaimValidator.Problems(typeof(RedisGetBenchmarks)));
    }

    [Fact]
    public void Class_Should_CarryItsCategory()
    {
        var category = Assert.Single(typeof(RedisGetBenchmarks).GetCustomAttributes(typeof(BenchmarkCategoryAttribute), inherit: false).Cast<BenchmarkCategoryAttribute>());
        Assert.Equal([RedisGetBenchmarks.Category], category.Categories);
    }
}
