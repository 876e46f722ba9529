using System.Text;
using AsyncBench.Fixtures;
using AsyncBench.Fixtures.Redis;
using AsyncBench.Protocol.Latency;
using AsyncBench.Protocol.Redis;
using AsyncBench.Tests.Http;

namespace AsyncBench.Tests.Redis;

/// <summary>
/// The real proxy applying a latency distribution: one draw per chunk from its seeded stream, each held at least its drawn
/// value, and logged per chunk (connection, bytes, commands, hold). No assertion on time beyond "not shorter than drawn".
/// </summary>
public sealed class DelayingProxyLatencyTests
{
    private const int Seed = 11;

    [Fact]
    public async Task RoundTripDistribution_Should_HoldEachCommandChunkOneDraw_AndLetTheRepliesPass()
    {
        // Arrange
        var tail = LatencyDistribution.Parse("lognormal:median=4ms,p99=40ms");
        await using var server = await DelayedRedisServer.StartAsync(new DelayedRedisServerOptions { Latency = tail, Seed = Seed });
        await server.ResetStatsAsync();

        // Act: five PINGs on one connection, one at a time (each its own chunk), then five on another.
        foreach (var connection in new[] { 0, 1 })
        {
            using var client = await RawResp.ConnectAsync(server.EndPoint);
            for (var i = 0; i < 5; i++)
            {
                Assert.Equal("+PONG\r\n", await RawResp.SendAndReadAsync(client, RawResp.Ping, "+PONG\r\n".Length));
            }
        }

        var stats = await server.GetStatsAsync();

        // Assert: ten chunks of one command each, draws 0..9 in arrival order, grouped by connection; no reply held.
        var holds = stats.UpstreamHolds!;
        Assert.Equal((10L, 10L), (stats.Commands, stats.Replies));
        Assert.Equal(10, holds.Count);
        Assert.Equal(Enumerable.Range(0, 10).Select(k => (long)k), holds.Entries.Select(e => e.Draw));
        Assert.All(holds.Entries, e => Assert.Equal((1, RawResp.Ping.Length), (e.Frames, e.Bytes)));
        Assert.Single(holds.Entries.Take(5).Select(e => e.Connection).Distinct());
        Assert.Single(holds.Entries.Skip(5).Select(e => e.Connection).Distinct());
        Assert.NotEqual(holds.Entries[0].Connection, holds.Entries[5].Connection);
        MockHttpServerLatencyTests.AssertNeverShorterThanDrawn(tail, Seed, holds.Entries);
        Assert.Equal(holds.MeanMs, stats.UpstreamHoldMs);
        Assert.Equal((0L, 0.0), (stats.DownstreamHolds!.Count, stats.DownstreamHoldMs));
    }

    [Fact]
    public async Task PipelinedBurst_Should_BeLoggedAsTheChunksThatCarriedIt()
    {
        // Twenty commands in one write: what is held is the chunk (or the few chunks) they came in, not each command.
        const int commands = 20;
        var burst = new StringBuilder();
        for (var i = 0; i < commands; i++)
        {
            burst.Append("*1\r\n$4\r\nPING\r\n");
        }

        var bytes = Encoding.ASCII.GetBytes(burst.ToString());
        await using var server = await DelayedRedisServer.StartAsync(new DelayedRedisServerOptions { Latency = LatencyDistribution.Fixed(5) });
        await server.ResetStatsAsync();
        using var client = await RawResp.ConnectAsync(server.EndPoint);

        await RawResp.SendAndReadAsync(client, bytes, commands * "+PONG\r\n".Length);

        var holds = (await server.GetStatsAsync()).UpstreamHolds!;
        Assert.Equal(commands, holds.Entries.Sum(e => e.Frames));
        Assert.Equal(bytes.Length, holds.Entries.Sum(e => e.Bytes));
        Assert.InRange(holds.Count, 1, commands);
        Assert.All(holds.Entries, e => Assert.True(e.WaitedMs >= 5, $"a chunk was held {e.WaitedMs} ms at a fixed 5 ms"));
    }

