using AsyncBench.Protocol;
using AsyncBench.Publishing.Reading;

namespace AsyncBench.Publish.Tests;

/// <summary>
/// Cases of a target the publisher has no word for (Redis, declared only in its run's sidecar, as a new target's folder
/// would declare it): the publisher's pages must show it from its declarations alone.
/// </summary>
public static class RedisCases
{
    /// <summary>What the target's sidecar declares: two metrics of its server.</summary>
    public static readonly DeclaredMetric[] Metrics =
    [
        new("AsyncBench.Redis.Commands", "Commands", "Count", "Commands the Garnet server executed, per invocation (median over iterations)", "Median", "the server executed {value} commands per batch of `{side}`", Source: "server", Cell: "{value} commands"),
        new("AsyncBench.Redis.PeakInFlight", "PeakInFlight", "Count", "The most commands the Garnet server handled at once (max over iterations)", "Max", null, Source: "server", Cell: "peak {value}"),
    ];

    public static BenchmarkResult Result(string method, double commands, int seed) =>
        SyntheticRuns.Result(new BenchmarkId("AsyncBench.Benchmarks.Redis", "RedisBenchmarks", method, [new("Count", "100")]), 5e6, 0.01, seed) with
        {
            Metrics = new Dictionary<string, double>
            {
                [MetricIds.ThreadsBefore] = 4,
                [MetricIds.ThreadsAfter] = 4,
                ["AsyncBench.Redis.Commands"] = commands,
                ["AsyncBench.Redis.PeakInFlight"] = 37,
            },
        };
}
