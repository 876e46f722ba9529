namespace AsyncBench.Benchmarks.Observing;

/// <summary>
/// Events a benchmark counts instead of throwing (an error a rule predicts, which the run must survive to report),
/// reported per invocation as the metric <see cref="MetricId"/>. Counting is one interlocked increment.
/// </summary>
public sealed class CountedEvents(string metricId) : IObservedFixture
{
    private long count;

    public string MetricId => metricId;

    /// <summary>Events since the last <see cref="Reset"/>.</summary>
    public long Count => Interlocked.Read(ref count);

    public void Add() => Interlocked.Increment(ref count);

    public void Reset() => Interlocked.Exchange(ref count, 0);

    public IReadOnlyDictionary<string, double> Take(long invocations) =>
        new Dictionary<string, double> { [metricId] = (double)Interlocked.Exchange(ref count, 0) / Math.Max(1, invocations) };
}