    [Fact]
    public async Task PerDirectionLatencies_Should_DrawFromOneStream_ThatAResetDoesNotRestart()
    {
        // Arrange: today's form, 10 ± 5 ms up (uniform between 5 and 15) and a fixed 6 ms down.
        await using var server = await DelayedRedisServer.StartAsync(new DelayedRedisServerOptions
        {
            UpstreamLatencyMs = 10,
            UpstreamJitterMs = 5,
            DownstreamLatencyMs = 6,
            Seed = Seed,
        });
        using var client = await RawResp.ConnectAsync(server.EndPoint);
        await server.ResetStatsAsync();

        // Act: three round trips, a reset, three more.
        for (var i = 0; i < 3; i++)
        {
            await RawResp.SendAndReadAsync(client, RawResp.Ping, "+PONG\r\n".Length);
        }

        var before = await server.GetStatsAsync();
        await server.ResetStatsAsync();
        for (var i = 0; i < 3; i++)
        {
            await RawResp.SendAndReadAsync(client, RawResp.Ping, "+PONG\r\n".Length);
        }

        var after = await server.GetStatsAsync();

        // Assert: each direction held once per round trip, from one stream of draws 0..11 that went on across the reset.
        foreach (var stats in new[] { before, after })
        {
            Assert.Equal((3L, 3L), (stats.UpstreamHolds!.Count, stats.DownstreamHolds!.Count));
            MockHttpServerLatencyTests.AssertNeverShorterThanDrawn(UniformLatency.Between(5, 15), Seed, stats.UpstreamHolds.Entries);
            MockHttpServerLatencyTests.AssertNeverShorterThanDrawn(LatencyDistribution.Fixed(6), Seed, stats.DownstreamHolds.Entries);
            Assert.Equal((stats.UpstreamHolds.MeanMs, stats.DownstreamHolds.MeanMs), (stats.UpstreamHoldMs, stats.DownstreamHoldMs));
        }

        var draws = new[] { before, after }.SelectMany(s => s.UpstreamHolds!.Entries.Concat(s.DownstreamHolds!.Entries)).Select(e => e.Draw);
        Assert.Equal(Enumerable.Range(0, 12).Select(k => (long)k), draws.Order());
        Assert.All(after.UpstreamHolds!.Entries, e => Assert.True(e.Draw >= 6, $"draw {e.Draw} after the reset: the stream restarted"));
    }

    [Theory]
    [InlineData(new[] { "redis", "--latency", "fixed:20ms", "--upstream-latency-ms", "10" }, "not both")]
    [InlineData(new[] { "redis", "--latency", "uniform:min=30ms,max=10ms" }, "max (10 ms) is not above min (30 ms)")]
    public async Task Start_Should_FailWithTheLatencysMessage_WhenTheHostRefusesIt(string[] arguments, string expected)
    {
        var error = await Assert.ThrowsAsync<FixtureStartException>(() => FixtureHostProcess.StartAsync("Redis-protocol server", arguments));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}

/// <summary>The proxy's applied holds as the suite's metrics: the median and p99 of the chunks it really held under a distribution.</summary>
public sealed class AppliedChunkDelayMetricTests
{
    [Fact]
    public async Task Take_Should_ReportTheMedianAndP99_OfTheChunksTheProxyReallyHeld()
    {
        await using var server = await DelayedRedisServer.StartAsync(new DelayedRedisServerOptions { Latency = LatencyDistribution.Parse("uniform:min=2ms,max=8ms"), Seed = 5 });
        var observation = new AsyncBench.Benchmarks.Redis.RedisProxyObservation(server);
        observation.Reset();
        using (var client = await RawResp.ConnectAsync(server.EndPoint))
        {
            for (var i = 0; i < 6; i++)
            {
                Assert.Equal("+PONG\r\n", await RawResp.SendAndReadAsync(client, RawResp.Ping, "+PONG\r\n".Length));
            }
        }

        var values = observation.Take(1);
        var holds = (await server.GetStatsAsync()).UpstreamHolds!;

        Assert.Equal(6, holds.Count);
        Assert.Equal(holds.MedianMs, values[AsyncBench.Benchmarks.Redis.RedisMetricIds.AppliedChunkDelayMedianMs]);
        Assert.Equal(holds.P99Ms, values[AsyncBench.Benchmarks.Redis.RedisMetricIds.AppliedChunkDelayP99Ms]);
        Assert.True(values.ContainsKey(AsyncBench.Benchmarks.Redis.RedisMetricIds.ProxyWaitMs));
    }

    [Fact]
    public async Task Take_Should_ReportNoChunkDelay_AtTheFixedPerDirectionLatency()
    {
        await using var server = await DelayedRedisServer.StartAsync(DelayedRedisServerOptions.WithRoundTripLatency(2));
        var observation = new AsyncBench.Benchmarks.Redis.RedisProxyObservation(server);
        observation.Reset();
        using (var client = await RawResp.ConnectAsync(server.EndPoint))
        {
            Assert.Equal("+PONG\r\n", await RawResp.SendAndReadAsync(client, RawResp.Ping, "+PONG\r\n".Length));
        }

        var values = observation.Take(1);

        Assert.False(values.ContainsKey(AsyncBench.Benchmarks.Redis.RedisMetricIds.AppliedChunkDelayMedianMs));
        Assert.True(values.ContainsKey(AsyncBench.Benchmarks.Redis.RedisMetricIds.ProxyWaitMs));
    }
}
