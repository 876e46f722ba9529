
namespace AsyncBench.Publishing.Reading;

/// <summary>
/// The parameter names the publisher reads numbers from: Count (units per batch: throughput, chart
/// x axis), LatencyMs and the degree of parallelism. Baselines, categories and order
/// are not here: they come from the declarations sidecar and the report itself.
/// </summary>
public static class SuiteCatalog
{
    public const string CountParameter = "Count";
    public const string LatencyParameter = "LatencyMs";
    public const string DegreeParameter = "maxDegreeOfParallelism";
}
