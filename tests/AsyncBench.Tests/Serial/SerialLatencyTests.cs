using AsyncBench.Fixtures;
using AsyncBench.Fixtures.Serial;
using AsyncBench.Protocol.Latency;
using AsyncBench.Protocol.Serial;
using AsyncBench.Tests.Http;

namespace AsyncBench.Tests.Serial;

/// <summary>
/// The emulated devices applying a latency distribution on real pseudo-terminals: one draw per conversation from one
/// stream for all devices, each conversation's wait at least its line time plus its draw, reported per unit. No
/// assertion on time beyond "not shorter than that".
/// </summary>
public sealed class SerialLatencyTests
{
    private const int Seed = 5;
    private const int Baud = 115200;

    private static readonly double LineTimeMs = SerialFrame.LineTime(SerialFrame.ConversationBytes, Baud).TotalMilliseconds;

    [SerialFact]
    public async Task Devices_Should_DrawOncePerConversation_FromOneStream_AndReportEachUnit()
    {
        // Arrange
        var tail = LatencyDistribution.Parse("lognormal:median=2ms,p99=20ms");
        await using var pair = await VirtualSerialPair.StartAsync(new VirtualSerialPairOptions { Devices = 2, BaudRate = Baud, Latency = tail, Seed = Seed });

        // Act: units 0..23 one at a time, unit u on device u % 2 (so each device's twelve cross a delays frame's ten).
        for (var unit = 0; unit < 24; unit++)
        {
            var port = pair.Ports[unit % 2];
            SerialFrameReader.Write(port, SerialFrame.EncodeRequest(unit));
            Assert.Equal(SerialFrame.EncodeRequest(unit), SerialFrameReader.Read(port));
        }

        var delays = new[] { await pair.ReadAppliedDelaysAsync(0), await pair.ReadAppliedDelaysAsync(1) };
        var stats = new[] { await pair.TakeStatsAsync(0), await pair.TakeStatsAsync(1) };

        // Assert: one at a time, so draw k went to unit k, whichever device served it.
        for (var device = 0; device < 2; device++)
        {
            var units = Enumerable.Range(0, 24).Where(u => u % 2 == device).Select(u => (long)u).ToList();
            Assert.Equal(units, delays[device].Select(d => d.Unit));
            Assert.Equal(units, delays[device].Select(d => d.Draw));
            Assert.All(delays[device], d => Assert.True(
                d.WaitedMs >= LineTimeMs + tail.SampleMs(Seed, d.Draw),
                $"unit {d.Unit} waited {d.WaitedMs} ms, below its line time {LineTimeMs} ms plus its draw {tail.SampleMs(Seed, d.Draw)} ms"));
            var waits = delays[device].Select(d => d.WaitedMs).Order().ToList();
            Assert.Equal((12L, 0L), (stats[device].DelayCount, stats[device].DelaysDropped));
            Assert.Equal(12, stats[device].Requests);
            Assert.Equal(waits[5], stats[device].DelayMedianMs);
            Assert.Equal(waits[^1], stats[device].DelayP99Ms);
            Assert.Equal(waits.Average(), stats[device].DelayMeanMs, 9);
        }
    }

    [SerialFact]
    public async Task StatsRequest_Should_ForgetTheDelays_ButNotRestartTheStream()
    {
        var uniform = LatencyDistribution.Parse("uniform:min=1ms,max=3ms");
        await using var pair = await VirtualSerialPair.StartAsync(new VirtualSerialPairOptions { BaudRate = Baud, Latency = uniform, Seed = Seed });
        var port = pair.Ports[0];
        await ConverseAsync(port, 3);
        Assert.Equal(3, (await pair.TakeStatsAsync(0)).DelayCount);

        Assert.Empty(await pair.ReadAppliedDelaysAsync(0));
        await ConverseAsync(port, 2);

        var after = await pair.ReadAppliedDelaysAsync(0);
        Assert.Equal([3L, 4L], after.Select(d => d.Draw));
        MockHttpServerLatencyTests.AssertNeverShorterThanDrawn(uniform, Seed, after);
    }

    [SerialFact]
    public async Task FrameWithoutAUnitNumber_Should_BeLoggedUnderItsArrivalNumber()
    {
        await using var pair = await VirtualSerialPair.StartAsync(new VirtualSerialPairOptions { BaudRate = Baud });
        var port = pair.Ports[0];
        var other = SerialFrame.Encode(SerialFrame.Request, [1, 2, 3]);

        SerialFrameReader.Write(port, SerialFrame.EncodeRequest(42));
        SerialFrameReader.Read(port);
        SerialFrameReader.Write(port, other);
        SerialFrameReader.Read(port);

        Assert.Equal([42L, 1L], (await pair.ReadAppliedDelaysAsync(0)).Select(d => d.Unit));
    }

    [SerialFact]
    public async Task FixedLatencyMs_Should_BeApplied_AsBefore_AndReported()
    {
        await using var pair = await VirtualSerialPair.StartAsync(new VirtualSerialPairOptions { BaudRate = Baud, LatencyMs = 5 });
        await ConverseAsync(pair.Ports[0], 3);

        var delays = await pair.ReadAppliedDelaysAsync(0);
        var stats = await pair.TakeStatsAsync(0);

        Assert.Equal((3L, 0L, 0L), (stats.Requests, stats.Interleaved, stats.Malformed));
        Assert.Equal(3, stats.DelayCount);
        Assert.Equal([0L, 1L, 2L], delays.Select(d => d.Unit));
        Assert.All(delays, d => Assert.True(d.WaitedMs >= LineTimeMs + 5, $"unit {d.Unit} waited {d.WaitedMs} ms at a fixed 5 ms plus {LineTimeMs} ms of line"));
        Assert.Equal(LatencyDistribution.Fixed(5), pair.Options.EffectiveLatency);
    }

    [SerialFact]
    public async Task Start_Should_FailWithTheLatencysMessage_WhenTheHostRefusesIt()
    {
        var error = await Assert.ThrowsAsync<FixtureStartException>(
            () => FixtureHostProcess.StartAsync("serial device emulator", ["serial", "--latency", "lognormal:median=5ms,p99=1ms"]));

        Assert.Contains("the p99 (1 ms) is below the median (5 ms)", error.Message, StringComparison.Ordinal);
    }

    private static async Task ConverseAsync(System.IO.Ports.SerialPort port, int units)
    {
        for (var unit = 0; unit < units; unit++)
        {
            await SerialFrameReader.WriteAsync(port, SerialFrame.EncodeRequest(unit), CancellationToken.None);
            Assert.Equal(SerialFrame.EncodeRequest(unit), await SerialFrameReader.ReadAsync(port, CancellationToken.None));
        }
    }
}
