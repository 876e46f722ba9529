using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Redis;
using AsyncBench.Fixtures.Redis;

namespace AsyncBench.Tests.Redis;

/// <summary>
/// Every strategy against the real Garnet server behind the proxy: every value checked, and what the proxy saw. The
/// tests share one server (<see cref="SharedRedisWorkload"/>).
/// </summary>
public sealed class RedisStrategyTests(SharedRedisWorkload shared) : IClassFixture<SharedRedisWorkload>
{
    public static TheoryData<string> StrategyNames => new(StrategyRunner.Names);

    [Theory]
    [MemberData(nameof(StrategyNames))]
    public async Task Strategy_Should_CheckEveryValue_AndProxyShould_CountExactlyCountCommands_OnOneConnection(string strategy)
    {
        // Arrange
        const int count = 25;
        await shared.Server.ResetStatsAsync();

        // Act
        var checkedUnits = await StrategyRunner.RunAsync(strategy, shared.Workload, count);

        // Assert
        Assert.Equal(Enumerable.Range(0, count), checkedUnits);
        var stats = await shared.Server.GetStatsAsync();
        Assert.Equal(count, stats.Commands);
        Assert.Equal(count, stats.Replies);
        Assert.InRange(stats.PeakInFlight, 1, count);
        Assert.Equal(1, stats.PeakConnections); // One multiplexed connection carries every strategy, threads included.
    }

    [Theory]
    [InlineData(StrategyRunner.Serial)]
    [InlineData(StrategyRunner.SerialAwait)]
    public async Task OneAtATimeStrategies_Should_NeverHaveTwoCommandsInFlight(string strategy)
    {
        await shared.Server.ResetStatsAsync();

        await StrategyRunner.RunAsync(strategy, shared.Workload, 20);

        var stats = await shared.Server.GetStatsAsync();
        Assert.Equal(20, stats.Commands);
        Assert.Equal(1, stats.PeakInFlight);
    }

    [Fact]
    public async Task ParallelForEachAsync_Should_NeverExceedItsDegreeOfParallelism()
    {
        await shared.Server.ResetStatsAsync();

        await Strategies.ParallelForEachAsync(shared.Workload, SharedRedisWorkload.Keys, maxDegreeOfParallelism: 4);

        var stats = await shared.Server.GetStatsAsync();
        Assert.Equal(SharedRedisWorkload.Keys, stats.Commands);
        Assert.InRange(stats.PeakInFlight, 1, 4);
    }

    [Fact]
    public void SeededValues_Should_BeTheSameEveryTime_AndDifferPerKey()
    {
        var first = RedisGetWorkload.SeededValues(3);
        var second = RedisGetWorkload.SeededValues(3);

        Assert.Equal(first, second);
        Assert.NotEqual(first[0], first[1]);
        Assert.All(first, value => Assert.Equal(RedisGetWorkload.ValueBytes, value.Length));
    }
}
