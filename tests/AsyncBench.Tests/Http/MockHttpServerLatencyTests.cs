using AsyncBench.Benchmarks.Http;
using AsyncBench.Fixtures;
using AsyncBench.Fixtures.Http;
using AsyncBench.Protocol.Latency;

namespace AsyncBench.Tests.Http;

/// <summary>
/// The real mock server applying a latency distribution: one draw per answered request from its seeded stream, each
/// waited at least its drawn value, and reported per item. Nothing here asserts how long anything took beyond "not
/// shorter than the drawn delay", which a busy machine cannot break.
/// </summary>
public sealed class MockHttpServerLatencyTests
{
    private const int Seed = 42;

    private static readonly LatencyDistribution Tail = LatencyDistribution.Parse("lognormal:median=4ms,p99=40ms");

    [Fact]
    public async Task WhenAll_Should_GetOneDrawPerUnit_FromAStreamThatGoesOnAcrossInvocationsAndResets()
    {
        // Arrange
        const int count = 20;
        await using var workload = await HttpWorkload.StartAsync(new MockHttpServerOptions { Latency = Tail, Seed = Seed });
        var server = workload.Server!;
        await server.ResetStatsAsync();

        // Act: two invocations, then a reset and a third.
        await StrategyRunner.RunAsync(StrategyRunner.WhenAll, workload, count);
        await StrategyRunner.RunAsync(StrategyRunner.WhenAll, workload, count);
        var twoInvocations = (await server.GetStatsAsync()).Delays!;
        await server.ResetStatsAsync();
        await StrategyRunner.RunAsync(StrategyRunner.WhenAll, workload, count);
        var third = (await server.GetStatsAsync()).Delays!;

        // Assert: one delay per unit, draws numbered in arrival order, never drawn again after a reset.
        Assert.Equal(2 * count, twoInvocations.Count);
        Assert.Equal(0, twoInvocations.Dropped);
        Assert.Equal(Enumerable.Range(0, 2 * count).Select(k => (long)k), twoInvocations.Entries.Select(e => e.Draw));
        Assert.Equal(Enumerable.Range(2 * count, count).Select(k => (long)k), third.Entries.Select(e => e.Draw));
        // Each invocation's units are items 0..count-1: its floor can be computed from its own delays.
        foreach (var invocation in twoInvocations.Entries.Chunk(count).Append(third.Entries.ToArray()))
        {
            Assert.Equal(Enumerable.Range(0, count).Select(i => (long)i), invocation.Select(e => e.Unit).Order());
            Assert.Equal(invocation.Max(e => e.WaitedMs), IdealFloor.All([.. invocation.Select(e => e.WaitedMs)]));
        }

        AssertNeverShorterThanDrawn(Tail, Seed, twoInvocations.Entries.Concat(third.Entries));
        var waits = twoInvocations.Entries.Select(e => e.WaitedMs).Order().ToList();
        Assert.Equal(waits[(2 * count / 2) - 1], twoInvocations.MedianMs);
        Assert.Equal(waits[^1], twoInvocations.P99Ms);
    }

