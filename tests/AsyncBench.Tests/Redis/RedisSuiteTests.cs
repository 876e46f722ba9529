using AsyncBench.Benchmarks.Redis;
using AsyncBench.Fixtures;
using AsyncBench.Protocol;
using AsyncBench.Tests.Suite;
using StackExchange.Redis;

namespace AsyncBench.Tests.Redis;

/// <summary>
/// The benchmark program with the Redis class: the proxy's counts arrive as metrics in the full JSON, and
/// ASYNCBENCH_REDIS is checked before BenchmarkDotNet starts (a bad one: one error line, exit 2; a good one, a second
/// Garnet started here as a real server: measured, LatencyMs not varied, the floor from its latency, its keys removed).
/// </summary>
[Collection(BenchmarkProgramCollection.Name)]
public sealed class RedisSuiteTests
{
    [Fact]
    public async Task DryRun_Should_ReportTheProxysCounts_AsMetrics()
    {
        var artifacts = Directory.CreateTempSubdirectory("asyncbench-redis-").FullName;
        try
        {
            var outcome = await BenchmarkProgram.RunAsync(
                ["--job", "dry", "--artifacts", artifacts, "--filter", "*RedisGetBenchmarks.Serial(Count: 100, LatencyMs: 5)*"]);

            Assert.True(outcome.ExitCode == 0, outcome.StandardError);
            var (name, metrics) = Assert.Single(BenchmarkProgram.ReadMetrics(Path.Combine(artifacts, "results")));
            Assert.Equal("RedisGetBenchmarks.Serial(Count=100&LatencyMs=5)", name);
            Assert.Equal(100, metrics[RedisMetricIds.Commands]);
            Assert.Equal(1, metrics[RedisMetricIds.PeakInFlight]);
            Assert.Equal(1, metrics[RedisMetricIds.PeakConnections]);
            Assert.True(metrics[RedisMetricIds.HostCpuMs] > 0, $"host CPU {metrics[RedisMetricIds.HostCpuMs]} ms for 100 commands proxied and served"); // the host did them
            Assert.True(metrics[RedisMetricIds.ProxyWaitMs] >= 5, $"the proxy held a round trip {metrics[RedisMetricIds.ProxyWaitMs]} ms for a latency of 5 ms"); // never less than the latency
            Assert.Equal(5 * 100 * 1e6, metrics[MetricIds.FloorNs], tolerance: 1);
        }
        finally
        {
            Directory.Delete(artifacts, recursive: true);
        }
    }

    [Theory]
    [InlineData("127.0.0.1:1")]
    [InlineData("127.0.0.1:notaport")]
    public async Task BadRedisTarget_Should_ExitTwo_WithOneLineNamingIt(string value)
    {
        var outcome = await BenchmarkProgram.RunAsync(["--filter", "*RedisGetBenchmarks*"], new Dictionary<string, string?> { [RedisGetWorkload.TargetVariable] = value });

        Assert.Equal(2, outcome.ExitCode);
        var line = Assert.Single(outcome.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(RedisGetWorkload.TargetVariable, line, StringComparison.Ordinal);
        Assert.Contains(value, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.StandardError, StringComparison.Ordinal);
        Assert.Equal(string.Empty, outcome.StandardOutput.Trim());
    }

    [Fact]
    public async Task RealRedisTarget_Should_BeMeasured_NotMultipliedByLatencyMs_AndLeftAsFound()
    {
        // A second Garnet, reached directly (no proxy): a real server that no one here wrote.
        await using var real = await FixtureHostProcess.StartAsync("real Redis-protocol server", ["redis"]);
        var target = real.ReadyValues["server"];
        var artifacts = Directory.CreateTempSubdirectory("asyncbench-real-redis-").FullName;
        try
        {
            var outcome = await BenchmarkProgram.RunAsync(
                ["--job", "dry", "--artifacts", artifacts, "--filter", "*RedisGetBenchmarks.WhenAll(Count: 100,*"],
                new Dictionary<string, string?> { [RedisGetWorkload.TargetVariable] = target });

            Assert.True(outcome.ExitCode == 0, outcome.StandardError);
            var (name, metrics) = Assert.Single(BenchmarkProgram.ReadMetrics(Path.Combine(artifacts, "results")));
            Assert.Equal("RedisGetBenchmarks.WhenAll(Count=100&LatencyMs=0)", name);
            var latencyMs = metrics[MetricIds.TargetLatencyMs];
            Assert.True(latencyMs > 0, $"measured {latencyMs} ms");
            // 100 at once, no target bound: the floor is one unit's wait, the case's own median unit latency against a real target.
            Assert.Equal(metrics[MetricIds.UnitsLatencyMedianNs], metrics[MetricIds.FloorNs], tolerance: 1);
            Assert.False(metrics.ContainsKey(RedisMetricIds.Commands)); // A real server's counts are not ours to read.

            await using var check = await ConnectionMultiplexer.ConnectAsync(RedisGetWorkload.ClientOptions(target));
            Assert.False(await check.GetDatabase().KeyExistsAsync(RedisGetWorkload.KeyFor(0)), "the seeded keys were left on the real server");
        }
        finally
        {
            Directory.Delete(artifacts, recursive: true);
        }
    }
}
