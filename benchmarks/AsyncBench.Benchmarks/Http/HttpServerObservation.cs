using System.Globalization;
using AsyncBench.Benchmarks.Observing;
using AsyncBench.Fixtures.Http;
using AsyncBench.Protocol;
using BenchmarkDotNet.Columns;

namespace AsyncBench.Benchmarks.Http;

/// <summary>What the mock HTTP server counted over one measured iteration, by its own count; and those metrics, declared.</summary>
public sealed class HttpServerObservation(MockHttpServer server) : IObservedFixture, IReportsAppliedDelays, IDeclaresMetrics
{
    /// <summary>The requests the server delayed over the iteration last taken: one unit each, in arrival order.</summary>
    public AppliedPieces? LastDelays { get; private set; }

    private const string Server = "server";

    // The case's measured delays so far: its applied-delay metrics are theirs, pooled across iterations.
    private readonly AppliedDelayPool delayPool = new();

    public static IReadOnlyList<ObservedMetric> Metrics { get; } =
    [
        new(HttpMetricIds.Requests, "Requests", $"Item requests the mock server received (every attempt, refused ones included), {ObservedMetric.PerIteration} (median over iterations)", Aggregation.Median,
            "the server received {value} {request|requests} per batch of {side}")
        { Source = Server, Cell = "{value} req" },
        new(HttpMetricIds.PeakInFlight, "PeakInFlight", "The most requests the mock server handled at once (max over iterations)", Aggregation.Max,
            "the server saw at most {value} {request|requests} of {side} at once")
        { Source = Server, Cell = "peak {value}" },
        new(HttpMetricIds.Refused, "Refused", $"Requests the mock server refused with 429, {ObservedMetric.PerIteration} (median over iterations)", Aggregation.Median,
            "the server refused {value} {request|requests} per batch of {side}")
        { Source = Server, Cell = "{value} refused" },
        new(HttpMetricIds.RefusedShare, "Refused [%]", "The share of the requests the mock server received (every attempt, retries included) that it refused with 429 (median over iterations)", Aggregation.Median,
            "the server refused {value} of the attempts of {side}", unit: "%")
        {
            Source = Server,
            Cell = "{value} of attempts refused",
            ValueNames = new Dictionary<string, string> { ["0"] = string.Empty }, // "0 refused" says it already
        },
        new(HttpMetricIds.ServerWaitMs, "ServerWait [ms]", "The mock server's measured wait per answered request, the mean of an iteration (median over iterations)", Aggregation.Median,
            "the server waited {value} per request of {side}", unit: "ms")
        { Source = Server, Cell = "wait {value}" },
        .. AppliedDelayMetrics.Declare(HttpMetricIds.AppliedDelayMedianMs, HttpMetricIds.AppliedDelayP99Ms, "AppliedDelay",
            "the delays the mock server really waited (timed around each wait, not the values drawn from the run's distribution), one per answered request",
            "the server's delays", "delay", Server),
        new(HttpMetricIds.ServerCpuMs, "ServerCpu [ms]", $"CPU time of the mock server's process, {ObservedMetric.PerIteration} (median over iterations)", Aggregation.Median,
            "the server's process spent {value} of CPU per batch of {side}", unit: "ms")
        { Source = Server, Cell = "cpu {value}" },
        new(HttpMetricIds.Bound, "Bound", $"What bound the case: {MetricIds.BoundByWait} = the wait (median within {CaseFacts.WaitBoundFactor} × floor), {MetricIds.BoundByServerCpu} = the server's CPU (its CPU time ≥ {CaseFacts.ServerBusyShare} × the median), {MetricIds.BoundByClient} = the client", Aggregation.Median,
            null)
        {
            Source = Server,
            Cell = "bound: {value}",
            BoundByCpuOf = HttpMetricIds.ServerCpuMs,
            ValueNames = new Dictionary<string, string>
            {
                [MetricIds.BoundByWait.ToString(CultureInfo.InvariantCulture)] = "wait",
                [MetricIds.BoundByServerCpu.ToString(CultureInfo.InvariantCulture)] = "server CPU",
                [MetricIds.BoundByClient.ToString(CultureInfo.InvariantCulture)] = "client",
            },
        },
    ];

    // Blocking calls: the async form's continuations would run on pool threads, and could add one to the pool the
    // iteration is about to start from (a FreshThreadPool class's invocation must start from exactly its minimum).
    public void Reset() => server.ResetStats();

    public IReadOnlyDictionary<string, double> Take(long invocations)
    {
        var stats = server.GetStatsAsync().GetAwaiter().GetResult();
        var answered = stats.Requests - stats.Refused;
        var values = new Dictionary<string, double>
        {
            [HttpMetricIds.Requests] = (double)stats.Requests / invocations,
            [HttpMetricIds.PeakInFlight] = stats.PeakInFlight,
            [HttpMetricIds.Refused] = (double)stats.Refused / invocations,
            [HttpMetricIds.ServerCpuMs] = stats.CpuMs / invocations,
        };
        if (stats.Requests > 0)
        {
            // Refusals against every attempt the server received, retries included: "348 of 448 attempts" is 78 %.
            values[HttpMetricIds.RefusedShare] = 100.0 * stats.Refused / stats.Requests;
        }

        if (answered > 0 && !server.Options.EffectiveLatency.IsZero)
        {
            values[HttpMetricIds.ServerWaitMs] = stats.WaitMs / answered;
        }

        delayPool.Take(values, stats.Delays, HttpMetricIds.AppliedDelayMedianMs, HttpMetricIds.AppliedDelayP99Ms);
        LastDelays = AppliedDelayMetrics.Pieces(stats.Delays, _ => 1);

        return values;
    }
}