    [Fact]
    public async Task SameSeed_Should_ApplyTheSameDraws_InArrivalOrder_AndAnotherSeedOthers()
    {
        var uniform = LatencyDistribution.Parse("uniform:min=1ms,max=9ms");
        await using var first = await MockHttpServer.StartAsync(new MockHttpServerOptions { Latency = uniform, Seed = 7 });
        await using var second = await MockHttpServer.StartAsync(new MockHttpServerOptions { Latency = uniform, Seed = 7 });
        await using var other = await MockHttpServer.StartAsync(new MockHttpServerOptions { Latency = uniform, Seed = 8 });
        using var client = new HttpClient();

        foreach (var server in new[] { first, second, other })
        {
            for (var item = 0; item < 10; item++)
            {
                (await client.GetAsync(server.ItemUri(item))).EnsureSuccessStatusCode();
            }
        }

        // One request at a time, so arrival order is item order: draw k went to item k on every server.
        var delays = new[] { first, second, other }.Select(s => s.GetStatsAsync().GetAwaiter().GetResult().Delays!.Entries).ToList();
        Assert.All(delays, d => Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), d.Select(e => e.Unit)));
        Assert.All(delays, d => Assert.Equal(d.Select(e => e.Unit), d.Select(e => e.Draw)));
        AssertNeverShorterThanDrawn(uniform, 7, delays[0]);
        AssertNeverShorterThanDrawn(uniform, 7, delays[1]);
        AssertNeverShorterThanDrawn(uniform, 8, delays[2]);
        var sameSeed = Enumerable.Range(0, 10).Select(k => uniform.SampleMs(7, k)).ToList();
        Assert.NotEqual(sameSeed, Enumerable.Range(0, 10).Select(k => uniform.SampleMs(8, k)));
    }

    [Fact]
    public async Task FixedLatencyMs_Should_BeApplied_AsBefore_AndReported()
    {
        await using var delayed = await MockHttpServer.StartAsync(new MockHttpServerOptions { LatencyMs = 10 });
        await using var undelayed = await MockHttpServer.StartAsync(new MockHttpServerOptions());
        using var client = new HttpClient();
        for (var item = 0; item < 5; item++)
        {
            (await client.GetAsync(delayed.ItemUri(item))).EnsureSuccessStatusCode();
            (await client.GetAsync(undelayed.ItemUri(item))).EnsureSuccessStatusCode();
        }

        var held = await delayed.GetStatsAsync();
        var notHeld = await undelayed.GetStatsAsync();

        Assert.Equal((5L, 1, 0L), (held.Requests, held.PeakInFlight, held.Refused));
        Assert.Equal(5, held.Delays!.Count);
        Assert.All(held.Delays.Entries, e => Assert.True(e.WaitedMs >= 10, $"item {e.Unit} waited {e.WaitedMs} ms at a fixed 10 ms"));
        Assert.Equal(held.WaitMs, held.Delays.Entries.Sum(e => e.WaitedMs), 6);
        Assert.Equal(LatencyDistribution.Fixed(10), delayed.Options.EffectiveLatency);
        // No latency: no wait, nothing recorded, as before distributions.
        Assert.Equal((5L, 0.0), (notHeld.Requests, notHeld.WaitMs));
        Assert.Equal((0L, 0L), (notHeld.Delays!.Count, notHeld.Delays.Dropped));
        Assert.Empty(notHeld.Delays.Entries);
    }

    [Theory]
    [InlineData(new[] { "http", "--latency", "gamma:shape=2" }, "unknown distribution 'gamma'")]
    [InlineData(new[] { "http", "--latency", "lognormal:median=20ms,p99=10ms" }, "the p99 (10 ms) is below the median (20 ms)")]
    [InlineData(new[] { "http", "--latency", "fixed:20ms", "--latency-ms", "20" }, "Give --latency or --latency-ms, not both.")]
    [InlineData(new[] { "http", "--seed", "x" }, "--seed must be an integer")]
    public async Task Start_Should_FailWithTheLatencysMessage_WhenTheHostRefusesIt(string[] arguments, string expected)
    {
        var error = await Assert.ThrowsAsync<FixtureStartException>(() => FixtureHostProcess.StartAsync("mock HTTP server", arguments));

        Assert.Contains("mock HTTP server", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_Should_Fail_WhenTheEmpiricalFileChangedSinceTheCallerReadIt()
    {
        var folder = Directory.CreateTempSubdirectory("asyncbench-latency-");
        try
        {
            var path = Path.Combine(folder.FullName, "buckets.csv");
            File.WriteAllText(path, "le_ms,count\n2,50\n5,100\n");
            var empirical = LatencyDistribution.Parse("empirical:" + path);
            await using (var server = await MockHttpServer.StartAsync(new MockHttpServerOptions { Latency = empirical }))
            {
                Assert.Equal(empirical, server.Options.EffectiveLatency);
            }

            File.WriteAllText(path, "le_ms,count\n2,50\n9,100\n");

            var error = await Assert.ThrowsAsync<FixtureStartException>(() => MockHttpServer.StartAsync(new MockHttpServerOptions { Latency = empirical }));
            Assert.Contains($"not '{empirical.Canonical}'", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>A wait is never shorter than its draw, recomputed from the seed and the draw number.</summary>
    internal static void AssertNeverShorterThanDrawn<TDelay>(LatencyDistribution distribution, int seed, IEnumerable<TDelay> delays)
        where TDelay : IAppliedDelay =>
        Assert.All(delays, e =>
        {
            var drawn = distribution.SampleMs(seed, e.Draw);
            Assert.True(e.WaitedMs >= drawn, $"draw {e.Draw} waited {e.WaitedMs} ms, below its drawn {drawn} ms");
        });
}

/// <summary>The mock server's applied delays as the suite's metrics: the median and p99 of what it really waited in the iteration.</summary>
public sealed class AppliedDelayMetricTests
{
    [Fact]
    public async Task Take_Should_ReportTheMedianAndP99_OfTheDelaysTheServerReallyWaited()
    {
        var uniform = LatencyDistribution.Parse("uniform:min=2ms,max=8ms");
        await using var workload = await HttpWorkload.StartAsync(new MockHttpServerOptions { Latency = uniform, Seed = 3 });
        var observation = new HttpServerObservation(workload.Server!);
        observation.Reset();

        await StrategyRunner.RunAsync(StrategyRunner.WhenAll, workload, 30);
        var values = observation.Take(1);
        var delays = (await workload.Server!.GetStatsAsync()).Delays!;

        Assert.Equal(30, delays.Count);
        Assert.Equal(delays.MedianMs, values[HttpMetricIds.AppliedDelayMedianMs]);
        Assert.Equal(delays.P99Ms, values[HttpMetricIds.AppliedDelayP99Ms]);
        Assert.InRange(values[HttpMetricIds.AppliedDelayMedianMs], 2, values[HttpMetricIds.AppliedDelayP99Ms]);
    }

    [Fact]
    public async Task Take_Should_ReportNoAppliedDelay_WhereTheServerWaitsNothing()
    {
        await using var workload = await HttpWorkload.StartAsync(new MockHttpServerOptions { LatencyMs = 0 });
        var observation = new HttpServerObservation(workload.Server!);
        observation.Reset();

        await StrategyRunner.RunAsync(StrategyRunner.WhenAll, workload, 5);
        var values = observation.Take(1);

        Assert.False(values.ContainsKey(HttpMetricIds.AppliedDelayMedianMs));
        Assert.False(values.ContainsKey(HttpMetricIds.AppliedDelayP99Ms));
    }
}
