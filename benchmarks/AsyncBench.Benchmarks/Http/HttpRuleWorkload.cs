using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Rules;
using AsyncBench.Fixtures.Http;

namespace AsyncBench.Benchmarks.Http;

/// <summary>
/// The HTTP workload as the rule benchmarks use it (rules 4, 5, 6), its lifecycle written once: a rule class holds
/// one, starts and warms it in its [GlobalSetup] (<see cref="StartAsync"/>), stops it in its [GlobalCleanup]
/// (<see cref="StopAsync"/>) and reads <see cref="Workload"/> in its benchmarks. Its async unit is a
/// <see cref="Task{TResult}"/> that returns the unit number (so it can be blocked on with <c>.Result</c> and a
/// batch can check every unit came back). Why a holder and not a base class: two of the rule classes derive from
/// <see cref="FreshThreadPoolBenchmarks"/> and one does not.
/// </summary>
public sealed class HttpRuleWorkload
{
    private HttpWorkload? workload;

    /// <summary>The started workload; throws before <see cref="StartAsync"/>.</summary>
    public HttpWorkload Workload => workload ?? throw new InvalidOperationException("GlobalSetup has not run.");

    /// <summary>Starts and warms the workload for a case: the mock server waits <paramref name="latencyMs"/>, <paramref name="connections"/> connections are opened.</summary>
    public async Task StartAsync(int latencyMs, int connections) =>
        workload = await StartWarmAsync(latencyMs, connections).ConfigureAwait(false);

    /// <summary>Stops the workload, if it started.</summary>
    public Task StopAsync() => workload?.DisposeAsync().AsTask() ?? Task.CompletedTask;

    /// <summary>Starts the mock server and client and opens <paramref name="connections"/> connections, so no invocation pays a connect.</summary>
    public static async Task<HttpWorkload> StartWarmAsync(int latencyMs, int connections)
    {
        var workload = await HttpWorkload.StartAsync(new MockHttpServerOptions { LatencyMs = latencyMs }).ConfigureAwait(false);
        try
        {
            await StrategyBenchmarks.WarmUpAsync(workload, connections).ConfigureAwait(false);
            return workload;
        }
        catch
        {
            await workload.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>GET item <paramref name="unit"/> asynchronously, check it, return the unit number.</summary>
    public static async Task<int> GetAsync(IWorkload workload, int unit)
    {
        ArgumentNullException.ThrowIfNull(workload);
        await workload.RunAsync(unit, CancellationToken.None).ConfigureAwait(false);
        return unit;
    }

    /// <summary>Awaits every task with WhenAll and checks each returned its own unit number.</summary>
    public static async Task WhenAllCheckedAsync(Task<int>[] tasks)
    {
        var results = await Task.WhenAll(tasks).ConfigureAwait(false);
        BlockingInAsyncBenchmarks.CheckUnitNumbers(results);
    }
}
