using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Rules;
using AsyncBench.Fixtures.Http;

namespace AsyncBench.Benchmarks.Http;

/// <summary>
/// The HTTP workload as the rule benchmarks use it: started and warmed once per case, and its async
/// unit as a <see cref="Task{TResult}"/> that returns the unit number (so it can be blocked on with
/// <c>.Result</c> and a batch can check every unit came back).
/// </summary>
public static class HttpRuleWorkload
{
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
