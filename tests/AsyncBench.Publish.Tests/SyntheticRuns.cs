using AsyncBench.Publishing;

namespace AsyncBench.Publish.Tests;

/// <summary>Runs built in code for the comparison tests: fixed seeds, so every run of the tests sees the same numbers.</summary>
public static class SyntheticRuns
{
    private static readonly RunEnvironment Environment = new("Test CPU", 2, 2, "Test OS", ".NET test", "X64", "0.15.8");

    public static BenchmarkId Id(string method, int count) =>
        new("AsyncBench.Benchmarks.Http", "HttpBenchmarks", method, [new("Count", count.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("LatencyMs", "20")]);

    /// <summary>Ten measurements around <paramref name="medianNs"/>, spread uniformly by ±<paramref name="noise"/> (a fraction).</summary>
    public static BenchmarkResult Result(BenchmarkId id, double medianNs, double noise, int seed, double allocated = 4096, double workItems = 10)
    {
        var random = new Random(seed);
        var measurements = Enumerable.Range(0, 10).Select(_ => medianNs * (1 + ((random.NextDouble() * 2) - 1) * noise)).ToList();
        var sorted = measurements.Order().ToList();
        var median = (sorted[4] + sorted[5]) / 2;
        var statistics = new TimeStatistics(median, measurements.Average(), double.NaN, double.NaN, double.NaN, double.NaN, measurements.Count);
        return new BenchmarkResult(id, statistics, allocated, workItems, 0, measurements) { FullName = id.Key };
    }

    public static BenchmarkRun Run(string name, params BenchmarkResult[] results) =>
        new(name, [name], Environment, [], new DateTime(2026, 11, 25, 3, 0, 0, DateTimeKind.Unspecified), results);
}
