using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Redis;
using AsyncBench.Fixtures.Redis;
using StackExchange.Redis;

namespace AsyncBench.Tests.Redis;

/// <summary>A wrong value, a missing key or a server gone fails the batch under every strategy, with an error that says so.</summary>
public sealed class RedisFailureTests
{
    private const int Count = 5;

    public static TheoryData<string> StrategyNames => new(StrategyRunner.Names);

    [Theory]
    [MemberData(nameof(StrategyNames))]
    public async Task Batch_Should_Throw_WhenAValueIsWrong(string strategy)
    {
        await using var workload = await RedisGetWorkload.StartAsync(new DelayedRedisServerOptions(), Count);
        await OverwriteDirectlyAsync(workload.Server!, RedisGetWorkload.KeyFor(3), new byte[RedisGetWorkload.ValueBytes]);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => StrategyRunner.RunAsync(strategy, workload, Count));

        Assert.Contains(Flatten(error), e => e is WorkloadCheckException && e.Message.Contains("asyncbench:item:3 returned a wrong value", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(StrategyNames))]
    public async Task Batch_Should_Throw_WhenAKeyIsMissing(string strategy)
    {
        await using var workload = await RedisGetWorkload.StartAsync(new DelayedRedisServerOptions(), Count);
        await OverwriteDirectlyAsync(workload.Server!, RedisGetWorkload.KeyFor(1), value: null);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => StrategyRunner.RunAsync(strategy, workload, Count));

        Assert.Contains(Flatten(error), e => e is WorkloadCheckException && e.Message.Contains("asyncbench:item:1 returned nil", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(StrategyNames))]
    public async Task Batch_Should_Throw_WhenServerIsGone(string strategy)
    {
        await using var workload = await RedisGetWorkload.StartAsync(new DelayedRedisServerOptions(), Count);
        await workload.Server!.DisposeAsync();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => StrategyRunner.RunAsync(strategy, workload, Count));

        Assert.Contains(Flatten(error), e => e is RedisConnectionException);
    }

    /// <summary>Sets (or, with null, deletes) a key on Garnet itself, past the proxy, with a client of its own.</summary>
    private static async Task OverwriteDirectlyAsync(DelayedRedisServer server, RedisKey key, byte[]? value)
    {
        await using var direct = await ConnectionMultiplexer.ConnectAsync(RedisGetWorkload.ClientOptions(server.ServerEndPoint));
        var database = direct.GetDatabase();
        if (value is null)
        {
            Assert.True(await database.KeyDeleteAsync(key));
        }
        else
        {
            Assert.True(await database.StringSetAsync(key, value));
        }
    }

    private static IEnumerable<Exception> Flatten(Exception error) =>
        error is AggregateException aggregate
            ? aggregate.Flatten().InnerExceptions.Prepend(error)
            : [error];
}
