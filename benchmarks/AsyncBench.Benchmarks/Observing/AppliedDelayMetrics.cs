using AsyncBench.Protocol.Latency;

namespace AsyncBench.Benchmarks.Observing;

/// <summary>
/// The median and p99 of the delays a target really waited (its <see cref="AppliedDelayLog{TEntry}"/>, timed around each
/// wait, not the values drawn), declared and taken the same way by every target that reports them, each in its own folder.
/// </summary>
public static class AppliedDelayMetrics
{
    /// <summary>The pair of metrics, over every delay of the case's measured iterations (<see cref="AppliedDelayPool"/>), in milliseconds.</summary>
    /// <param name="medianId">The median's id.</param>
    /// <param name="p99Id">The 99th percentile's id.</param>
    /// <param name="name">The column's name, e.g. "AppliedDelay": "AppliedDelay [ms]" and "AppliedDelayP99 [ms]".</param>
    /// <param name="delays">What was delayed and how, for the legend: "the delays the mock server really waited, one per answered request".</param>
    /// <param name="subject">The delays in an answer's sentence: "the server's delays".</param>
    /// <param name="cell">The cell's word before the value: "delay" gives "delay 21 ms" and "delay p99 190 ms".</param>
    /// <param name="source">Who observed them, as a cell's line names it: "server".</param>
    public static ObservedMetric[] Declare(string medianId, string p99Id, string name, string delays, string subject, string cell, string source) =>
    [
        new(medianId, $"{name} [ms]", $"The median of {delays}, {Pooled}", Aggregation.Last,
            $"{subject} for {{side}} had a median of {{value}}", unit: "ms")
        { Source = source, Cell = $"{cell} {{value}}" },
        new(p99Id, $"{name}P99 [ms]", $"The 99th percentile of {delays}, {Pooled}", Aggregation.Last,
            $"1 % of {subject} for {{side}} were longer than {{value}}", unit: "ms")
        { Source = source, Cell = $"{cell} p99 {{value}}" },
    ];

    // Why pooled: an iteration of a 100-unit case holds 100 delays, whose 99th largest sits near the 98th percentile, so a
    // median over iterations of per-iteration p99s reads a tail about 10 % short; the pool's p99 is the distribution's.
    private const string Pooled = "over every measured iteration of the case (pooled, nearest rank; the first " + AppliedDelayPool.CapacityText + " delays)";

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

/// <summary>
/// The delays a target applied over a case's measured iterations so far, pooled (an observation keeps one for its case's
/// process, which runs one case): each iteration adds its delays and reads the median and p99 of all of them, and the
/// case's value is the last iteration's (<see cref="Aggregation.Last"/>). Bounded: past <see cref="Capacity"/> delays it
/// keeps reporting the first ones.
/// </summary>
public sealed class AppliedDelayPool
{
    /// <summary>The most delays pooled: 8 MB of doubles, more than the suite's cases hold over their measured iterations under a distribution.</summary>
    public const int Capacity = 1_000_000;

    /// <summary><see cref="Capacity"/> in a legend's words.</summary>
    public const string CapacityText = "10⁶";

    private readonly List<double> waits = [];

    /// <summary>Adds <paramref name="report"/>'s kept delays and writes the pool's median and p99 into <paramref name="values"/>; nothing while the pool is empty.</summary>
    public void Take<TEntry>(IDictionary<string, double> values, DelayReport<TEntry>? report, string medianId, string p99Id)
        where TEntry : IAppliedDelay
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var entry in report?.Entries ?? [])
        {
            if (waits.Count == Capacity)
            {
                break;
            }

            waits.Add(entry.WaitedMs);
        }

        if (waits.Count > 0)
        {
            var sorted = waits.Order().ToArray();
            values[medianId] = DelayReport.NearestRank(sorted, 0.5);
            values[p99Id] = DelayReport.NearestRank(sorted, 0.99);
        }
    }
}
