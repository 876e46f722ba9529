using AsyncBench.Benchmarks.Serial;
using AsyncBench.Fixtures.Serial;

namespace AsyncBench.Tests.Serial;

/// <summary>Every strategy against emulated devices over real SerialPorts: right replies, and one conversation at a time per device.</summary>
public sealed class SerialStrategyTests
{
    public static TheoryData<string, int> StrategiesAndDevices
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (var strategy in StrategyRunner.Names)
            {
                data.Add(strategy, 1);
                data.Add(strategy, 4);
            }

            return data;
        }
    }

    [SerialTheory]
    [MemberData(nameof(StrategiesAndDevices))]
    public async Task Strategy_Should_GetEveryEcho_WithoutInterleavingOnAnyDevice(string strategy, int devices)
    {
        // Arrange
        const int count = 12;
        await using var workload = await SerialPortWorkload.StartAsync(new VirtualSerialPairOptions { Devices = devices, BaudRate = 115200, LatencyMs = 2 });

        // Act: every reply is checked inside the workload; a wrong one throws.
        var checkedUnits = await StrategyRunner.RunAsync(strategy, workload, count);

        // Assert: every unit once, and what the devices saw.
        Assert.Equal(Enumerable.Range(0, count), checkedUnits);
        var stats = new List<AsyncBench.Protocol.Serial.SerialDeviceStats>();
        for (var device = 0; device < devices; device++)
        {
            stats.Add(await workload.Pair.TakeStatsAsync(device));
        }

        Assert.All(stats, s => Assert.Equal(count / devices, s.Requests));
        Assert.All(stats, s => Assert.Equal(0, s.Interleaved));
        Assert.All(stats, s => Assert.Equal(0, s.Malformed));
    }
}
