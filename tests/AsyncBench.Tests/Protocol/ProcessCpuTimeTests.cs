using AsyncBench.Protocol;
using AsyncBench.Protocol.Serial;

namespace AsyncBench.Tests.Protocol;

/// <summary>
/// The CPU-time clock behind AsyncBench.CpuTimeNs and the fixture host's CPU metrics, and how the serial host reports its own.
/// The clock is the whole process's, so this runs alone: its growth is then this test's own loop (and the runtime's
/// threads), not whatever other tests were doing, and a clock that counted children's CPU would never grow here.
/// </summary>
[Collection(ProcessWideStateCollection.Name)]
public sealed class ProcessCpuTimeTests
{
    [Fact]
    public void ProcessCpuTime_Should_Grow_WithWorkDoneByThisProcess()
    {
        var before = ProcessCpuTime.Now();
        var deadline = DateTime.UtcNow.AddMinutes(1);
        var x = 1UL;
        while (ProcessCpuTime.Now() <= before && DateTime.UtcNow < deadline)
        {
            x = unchecked((x * 6364136223846793005UL) + 1);
        }

        Assert.True(ProcessCpuTime.Now() > before, $"No CPU time counted in a minute of work ({x}).");
        Assert.True(before > TimeSpan.Zero);
    }

    [Fact]
    public void SerialDeviceStats_Should_CarryTheHostsCpuTotal_ThroughTheirPayload()
    {
        var stats = new SerialDeviceStats(16, 1, 2, 4, HostCpuMicroseconds: 123_456_789);

        Assert.Equal(stats, SerialDeviceStats.FromPayload(stats.ToPayload()));
        Assert.Throws<FormatException>(() => SerialDeviceStats.FromPayload(new byte[32]));
    }
}
