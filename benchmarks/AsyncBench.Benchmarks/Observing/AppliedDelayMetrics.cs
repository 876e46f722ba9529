using AsyncBench.Protocol.Latency;

namespace AsyncBench.Benchmarks.Observing;

/// <summary>
/// The median and p99 of the delays a target really waited (its <see cref="AppliedDelayLog{TEntry}"/>, timed around each
/// wait, not the values drawn), declared and taken the same way by every target that reports them, each in its own folder.
/// </summary>
public static class AppliedDelayMetrics
{
    /// <summary>The pair of metrics, per iteration (median over iterations), in milliseconds.</summary>
    /// <param name="medianId">The median's id.</param>
    /// <param name="p99Id">The 99th percentile's id.</param>
    /// <param name="name">The column's name, e.g. "AppliedDelay": "AppliedDelay [ms]" and "AppliedDelayP99 [ms]".</param>
    /// <param name="delays">What was delayed and how, for the legend: "the delays the mock server really waited, one per answered request".</param>
    /// <param name="subject">The delays in an answer's sentence: "the server's delays".</param>
    /// <param name="cell">The cell's word before the value: "delay" gives "delay 21 ms" and "delay p99 190 ms".</param>
    /// <param name="source">Who observed them, as a cell's line names it: "server".</param>
    public static ObservedMetric[] Declare(string medianId, string p99Id, string name, string delays, string subject, string cell, string source) =>
    [
        new(medianId, $"{name} [ms]", $"The median of {delays}, taken per iteration (median over iterations)", Aggregation.Median,
            $"{subject} for {{side}} had a median of {{value}}", unit: "ms")
        { Source = source, Cell = $"{cell} {{value}}" },
        new(p99Id, $"{name}P99 [ms]", $"The 99th percentile of {delays}, taken per iteration (median over iterations)", Aggregation.Median,
            $"1 % of {subject} for {{side}} were longer than {{value}}", unit: "ms")
        { Source = source, Cell = $"{cell} p99 {{value}}" },
    ];

    /// <summary>Adds the median and p99 of <paramref name="report"/> to <paramref name="values"/>; nothing when it holds no delay.</summary>
    public static void Take<TEntry>(IDictionary<string, double> values, DelayReport<TEntry>? report, string medianId, string p99Id)
        where TEntry : IAppliedDelay
    {
        ArgumentNullException.ThrowIfNull(values);
        if (report is { Count: > 0 })
        {
            values[medianId] = report.MedianMs;
            values[p99Id] = report.P99Ms;
        }
    }

    /// <summary>
    /// <paramref name="report"/>'s delays as the pieces a floor is computed from (<see cref="AppliedFloor"/>), each carrying
    /// <paramref name="unitsOf"/> units; null when it holds no delay.
    /// </summary>
    public static AppliedPieces? Pieces<TEntry>(DelayReport<TEntry>? report, Func<TEntry, int> unitsOf)
        where TEntry : IAppliedDelay
    {
        ArgumentNullException.ThrowIfNull(unitsOf);
        return report is { Count: > 0 } ? new AppliedPieces([.. report.Entries.Select(e => new DelayedPiece(unitsOf(e), e.WaitedMs))], report.Dropped) : null;
    }
}
