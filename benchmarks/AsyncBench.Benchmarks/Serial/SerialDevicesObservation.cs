using AsyncBench.Benchmarks.Observing;
using AsyncBench.Fixtures.Serial;

namespace AsyncBench.Benchmarks.Serial;

/// <summary>What the emulated serial devices counted over one measured iteration, by their own count; and those metrics, declared.</summary>
public sealed class SerialDevicesObservation(VirtualSerialPair pair) : IObservedFixture, IDeclaresMetrics
{
    private const string Devices = "devices";

    /// <summary>The host's CPU total at the last device's answer in <see cref="Reset"/>; <see cref="Take"/> reads the first device's, so the iteration is bracketed closely.</summary>
    private long hostCpuMicrosecondsAtReset;

    public static IReadOnlyList<ObservedMetric> Metrics { get; } =
    [
        new(SerialMetricIds.Conversations, "Conversations", $"Conversations the emulated devices completed, {ObservedMetric.PerIteration} (median over iterations)", Aggregation.Median,
            "the devices held {value} {conversation|conversations} per batch of {side}")
        { Source = Devices, Cell = "{value} conv" },
        new(SerialMetricIds.PeakConcurrent, "PeakConcurrent", "The most conversations in progress at once across all devices (max over iterations)", Aggregation.Max,
            "the devices held at most {value} {conversation|conversations} of {side} at once")
        { Source = Devices, Cell = "peak {value}" },
        new(SerialMetricIds.ProtocolErrors, "ProtocolErrors", $"Interleaved or malformed frames the devices saw, {ObservedMetric.PerIteration} (max over iterations)", Aggregation.Max,
            "the devices saw {value} protocol {error|errors} per batch of {side}")
        { Source = Devices, Cell = "{value} errors" },
        new(SerialMetricIds.HostCpuMs, "HostCpu [ms]", $"CPU time of the serial devices' fixture-host process, {ObservedMetric.PerIteration} (median over iterations)", Aggregation.Median,
            "the serial devices' host spent {value} of CPU per batch of {side}", unit: "ms")
        { Source = Devices, Cell = "cpu {value}" },
    ];

    public void Reset()
    {
        for (var device = 0; device < pair.Ports.Count; device++)
        {
            hostCpuMicrosecondsAtReset = pair.TakeStatsAsync(device).GetAwaiter().GetResult().HostCpuMicroseconds;
        }
    }

    public IReadOnlyDictionary<string, double> Take(long invocations)
    {
        var stats = Enumerable.Range(0, pair.Ports.Count).Select(device => pair.TakeStatsAsync(device).GetAwaiter().GetResult()).ToList();
        return new Dictionary<string, double>
        {
            [SerialMetricIds.Conversations] = (double)stats.Sum(s => s.Requests) / invocations,
            // The first device answered with the peak across all devices and reset it; the others see what came after.
            [SerialMetricIds.PeakConcurrent] = stats.Max(s => s.PeakConcurrent),
            [SerialMetricIds.ProtocolErrors] = (double)stats.Sum(s => s.Interleaved + s.Malformed) / invocations,
            [SerialMetricIds.HostCpuMs] = (stats[0].HostCpuMicroseconds - hostCpuMicrosecondsAtReset) / 1000.0 / invocations,
        };
    }
}
