using System.Diagnostics;
using AsyncBench.Benchmarks.Observing;
using AsyncBench.Protocol;

namespace AsyncBench.Benchmarks.Harness;

/// <summary>
/// What the client saw of its own units: each unit's latency (from its call to its checked result, queueing
/// included) in a <see cref="LatencyHistogram"/>, and the units in progress in a <see cref="PeakGauge"/>. Cheap and
/// allocation-free around each unit (two timestamps, three interlocked operations); read around each measured
/// iteration (untimed) as the Units.* metrics, so "ran N at once" and each unit's own latency are observed for every
/// target, mock or real, whether or not it counts anything itself.
/// </summary>
public sealed class UnitObservation : IObservedFixture
{
    private static readonly double NanosecondsPerTick = 1e9 / Stopwatch.Frequency;

    private readonly LatencyHistogram latencies = new();
    private readonly PeakGauge inFlight = new();

    /// <summary>A unit starts: counts it in flight and returns its start timestamp for <see cref="Stop"/>.</summary>
    public long Start()
    {
        inFlight.Enter();
        return Stopwatch.GetTimestamp();
    }

    /// <summary>
    /// A unit is called but not yet running (it will first wait for a pool thread): returns its start timestamp for
    /// <see cref="Stop"/>, and <see cref="Running"/> counts it in flight once it runs.
    /// </summary>
    public static long Called() => Stopwatch.GetTimestamp();

    /// <summary>A unit called with <see cref="Called"/> now runs (holds a thread or its wait): counts it in flight until <see cref="Stop"/>.</summary>
    public void Running() => inFlight.Enter();

    /// <summary>The unit started at <paramref name="started"/> has ended (checked or failed).</summary>
    public void Stop(long started)
    {
        latencies.Record(Stopwatch.GetTimestamp() - started);
        inFlight.Exit();
    }

    public void Reset()
    {
        latencies.Clear();
        inFlight.TakePeak();
    }

    /// <summary>The iteration's median and p99 unit latency (ns) and peak in flight, then starts over; nothing when no unit ran.</summary>
    public IReadOnlyDictionary<string, double> Take(long invocations)
    {
        var peak = inFlight.TakePeak();
        var median = latencies.Quantile(0.5);
        var p99 = latencies.Quantile(0.99);
        latencies.Clear();
        if (median is null || p99 is null)
        {
            return new Dictionary<string, double>();
        }

        return new Dictionary<string, double>
        {
            [MetricIds.UnitsPeakInFlight] = peak,
            [MetricIds.UnitsLatencyMedianNs] = median.Value * NanosecondsPerTick,
            [MetricIds.UnitsLatencyP99Ns] = p99.Value * NanosecondsPerTick,
        };
    }
}
