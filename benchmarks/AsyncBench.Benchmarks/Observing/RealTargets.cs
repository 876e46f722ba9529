using System.Collections.Concurrent;
using System.Diagnostics;

namespace AsyncBench.Benchmarks.Observing;

/// <summary>
/// Latencies of the real (external) targets, measured once by the host process before BenchmarkDotNet starts
/// (<see cref="Running.ConfigurationCheck"/>). The quick profile's cut and, where a case reported none of its own, the
/// floors use them. Keyed by the environment variable that names the target.
/// </summary>
public static class RealTargets
{
    private static readonly ConcurrentDictionary<string, double> Measured = new(StringComparer.Ordinal);

    public static double? MeasuredLatencyMs(string variable) => Measured.TryGetValue(variable, out var ms) ? ms : null;

    public static void Record(string variable, double latencyMs) => Measured[variable] = latencyMs;

    /// <summary>The median of <paramref name="samples"/> timed calls of <paramref name="call"/>, after one untimed call.</summary>
    public static double MedianMs(int samples, Action<int> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        call(0);
        var times = new List<double>();
        for (var i = 1; i <= samples; i++)
        {
            var started = Stopwatch.GetTimestamp();
            call(i);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return ObservedMetricsDiagnoser.Median(times);
    }
}
