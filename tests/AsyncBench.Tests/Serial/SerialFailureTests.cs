using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Serial;
using AsyncBench.Fixtures.Serial;

namespace AsyncBench.Tests.Serial;

/// <summary>A stalled, garbled or vanished device fails the batch under every strategy, with an error that says which port.</summary>
public sealed class SerialFailureTests
{
    public static TheoryData<string> StrategyNames => new(StrategyRunner.Names);

    [SerialTheory]
    [MemberData(nameof(StrategyNames))]
    public async Task Batch_Should_FailWithTimeoutNamingThePort_WhenDeviceStalls(string strategy)
    {
        await using var workload = await SerialPortWorkload.StartAsync(new VirtualSerialPairOptions
        {
            Fault = SerialDeviceFault.Stall,
            ReadTimeout = TimeSpan.FromMilliseconds(300),
        });
        var portName = workload.Pair.Ports[0].PortName;

        var error = await Assert.ThrowsAnyAsync<Exception>(() => StrategyRunner.RunAsync(strategy, workload, 2));

        Assert.Contains(Flatten(error), e => e is TimeoutException && e.Message.Contains(portName, StringComparison.Ordinal));
    }

    [SerialTheory]
    [MemberData(nameof(StrategyNames))]
    public async Task Batch_Should_FailWithChecksumError_WhenDeviceGarblesItsReply(string strategy)
    {
        await using var workload = await SerialPortWorkload.StartAsync(new VirtualSerialPairOptions
        {
            Devices = 2,
            BaudRate = 115200,
            Fault = SerialDeviceFault.Garble,
        });

        var error = await Assert.ThrowsAnyAsync<Exception>(() => StrategyRunner.RunAsync(strategy, workload, 4));

        Assert.Contains(Flatten(error), e => e is WorkloadCheckException && e.Message.Contains("checksum", StringComparison.Ordinal));
    }

    [SerialTheory]
    [MemberData(nameof(StrategyNames))]
    public async Task Batch_Should_FailWithIOError_WhenDeviceVanishes(string strategy)
    {
        await using var workload = await SerialPortWorkload.StartAsync(new VirtualSerialPairOptions
        {
            // One device per unit: each unit's own request makes its device vanish. On one device the second unit would
            // talk to a line already gone, and the strategies that wait for every unit would wait out its read timeout.
            Devices = 2,
            Fault = SerialDeviceFault.Vanish,
            // Only a guard: a vanished line fails the read at once, but on a loaded 2-core machine the host may take
            // longer than a short timeout to close it, and the test would see a stall instead of the vanish.
            ReadTimeout = TimeSpan.FromSeconds(10),
        });
        var portNames = workload.Pair.Ports.Select(p => p.PortName).ToList();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => StrategyRunner.RunAsync(strategy, workload, 2));

        // Both lines vanish; which unit's failure a strategy reports first is a race, so either port may be the one named.
        Assert.Contains(Flatten(error), e => e is IOException && portNames.Exists(name => e.Message.Contains(name, StringComparison.Ordinal)));
    }

    private static IEnumerable<Exception> Flatten(Exception error) =>
        error is AggregateException aggregate
            ? aggregate.Flatten().InnerExceptions.Prepend(error)
            : [error];
}
