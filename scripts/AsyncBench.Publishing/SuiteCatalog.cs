namespace AsyncBench.Publishing;

/// <summary>
/// The parameter names the publisher reads numbers from: Count (units per batch: throughput, chart
/// x axis), LatencyMs and the degree of parallelism (the ideal floor). Baselines, categories and order
/// are not here: they come from the declarations sidecar and the report itself.
/// </summary>
public static class SuiteCatalog
{
    public const string CountParameter = "Count";
    public const string LatencyParameter = "LatencyMs";
    public const string DegreeParameter = "maxDegreeOfParallelism";

    /// <summary>
    /// How many units a strategy keeps in flight at once: 1 for Serial and SerialAwait, the degree of
    /// parallelism for Parallel.ForEachAsync (the processor count for -1), Count for WhenAll and
    /// ThreadPerRequest. Null for methods whose concurrency the publisher does not know.
    /// </summary>
    public static long? Concurrency(BenchmarkId id, int processorCount)
    {
        var count = id.LongParameter(CountParameter);
        return id.Method switch
        {
            "Serial" or "SerialAwait" => 1,
            "ParallelForEachAsync" => id.LongParameter(DegreeParameter) is { } dop ? (dop < 0 ? processorCount : dop) : null,
            "WhenAll" or "ThreadPerRequest" => count,
            _ => null,
        };
    }

    /// <summary>
    /// The ideal floor in ns: LatencyMs × ⌈Count ÷ concurrency⌉, the time the waits alone take when
    /// nothing else costs anything. Null where the class has no LatencyMs or the concurrency is unknown.
    /// </summary>
    public static double? IdealFloorNs(BenchmarkId id, int processorCount)
    {
        if (id.LongParameter(LatencyParameter) is not { } latency || id.LongParameter(CountParameter) is not { } count
            || Concurrency(id, processorCount) is not { } concurrency || concurrency <= 0 || latency <= 0)
        {
            return null;
        }

        var rounds = (count + concurrency - 1) / concurrency;
        return latency * 1e6 * rounds;
    }
}
