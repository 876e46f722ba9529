using AsyncBench.Benchmarks.Redis;

namespace AsyncBench.Tests.Redis;

/// <summary>
/// The client sends nothing on its own through the delaying proxy: every command the proxy holds is one the workload
/// sent, so an iteration's held chunks split into its invocations (the applied floor). What a periodic command would
/// do takes a minute to show (the client's 60 s check), so the settings themselves are checked here.
/// </summary>
public sealed class RedisClientOptionsTests
{
    [Fact]
    public void ClientOptions_Should_TurnOffEveryCommandTheClientSendsOnItsOwn()
    {
        // Act
        var options = RedisGetWorkload.ClientOptions("127.0.0.1:6379");

        // Assert: no periodic INFO replication check, no tie-breaker or configuration channel.
        Assert.Equal(0, options.ConfigCheckSeconds);
        Assert.Equal(string.Empty, options.TieBreaker);
        Assert.Equal(string.Empty, options.ConfigurationChannel);
    }
}
