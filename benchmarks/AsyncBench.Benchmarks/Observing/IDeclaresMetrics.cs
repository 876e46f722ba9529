namespace AsyncBench.Benchmarks.Observing;

/// <summary>
/// A type that declares the metrics it measures, next to the code that measures them, as a BenchmarkDotNet diagnoser
/// owns its descriptors. <see cref="MetricCatalog"/> finds every such type of the suite, so a new target declares its
/// metrics in its own folder and edits no list; the declarations sidecar carries them to the publisher, which renders
/// each by its declaration (source, cell, legend) without knowing its id.
/// </summary>
public interface IDeclaresMetrics
{
    /// <summary>The metrics, in the order a cell's line and the legend show them.</summary>
    static abstract IReadOnlyList<ObservedMetric> Metrics { get; }
}
