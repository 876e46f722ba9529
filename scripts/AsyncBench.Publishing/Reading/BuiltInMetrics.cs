using AsyncBench.Protocol;

namespace AsyncBench.Publishing.Reading;

/// <summary>
/// BenchmarkDotNet's own columns that the suite's claims may name (no sidecar describes them): completed
/// thread-pool work items and allocated bytes, per operation (one batch).
/// </summary>
public static class BuiltInMetrics
{
    public const string WorkItems = "CompletedWorkItemCount";
    public const string Allocated = "Allocated Memory";
    public const string LockContentions = "LockContentionCount";

    private static readonly Dictionary<string, DeclaredMetric> All = new(StringComparer.Ordinal)
    {
        [WorkItems] = new(WorkItems, "Completed Work Items", "Count", "Thread-pool work items completed per batch (BenchmarkDotNet's ThreadingDiagnoser)", "Mean", "`{side}` queued {value} thread-pool work items"),
        [Allocated] = new(Allocated, "Allocated", "B", "Managed bytes allocated per batch (BenchmarkDotNet's MemoryDiagnoser)", "Mean", "`{side}` allocated {value}"),
        [LockContentions] = new(LockContentions, "Lock Contentions", "Count", "Monitor lock contentions per batch (BenchmarkDotNet's ThreadingDiagnoser)", "Mean", "`{side}` met {value} lock contentions"),
    };

    /// <summary>BenchmarkDotNet's MemoryDiagnoser's garbage collections per 1000 operations: not the suite's, shown nowhere.</summary>
    private static readonly HashSet<string> Collections = new(StringComparer.Ordinal) { "Gen0Collects", "Gen1Collects", "Gen2Collects" };

    public static DeclaredMetric? Describe(string id) => All.TryGetValue(id, out var metric) ? metric : null;

    /// <summary>A metric of BenchmarkDotNet's own diagnosers that the suite runs (memory, threading), not one of the suite's.</summary>
    public static bool IsBenchmarkDotNetOwn(string id) => All.ContainsKey(id) || Collections.Contains(id);

    /// <summary>The case's value of a metric, BenchmarkDotNet's own columns included; null where the case lacks it.</summary>
    public static double? Value(BenchmarkResult result, string id)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Metric(id) ?? id switch
        {
            WorkItems => result.CompletedWorkItemsPerOperation,
            Allocated => result.AllocatedBytesPerOperation,
            LockContentions => result.LockContentionsPerOperation,
            _ => null,
        };
    }
}
