using AsyncBench.Benchmarks.Observing;
using AsyncBench.Fixtures.Serial;
using AsyncBench.Protocol.Latency;

namespace AsyncBench.Benchmarks.Serial;

/// <summary>What the emulated serial devices counted over one measured iteration, by their own count; and those metrics, declared.</summary>
public sealed class SerialDevicesObservation(VirtualSerialPair pair) : IObservedFixture, IReportsAppliedDelays, IDeclaresMetrics
{
    private const string Devices = "devices";

    /// <summary>The host's CPU total at the last device's answer in <see cref="Reset"/>; <see cref="Take"/> reads the first device's, so the iteration is bracketed closely.</summary>
    private long hostCpuMicrosecondsAtReset;

    // The case's measured delays so far: its applied-delay metrics are theirs, pooled across iterations.
    private readonly AppliedDelayPool delayPool = new();

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
        .. AppliedDelayMetrics.Declare(SerialMetricIds.AppliedDelayMedianMs, SerialMetricIds.AppliedDelayP99Ms, "AppliedDelay",
            "the waits the emulated devices really applied (timed around each wait, not the values drawn), one per conversation: the line time of request and reply plus the processing delay (LatencyMs, or a draw from the run's distribution)",
            "the devices' waits", "delay", Devices),
    ];

    /// <summary>The conversations the devices delayed over the iteration last taken, one unit each, in arrival order across devices (their draws come from one stream).</summary>
    public AppliedPieces? LastDelays { get; private set; }

    public void Reset()
    {
        for (var device = 0; device < pair.Ports.Count; device++)
        {
            hostCpuMicrosecondsAtReset = pair.TakeStatsAsync(device).GetAwaiter().GetResult().HostCpuMicroseconds;
        }
    }

    public IReadOnlyDictionary<string, double> Take(long invocations)
    {
        // The delays first: a stats request resets them.
        var delays = Enumerable.Range(0, pair.Ports.Count).SelectMany(device => pair.ReadAppliedDelaysAsync(device).GetAwaiter().GetResult()).ToList();
        var stats = Enumerable.Range(0, pair.Ports.Count).Select(device => pair.TakeStatsAsync(device).GetAwaiter().GetResult()).ToList();
        var report = Merged(delays, stats.Sum(s => s.DelaysDropped));
        LastDelays = AppliedDelayMetrics.Pieces(report, _ => 1);
        var values = new Dictionary<string, double>
        {
            [SerialMetricIds.Conversations] = (double)stats.Sum(s => s.Requests) / invocations,
            // The first device answered with the peak across all devices and reset it; the others see what came after.
            [SerialMetricIds.PeakConcurrent] = stats.Max(s => s.PeakConcurrent),
            [SerialMetricIds.ProtocolErrors] = (double)stats.Sum(s => s.Interleaved + s.Malformed) / invocations,
            [SerialMetricIds.HostCpuMs] = (stats[0].HostCpuMicroseconds - hostCpuMicrosecondsAtReset) / 1000.0 / invocations,
        };
        delayPool.Take(values, report, SerialMetricIds.AppliedDelayMedianMs, SerialMetricIds.AppliedDelayP99Ms);
        return values;
    }

    /// <summary>Every device's delays as one report, ordered by draw (the devices share one stream: the order they arrived in), with the ones the devices dropped.</summary>
    public static DelayReport<AppliedDelay> Merged(IReadOnlyList<AppliedDelay> delays, long dropped)
    {
        ArgumentNullException.ThrowIfNull(delays);
        var log = new AppliedDelayLog<AppliedDelay>(Math.Max(1, delays.Count));
        foreach (var delay in delays)
        {
            log.Add(delay);
        }

        var report = log.Report();
        return dropped == 0 ? report : report with { Count = report.Count + dropped, Dropped = dropped };
    }
}
