using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Statistics;

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

    /// <summary>A run of night <paramref name="night"/>: runs of different nights have different start times.</summary>
    public static BenchmarkRun Night(int night, IEnumerable<BenchmarkResult> results, RunDeclarations? declarations = null) =>
        new($"night-{night}", [$"night-{night}"], Environment, [], new DateTime(2026, 11, 1, 2, 0, 0, DateTimeKind.Unspecified).AddDays(night), [.. results])
        {
            Declarations = declarations ?? RunDeclarations.None,
        };

    /// <summary>Sidecar declarations: <paramref name="canaries"/> marked as canaries, <paramref name="injected"/> with their injected slowdown.</summary>
    public static RunDeclarations Declared(IEnumerable<BenchmarkId> all, IEnumerable<BenchmarkId>? canaries = null, IReadOnlyDictionary<BenchmarkId, double>? injected = null)
    {
        var canary = (canaries ?? []).ToHashSet();
        return new RunDeclarations(
            all.Select((id, i) => new AsyncBench.Protocol.DeclaredBenchmark(id.Key, canary.Contains(id) ? ["Canary"] : ["Http"], false, i)
            {
                Canary = canary.Contains(id),
                InjectedSlowdownPercent = injected is not null && injected.TryGetValue(id, out var f) ? f * 100 : null,
            }),
            [],
            [],
            [],
            []);
    }

    /// <summary>A canary's ID: a benchmark of its own class and namespace.</summary>
    public static BenchmarkId CanaryId(string method) => new("AsyncBench.Benchmarks.Canaries", "CanaryBenchmarks", method, []);

    /// <summary>
    /// A nightly-profile result: <paramref name="launches"/> processes of 4 iterations each. Each launch
    /// is off its run's value by a normal draw of <paramref name="launchSpread"/> (log scale), each iteration
    /// by ±<paramref name="iterationNoise"/> uniformly: the shape of the measured runs' spread.
    /// </summary>
    public static BenchmarkResult Launched(BenchmarkId id, double runValueNs, Random random, int launches = 5, double launchSpread = 0.02, double iterationNoise = 0.03, double allocated = 4096, double workItems = 10, double? cpuNs = null, long operations = 64)
    {
        var measurements = new List<double>();
        var launchOf = new List<int>();
        for (var launch = 1; launch <= launches; launch++)
        {
            var launchValue = runValueNs * Math.Exp(launchSpread * Normal(random));
            for (var i = 0; i < 4; i++)
            {
                measurements.Add(launchValue * (1 + (((random.NextDouble() * 2) - 1) * iterationNoise)));
                launchOf.Add(launch);
            }
        }

        var sorted = measurements.Order().ToList();
        var statistics = new TimeStatistics((sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2, measurements.Average(), double.NaN, double.NaN, double.NaN, double.NaN, measurements.Count);
        var metrics = cpuNs is { } cpu ? new Dictionary<string, double> { [NoiseModel.CpuMetricId] = cpu } : null;
        return new BenchmarkResult(id, statistics, allocated, workItems, 0, measurements, metrics, launchOf) { FullName = id.Key, Operations = operations };
    }

    /// <summary>
    /// The result as a run merged from passes keeps it: each launch's own counts (<see cref="BenchmarkResult.PerLaunch"/>),
    /// one entry per value given, launch k's allocated bytes, work items and CPU time per operation.
    /// </summary>
    public static BenchmarkResult WithLaunchCounts(BenchmarkResult result, IReadOnlyList<double> allocated, IReadOnlyList<double>? workItems = null, IReadOnlyList<double>? cpuNs = null) =>
        result with
        {
            PerLaunch = [.. allocated.Select((bytes, k) => new LaunchCounts(k + 1, bytes, LaunchMetrics(k, workItems, cpuNs)))],
        };

    private static Dictionary<string, double> LaunchMetrics(int k, IReadOnlyList<double>? workItems, IReadOnlyList<double>? cpuNs)
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        if (workItems is not null)
        {
            metrics[BuiltInMetrics.WorkItems] = workItems[k];
        }

        if (cpuNs is not null)
        {
            metrics[NoiseModel.CpuMetricId] = cpuNs[k];
        }

        return metrics;
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    public static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
