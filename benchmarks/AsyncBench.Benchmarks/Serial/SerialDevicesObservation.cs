using AsyncBench.Benchmarks.Observing;
using AsyncBench.Fixtures.Serial;
using AsyncBench.Protocol;

namespace AsyncBench.Benchmarks.Serial;

/// <summary>What the emulated serial devices counted over one measured iteration, by their own count; and those metrics, declared.</summary>
public sealed class SerialDevicesObservation(VirtualSerialPair pair) : IObservedFixture, IDeclaresMetrics
{
    private const string Devices = "devices";

    /// <summary>The host's CPU total at the last device's answer in <see cref="Reset"/>; <see cref="Take"/> reads the first device's, so the iteration is bracketed closely.</summary>
    private long hostCpuMicrosecondsAtReset;

    public static IReadOnlyList<ObservedMetric> Metrics { get; } =
    [
        new(MetricIds.SerialConversations, "Conversations", $"Conversations the emulated devices completed, {ObservedMetric.PerIteration} (median over iterations)", Aggregation.Median,
            "the devices held {value} conversations per batch of `{side}`")
        { Source = Devices, Cell = "{value} conv" },
        new(MetricIds.SerialPeakConcurrent, "PeakConcurrent", "The most conversations in progress at once across all devices (max over iterations)", Aggregation.Max,
            "the devices held at most {value} of `{side}`'s conversations at once")
        { Source = Devices, Cell = "peak {value}" },
        new(MetricIds.SerialProtocolErrors, "ProtocolErrors", $"Interleaved or malformed frames the devices saw, {ObservedMetric.PerIteration} (max over iterations)", Aggregation.Max,
            "the devices saw {value} protocol errors per batch of `{side}`")
        { Source = Devices, Cell = "{value} errors" },
        new(MetricIds.SerialHostCpuMs, "HostCpu [ms]", $"CPU time of the serial devices' fixture-host process, {ObservedMetric.PerIteration} (median over iterations)", Aggregation.Median,
            "the serial devices' host spent {value} of CPU per batch of `{side}`", unit: "ms")
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
            [MetricIds.SerialConversations] = (double)stats.Sum(s => s.Requests) / invocations,
            // The first device answered with the peak across all devices and reset it; the others see what came after.
            [MetricIds.SerialPeakConcurrent] = stats.Max(s => s.PeakConcurrent),
            [MetricIds.SerialProtocolErrors] = (double)stats.Sum(s => s.Interleaved + s.Malformed) / invocations,
            [MetricIds.SerialHostCpuMs] = (stats[0].HostCpuMicroseconds - hostCpuMicrosecondsAtReset) / 1000.0 / invocations,
        };
    }
}
