using AsyncBench.Protocol;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;

namespace AsyncBench.Benchmarks.Observing;

/// <summary>How a metric's per-iteration values become the case's one value.</summary>
public enum Aggregation
{
    Median,
    Max,

    /// <summary>
    /// The last measured iteration's value, for a value the benchmark process accumulates over all the iterations before
    /// it (the batch p99 across invocations); below 0 it says the process could not tell, and the metric is left out.
    /// </summary>
    Last,
    /// <summary>The mean: for a share whose iterations all count as many units, the share of all of them.</summary>
    Mean,
}

/// <summary>
/// One AsyncBench metric as BenchmarkDotNet shows it: column name, legend, unit; for the rules page, the phrase an
/// answer states one value with (<see cref="DeclaredMetric.Phrase"/>); for the workload pages, who observed it and how
/// a cell states it (<see cref="Source"/>, <see cref="Cell"/>). Declared next to the code that measures it, by a type
/// that implements <see cref="IDeclaresMetrics"/>; <see cref="All"/> gathers them (<see cref="MetricCatalog"/>).
/// </summary>
public sealed class ObservedMetric(string id, string displayName, string legend, Aggregation aggregation, string? phrase, UnitType unitType = UnitType.Dimensionless, string unit = "Count", string numberFormat = "0.##")
    : IMetricDescriptor
{
    /// <summary>How a legend says that a value is measured around each measured iteration and divided by its invocations.</summary>
    public const string PerIteration = "measured around each measured iteration, per invocation";

    public string Id => id;

    public string DisplayName => displayName;

    public string Legend => legend;

    internal Aggregation Aggregation => aggregation;

    /// <summary>How an answer sentence states one value: "{side}" the benchmark, "{value}" the value with its unit.</summary>
    public string? Phrase => phrase;

    /// <summary>Who observed the value, the line of a cell it goes on: "pool", "client", "server", "devices" (<see cref="DeclaredMetric.Source"/>).</summary>
    public required string Source { get; init; }

    /// <summary>How a cell states the value, "{value}" the value with its unit: "{value} req", "peak {value}" (<see cref="DeclaredMetric.Cell"/>).</summary>
    public required string Cell { get; init; }

    /// <summary>Names of coded values, keyed by the value written invariantly; "" leaves the value out of a cell (<see cref="DeclaredMetric.ValueNames"/>).</summary>
    public IReadOnlyDictionary<string, string>? ValueNames { get; init; }

    /// <summary>
    /// For a Bound metric (what bound the case: <see cref="MetricIds.BoundByWait"/>, <see cref="MetricIds.BoundByServerCpu"/>
    /// or <see cref="MetricIds.BoundByClient"/>): the id of the server-CPU metric (ms per invocation) it is derived from, with
    /// the case's median time and floor (<see cref="CaseFacts.Bound"/>). The diagnoser derives it wherever that metric was observed.
    /// </summary>
    public string? BoundByCpuOf { get; init; }

    public string NumberFormat => numberFormat;

    public UnitType UnitType => unitType;

    public string Unit => unit;

    public bool TheGreaterTheBetter => false;

    public int PriorityInCategory => 0;

    /// <summary>Every AsyncBench metric, in declared order: the suite's own (<see cref="SuiteMetrics"/>) first, then each target's.</summary>
    public static IReadOnlyList<ObservedMetric> Declared { get; } = MetricCatalog.Gather(typeof(ObservedMetric).Assembly);

    /// <summary>Every AsyncBench metric, keyed by Id.</summary>
    public static IReadOnlyDictionary<string, ObservedMetric> All { get; } = Declared.ToDictionary(m => m.Id, StringComparer.Ordinal);

    public bool GetIsAvailable(Metric metric) => true;

    public DeclaredMetric ToDeclaration() => new(Id, DisplayName, Unit, Legend, Aggregation.ToString(), Phrase, Source, Cell, ValueNames);
}
