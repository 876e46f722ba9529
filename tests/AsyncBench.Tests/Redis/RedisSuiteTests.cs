using AsyncBench.Benchmarks.Redis;
using AsyncBench.Protocol;
using AsyncBench.Tests.Running;
using StackExchange.Redis;

namespace AsyncBench.Tests.Redis;

/// <summary>
/// The benchmark program with the Redis class, read from the shared dry runs (<see cref="BenchmarkRuns"/>): the
/// proxy's counts arrive as metrics in the full JSON; a real server (a second Garnet, ASYNCBENCH_REDIS) is measured,
/// LatencyMs not varied, the floor from its latency, its keys removed.
/// </summary>
[Collection(BenchmarkProgramCollection.Name)]
[Trait(BenchmarkProgramCollection.StageTrait, BenchmarkProgramCollection.Stage)]
public sealed class RedisSuiteTests(BenchmarkRuns runs)
{
    [Fact]
    public void DryRun_Should_ReportTheProxysCounts_AsMetrics()
    {
        var run = runs.Fixtures.Run;

        Assert.True(run.Outcome.ExitCode == 0, run.Outcome.StandardError);
        var metrics = run.Case("RedisGetBenchmarks.Serial(Count=100&LatencyMs=5)");
        Assert.Equal(100, metrics[RedisMetricIds.Commands]);
        Assert.Equal(1, metrics[RedisMetricIds.PeakInFlight]);
        Assert.Equal(1, metrics[RedisMetricIds.PeakConnections]);
        Assert.True(metrics[RedisMetricIds.HostCpuMs] > 0, $"host CPU {metrics[RedisMetricIds.HostCpuMs]} ms for 100 commands proxied and served"); // the host did them
        Assert.True(metrics[RedisMetricIds.ProxyWaitMs] >= 5, $"the proxy held a round trip {metrics[RedisMetricIds.ProxyWaitMs]} ms for a latency of 5 ms"); // never less than the latency
        Assert.Equal(5 * 100 * 1e6, metrics[MetricIds.FloorNs], tolerance: 1);
    }

    [Fact]
    public async Task RealRedisTarget_Should_BeMeasured_NotMultipliedByLatencyMs_AndLeftAsFound()
    {
        var run = runs.Real.Run;

        Assert.True(run.Outcome.ExitCode == 0, run.Outcome.StandardError);
        var (name, metrics) = Assert.Single(run.CasesOf("RedisGetBenchmarks"));
        Assert.Equal("RedisGetBenchmarks.WhenAll(Count=100&LatencyMs=0)", name);
        var latencyMs = metrics[MetricIds.TargetLatencyMs];
        Assert.True(latencyMs > 0, $"measured {latencyMs} ms");
        // 100 at once, no target bound: the floor is one unit's wait, the case's own median unit latency against a real target.
        Assert.Equal(metrics[MetricIds.UnitsLatencyMedianNs], metrics[MetricIds.FloorNs], tolerance: 1);
        Assert.False(metrics.ContainsKey(RedisMetricIds.Commands)); // A real server's counts are not ours to read.

        await using var check = await ConnectionMultiplexer.ConnectAsync(RedisGetWorkload.ClientOptions(runs.Real.RedisTarget));
        Assert.False(await check.GetDatabase().KeyExistsAsync(RedisGetWorkload.KeyFor(0)), "the seeded keys were left on the real server");
    }
}
