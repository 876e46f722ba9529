using System.Diagnostics;
using System.Text;
using AsyncBench.Fixtures.Redis;

namespace AsyncBench.Tests.Redis;

/// <summary>
/// The proxy's latency toxic, by behaviour: a reply never arrives before the configured latency has elapsed
/// (measured on the client's clock; only a lower bound, with a margin below it), each direction applies its own,
/// and a pipelined burst is held as a whole, not command by command.
/// </summary>
public sealed class DelayingProxyTests
{
    /// <summary>Below the configured latency, for the clock's granularity; there is no upper bound (a busy machine is slow).</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(2);

    [Theory]
    [InlineData(60, 0, 0, 0)]
    [InlineData(0, 60, 0, 0)]
    [InlineData(30, 40, 0, 0)]
    [InlineData(40, 40, 20, 20)]
    public async Task Reply_Should_NotArrive_BeforeTheConfiguredLatencyHasElapsed(int upstreamMs, int downstreamMs, int upstreamJitterMs, int downstreamJitterMs)
    {
        // Arrange
        await using var server = await DelayedRedisServer.StartAsync(new DelayedRedisServerOptions
        {
            UpstreamLatencyMs = upstreamMs,
            DownstreamLatencyMs = downstreamMs,
            UpstreamJitterMs = upstreamJitterMs,
            DownstreamJitterMs = downstreamJitterMs,
        });
        using var client = await RawResp.ConnectAsync(server.EndPoint);
        var least = TimeSpan.FromMilliseconds(upstreamMs - upstreamJitterMs + downstreamMs - downstreamJitterMs) - Margin;

        for (var i = 0; i < 5; i++)
        {
            // Act
            var started = Stopwatch.GetTimestamp();
            var reply = await RawResp.SendAndReadAsync(client, RawResp.Ping, "+PONG\r\n".Length);
            var elapsed = Stopwatch.GetElapsedTime(started);

            // Assert
            Assert.Equal("+PONG\r\n", reply);
            Assert.True(elapsed >= least, $"a PING came back after {elapsed.TotalMilliseconds:0.0} ms through a proxy adding at least {least.TotalMilliseconds + Margin.TotalMilliseconds} ms");
        }
    }

    [Fact]
    public async Task PipelinedBurst_Should_BeInFlightAllAtOnce_AndAnsweredInOrder()
    {
        // Twenty commands in one write: the proxy reads them together and holds them for one latency,
        // so all twenty are in flight at once (a proxy that delayed command by command would see one).
        const int commands = 20;
        await using var server = await DelayedRedisServer.StartAsync(DelayedRedisServerOptions.WithRoundTripLatency(200));
        var burst = new StringBuilder();
        var expected = new StringBuilder();
        for (var i = 0; i < commands; i++)
        {
            var text = "m" + i;
            burst.Append($"*2\r\n$4\r\nECHO\r\n${text.Length}\r\n{text}\r\n");
            expected.Append($"${text.Length}\r\n{text}\r\n");
        }

        using var client = await RawResp.ConnectAsync(server.EndPoint);
        await server.ResetStatsAsync();

        var replies = await RawResp.SendAndReadAsync(client, Encoding.ASCII.GetBytes(burst.ToString()), expected.Length);

        Assert.Equal(expected.ToString(), replies);
        var stats = await server.GetStatsAsync();
        Assert.Equal(commands, stats.Commands);
        Assert.Equal(commands, stats.Replies);
        Assert.Equal(commands, stats.PeakInFlight);
        Assert.Equal(1, stats.PeakConnections);
    }

    [Fact]
    public async Task Stats_Should_ReportEachDirectionsHold_NeverBelowItsLatency_AndNoneWithoutOne()
    {
        await using var delayed = await DelayedRedisServer.StartAsync(new DelayedRedisServerOptions { UpstreamLatencyMs = 30, DownstreamLatencyMs = 40 });
        await using var direct = await DelayedRedisServer.StartAsync(new DelayedRedisServerOptions());
        foreach (var server in new[] { delayed, direct })
        {
            await server.ResetStatsAsync();
            await RawResp.RoundTripAsync(server.EndPoint, RawResp.Ping, "+PONG\r\n".Length);
        }

        var held = await delayed.GetStatsAsync();
        var notHeld = await direct.GetStatsAsync();

        // A chunk leaves no earlier than its arrival plus the latency: a lower bound only, which a busy machine cannot break.
        Assert.True(held.UpstreamHoldMs >= 30, $"held {held.UpstreamHoldMs} ms upstream for a latency of 30 ms");
        Assert.True(held.DownstreamHoldMs >= 40, $"held {held.DownstreamHoldMs} ms downstream for a latency of 40 ms");
        Assert.Equal((0.0, 0.0), (notHeld.UpstreamHoldMs, notHeld.DownstreamHoldMs));
    }

    [Fact]
    public async Task Stats_Should_StartFromZero_AfterReset()
    {
        await using var server = await DelayedRedisServer.StartAsync(DelayedRedisServerOptions.WithRoundTripLatency(10));
        await RawResp.RoundTripAsync(server.EndPoint, RawResp.Ping, "+PONG\r\n".Length);

        await server.ResetStatsAsync();

        var stats = await server.GetStatsAsync();
        Assert.Equal(0, stats.Commands);
        Assert.Equal(0, stats.Replies);
        Assert.Equal(0, stats.PeakInFlight);
        Assert.Equal((0.0, 0.0), (stats.UpstreamHoldMs, stats.DownstreamHoldMs));
    }

    [Fact]
    public async Task DirectServerEndPoint_Should_BeNeitherDelayedNorCounted()
    {
        await using var server = await DelayedRedisServer.StartAsync(DelayedRedisServerOptions.WithRoundTripLatency(50));
        await server.ResetStatsAsync();

        Assert.Equal("+PONG\r\n", await RawResp.RoundTripAsync(server.ServerEndPoint, RawResp.Ping, "+PONG\r\n".Length));

        Assert.Equal(0, (await server.GetStatsAsync()).Commands);
    }
}
