using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Redis;
using AsyncBench.Fixtures.Redis;
using StackExchange.Redis;

namespace AsyncBench.Tests.Redis;

/// <summary>
/// Three Redis workloads that fail, each its own way, started once for the class (xunit's class fixture): one whose
/// key 3 holds a wrong value, one whose key 1 is missing (both changed on Garnet itself, past the proxy), and one whose
/// server is gone (started, then stopped). A failed batch changes none of them, so every strategy's test meets the
/// same failure.
/// </summary>
public sealed class FailingRedisServers : IAsyncLifetime
{
    public const int Count = 5;

    public RedisGetWorkload WrongValue { get; private set; } = null!;

    public RedisGetWorkload MissingKey { get; private set; } = null!;

    public RedisGetWorkload Gone { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var starting = Enumerable.Range(0, 3).Select(_ => RedisGetWorkload.StartAsync(new DelayedRedisServerOptions(), Count)).ToList();
        (WrongValue, MissingKey, Gone) = (await starting[0], await starting[1], await starting[2]);
        await OverwriteDirectlyAsync(WrongValue.Server!, RedisGetWorkload.KeyFor(3), new byte[RedisGetWorkload.ValueBytes]);
        await OverwriteDirectlyAsync(MissingKey.Server!, RedisGetWorkload.KeyFor(1), value: null);
        await Gone.Server!.DisposeAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var workload in new[] { WrongValue, MissingKey, Gone }.Where(w => w is not null))
        {
            await workload.DisposeAsync();
        }
    }

    /// <summary>Sets (or, with null, deletes) a key on Garnet itself, past the proxy, with a client of its own.</summary>
    private static async Task OverwriteDirectlyAsync(DelayedRedisServer server, RedisKey key, byte[]? value)
    {
        await using var direct = await ConnectionMultiplexer.ConnectAsync(RedisGetWorkload.ClientOptions(server.ServerEndPoint));
        var database = direct.GetDatabase();
        var changed = value is null ? await database.KeyDeleteAsync(key) : await database.StringSetAsync(key, value);
        if (!changed)
        {
            throw new InvalidOperationException($"Garnet did not change {key}: the failures below would not be the ones meant.");
        }
    }
}

/// <summary>A wrong value, a missing key or a server gone fails the batch under every strategy, with an error that says so.</summary>
public sealed class RedisFailureTests(FailingRedisServers servers) : IClassFixture<FailingRedisServers>
{
    public static TheoryData<string> StrategyNames => new(StrategyRunner.Names);

    [Theory]
    [MemberData(nameof(StrategyNames))]
    public async Task Batch_Should_Throw_WhenAValueIsWrong(string strategy)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => StrategyRunner.RunAsync(strategy, servers.WrongValue, FailingRedisServers.Count));

        Assert.Contains(Flatten(error), e => e is WorkloadCheckException && e.Message.Contains("asyncbench:item:3 returned a wrong value", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(StrategyNames))]
    public async Task Batch_Should_Throw_WhenAKeyIsMissing(string strategy)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => StrategyRunner.RunAsync(strategy, servers.MissingKey, FailingRedisServers.Count));

        Assert.Contains(Flatten(error), e => e is WorkloadCheckException && e.Message.Contains("asyncbench:item:1 returned nil", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(StrategyNames))]
    public async Task Batch_Should_Throw_WhenServerIsGone(string strategy)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => StrategyRunner.RunAsync(strategy, servers.Gone, FailingRedisServers.Count));

        Assert.Contains(Flatten(error), e => e is RedisConnectionException);
    }

    private static IEnumerable<Exception> Flatten(Exception error) =>
        error is AggregateException aggregate
            ? aggregate.Flatten().InnerExceptions.Prepend(error)
            : [error];
}
