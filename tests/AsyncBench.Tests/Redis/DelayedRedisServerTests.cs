using System.Diagnostics;
using AsyncBench.Fixtures;
using AsyncBench.Fixtures.Redis;

namespace AsyncBench.Tests.Redis;

/// <summary>The fixture itself: Garnet and the proxy start in the fixture host, listen on loopback, and stop with it.</summary>
public sealed class DelayedRedisServerTests
{
    [Fact]
    public async Task TwoServers_Should_RunAtOnce_OnDifferentLoopbackPorts_AndAnswerPing()
    {
        await using var first = await DelayedRedisServer.StartAsync(new DelayedRedisServerOptions());
        await using var second = await DelayedRedisServer.StartAsync(new DelayedRedisServerOptions());

        Assert.NotEqual(first.EndPoint, second.EndPoint);
        Assert.NotEqual(first.ServerEndPoint, second.ServerEndPoint);
        foreach (var endPoint in new[] { first.EndPoint, second.EndPoint, first.ServerEndPoint, second.ServerEndPoint })
        {
            Assert.StartsWith("127.0.0.1:", endPoint, StringComparison.Ordinal);
            Assert.Equal("+PONG\r\n", await RawResp.RoundTripAsync(endPoint, RawResp.Ping, "+PONG\r\n".Length));
        }
    }

    [SocketTableFact]
    public async Task Dispose_Should_StopTheHostProcess_AndLeaveNothingListening()
    {
        var server = await DelayedRedisServer.StartAsync(new DelayedRedisServerOptions());
        var ports = new[] { server.EndPoint, server.ServerEndPoint }.Select(RawResp.Port).ToList();
        using var host = Process.GetProcessById(server.HostProcessId);

        await server.DisposeAsync();

        Assert.True(host.WaitForExit(TimeSpan.FromSeconds(10)), "the fixture host is still running after dispose");
        // The kernel's own table, rather than binding the ports again (another process may hold one as its outgoing port).
        Assert.All(ports, port => Assert.Empty(ListeningSockets.Addresses(port)));
    }

    [SocketTableFact]
    public async Task ServerAndProxy_Should_ListenOnLoopbackOnly()
    {
        await using var server = await DelayedRedisServer.StartAsync(new DelayedRedisServerOptions());

        foreach (var endPoint in new[] { server.EndPoint, server.ServerEndPoint })
        {
            // Whatever addresses this machine has, the kernel's own table says where the port listens.
            Assert.Equal(["0100007F"], ListeningSockets.Addresses(RawResp.Port(endPoint)).ToList()); // 127.0.0.1 and nothing else
        }
    }

    [Fact]
    public async Task Start_Should_FailWithClearMessage_WhenJitterExceedsLatency()
    {
        var error = await Assert.ThrowsAsync<FixtureStartException>(
            () => DelayedRedisServer.StartAsync(new DelayedRedisServerOptions { DownstreamLatencyMs = 5, DownstreamJitterMs = 10 }));

        Assert.Contains("Redis-protocol server", error.Message, StringComparison.Ordinal);
        Assert.Contains("--downstream-jitter-ms", error.Message, StringComparison.Ordinal);
    }
}
