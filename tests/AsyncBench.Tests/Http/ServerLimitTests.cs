using System.Diagnostics;
using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Http;
using AsyncBench.Fixtures.Http;

namespace AsyncBench.Tests.Http;

/// <summary>
/// The HTTP workload against a mock server with a limit (<c>--server-limit</c>): refused requests are retried as the
/// politeness workload retries them (<see cref="TooManyRequestsRetry"/>), not failed; the server counts the refusals.
/// </summary>
public sealed class ServerLimitTests
{
    [Fact]
    public async Task Batch_Should_CompleteEveryUnit_AnsweredExactlyOnce_PastTheLimit()
    {
        await using var workload = await HttpWorkload.StartAsync(new MockHttpServerOptions { LatencyMs = 50, MaxInFlight = 2 });
        await workload.Server!.ResetStatsAsync();

        var returned = await StrategyRunner.RunAsync(StrategyRunner.WhenAll, workload, 20);

        // However many were refused and retried on this schedule, every unit was answered exactly once and checked.
        var stats = await workload.Server.GetStatsAsync();
        Assert.Equal(Enumerable.Range(0, 20), returned);
        Assert.Equal(20, stats.Requests - stats.Refused);
    }

    [Fact]
    public async Task RefusedUnit_Should_BeRetried_NotFailed()
    {
        // One slot, held: of three units two are refused at once, so a third refusal can only be a retry.
        await using var workload = await HttpWorkload.StartAsync(HeldReplies.Options(maxInFlight: 1));
        var since = Stopwatch.StartNew();

        var batch = Strategies.WhenAllAsync(workload, 3);
        var stats = await HeldReplies.WaitUntilAsync(workload.Server!, since, s => s.Refused > 2, "a retried refusal");
        HeldReplies.EndServer(workload.Server!);
        await Assert.ThrowsAnyAsync<Exception>(() => batch);

        // The server answered (held) one request; every other attempt it received was refused, and retried.
        Assert.Equal(1, stats.Requests - stats.Refused);
    }
}
