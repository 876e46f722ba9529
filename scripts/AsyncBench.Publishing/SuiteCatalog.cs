namespace AsyncBench.Publishing;

/// <summary>
/// What the publisher knows about AsyncBench's benchmark IDs. The JSON has no baseline, ratio or
/// category fields, so these come from the suite's own naming: the workload is the namespace under
/// <c>AsyncBench.Benchmarks</c>, the baseline is the <c>Serial</c> method, Count is the batch size.
/// </summary>
public static class SuiteCatalog
{
    public const string Baseline = "Serial";
    public const string CountParameter = "Count";
    public const string LatencyParameter = "LatencyMs";
    public const string DegreeParameter = "maxDegreeOfParallelism";

    /// <summary>The workloads in the order pages list them; others found in a run follow alphabetically.</summary>
    public static IReadOnlyList<string> WorkloadOrder { get; } = ["Http", "Sqlite", "Files", "Serial", "Rules"];

    /// <summary>The five strategy methods in the order tables list them.</summary>
    public static IReadOnlyList<string> StrategyOrder { get; } = ["Serial", "SerialAwait", "ThreadPerRequest", "ParallelForEachAsync", "WhenAll"];

    public static string Workload(BenchmarkId id) =>
        id.Namespace.Length > ReportReader.SuiteNamespace.Length
            ? id.Namespace[(ReportReader.SuiteNamespace.Length + 1)..]
            : "Other";

    /// <summary>A row label: the method plus its arguments (e.g. <c>ParallelForEachAsync(dop 64)</c>), never the class's [Params].</summary>
    public static string Strategy(BenchmarkId id, IReadOnlySet<string> classParameters)
    {
        var arguments = id.Parameters.Where(p => !classParameters.Contains(p.Key)).ToList();
        if (arguments.Count == 0)
        {
            return id.Method;
        }

        return $"{id.Method}({string.Join(", ", arguments.Select(a => a.Key == DegreeParameter ? $"dop {a.Value}" : $"{a.Key} {a.Value}"))})";
    }

    /// <summary>Sort key of a row: the five strategies first in their order, other methods after, by name.</summary>
    public static (int, string) StrategySortKey(BenchmarkId id, string label)
    {
        var index = StrategyOrder.ToList().IndexOf(id.Method);
        var dop = id.LongParameter(DegreeParameter) is { } d ? (d < 0 ? 0 : d) : 0;
        return (index < 0 ? StrategyOrder.Count : index, index < 0 ? label : dop.ToString("D8", System.Globalization.CultureInfo.InvariantCulture));
    }
}
