using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Observing;
using AsyncBench.Fixtures;
using AsyncBench.Fixtures.Serial;

namespace AsyncBench.Benchmarks.Serial;

/// <summary>The serial workload's setting: real ports with loopback plugs instead of the emulated devices, reached and timed here.</summary>
public sealed class SerialSettings : IChecksSettings
{
    public IReadOnlyList<string> Variables { get; } = [VirtualSerialPair.PortsVariable];

    public string? Check()
    {
        var variable = VirtualSerialPair.PortsVariable;
        if (SettingValues.Value(variable) is not { } text)
        {
            return null;
        }

        try
        {
            RealTargets.Record(variable, SerialPortWorkload.MeasureRoundTripMs(text));
            return null;
        }
        catch (Exception ex) when (ex is FixtureStartException or IOException or TimeoutException or InvalidDataException or WorkloadCheckException)
        {
            return $"{variable}='{text}': {ex.Message.ReplaceLineEndings(" ").TrimEnd('.')}. Name ports with loopback plugs (TX wired to RX), comma-separated, or unset it to use the emulated devices.";
        }
    }
}
