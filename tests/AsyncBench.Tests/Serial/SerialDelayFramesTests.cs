using AsyncBench.Protocol.Latency;
using AsyncBench.Protocol.Serial;

namespace AsyncBench.Tests.Serial;

/// <summary>The serial wire format of the applied delays and of the stats that summarise them (no pseudo-terminal needed).</summary>
public sealed class SerialDelayFramesTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(9, 1)]
    [InlineData(10, 2)]
    [InlineData(25, 3)]
    public void Delays_Should_CrossTheLine_InFramesOfTen_EndingWithAShortOne(int count, int frames)
    {
        var delays = Enumerable.Range(0, count).Select(i => new AppliedDelay(1_000 + i, i - 1, (i * 1.25) + 0.001)).ToList();

        var encoded = SerialDelayFrames.Encode(delays).ToList();

        Assert.Equal(frames, encoded.Count);
        var decoded = new List<AppliedDelay>();
        for (var i = 0; i < encoded.Count; i++)
        {
            Assert.Null(SerialFrame.Validate(encoded[i]));
            Assert.Equal(SerialFrame.DelaysRequest, SerialFrame.Kind(encoded[i]));
            decoded.AddRange(SerialDelayFrames.Decode(SerialFrame.Payload(encoded[i]), out var isLast));
            Assert.Equal(i == encoded.Count - 1, isLast);
        }

        Assert.Equal(delays, decoded);
    }

    [Fact]
    public void Stats_Should_CarryTheDelaysSummary_AndStillReadThePayloadWithoutIt()
    {
        var stats = new SerialDeviceStats(16, 1, 2, 4, 123_456_789, DelayCount: 16, DelayMeanMs: 3.5, DelayMedianMs: 3.25, DelayP99Ms: 19.75, DelaysDropped: 0);

        Assert.Equal(stats, SerialDeviceStats.FromPayload(stats.ToPayload()));
        var withoutDelays = stats.ToPayload()[..SerialDeviceStats.PayloadBytesWithoutDelays];
        Assert.Equal(new SerialDeviceStats(16, 1, 2, 4, 123_456_789), SerialDeviceStats.FromPayload(withoutDelays));
        Assert.Throws<FormatException>(() => SerialDeviceStats.FromPayload(new byte[48]));
        Assert.Throws<FormatException>(() => SerialDelayFrames.Decode(new byte[25], out _));
    }
}
