using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Http;
using AsyncBench.Benchmarks.Rules;

namespace AsyncBench.Tests.Rules;

/// <summary>
/// Rule 8 against the real mock server with an in-flight limit of k: the bounded strategies never
/// hold more than k requests at the server and are never refused; an unbounded burst is refused,
/// retries, and still completes every unit. All counts are the server's own.
/// </summary>
public sealed class PolitenessTests
{
    private const int Limit = 5;
    private const int Count = 30;

    /// <summary>Long enough that an unbounded burst is all at the server at once, even on a busy 2-core machine.</summary>
    private const int LatencyMs = 200;

    public static TheoryData<string> BoundedStrategies => new()
    {
        nameof(PolitenessBenchmarks.SerialBlockingSend),
        nameof(PolitenessBenchmarks.SemaphoreWhenAll),
        nameof(PolitenessBenchmarks.ParallelForEachAsyncDop),
        nameof(PolitenessBenchmarks.MaxConnectionsPerServer),
    };

    [Theory]
    [MemberData(nameof(BoundedStrategies))]
    public async Task BoundedStrategy_Should_NeverExceedK_AtTheServer_AndNeverBeRefused(string strategy)
    {
        // Arrange
        await using var workload = await PolitenessWorkload.StartAsync(LatencyMs, serverLimit: Limit, clientLimit: Limit);
        await workload.Server.ResetStatsAsync();

        // Act
        await RunAsync(strategy, workload);

        // Assert
        var stats = await workload.Server.GetStatsAsync();
        Assert.Equal(0, stats.Refused);
        Assert.Equal(Count, stats.Requests);
        Assert.InRange(stats.PeakInFlight, 1, Limit);
    }

    [Fact]
    public async Task UnboundedWhenAll_Should_ExceedK_BeRefused_AndStillCompleteEveryUnit()
    {
        await using var workload = await PolitenessWorkload.StartAsync(LatencyMs, serverLimit: Limit, clientLimit: Limit);
        await workload.Server.ResetStatsAsync();

        await PolitenessBenchmarks.UnboundedWhenAllAsync(workload, Count);

        var stats = await workload.Server.GetStatsAsync();
        Assert.True(stats.PeakInFlight > Limit, $"peak in flight was {stats.PeakInFlight}; an unbounded burst of {Count} should exceed {Limit}");
        Assert.True(stats.Refused > 0, "the server refused nothing");
        Assert.Equal(Count, stats.Requests - stats.Refused); // every unit answered exactly once
    }

    [Fact]
    public async Task Unit_Should_Fail_WhenTheServerAlwaysRefuses()
    {
        // A limit of 1 and two units holding it in turn is not "always"; a unit whose every attempt
        // meets a held slot is. Hold the only slot with a long request, then ask again.
        await using var workload = await PolitenessWorkload.StartAsync(latencyMs: 30_000, serverLimit: 1, clientLimit: 1);
        using var holder = new CancellationTokenSource();
        var holding = workload.GetAsync(workload.Client, 0, holder.Token);
        await WaitForInFlightAsync(workload);

        var error = await Record.ExceptionAsync(() => workload.GetAsync(workload.Client, 1));

        await holder.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => holding);
        var check = Assert.IsType<WorkloadCheckException>(error);
        Assert.Contains("429", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Backoff_Should_BeTheSameOnEveryRun_AndStayWithinItsBounds()
    {
        for (var attempt = 0; attempt < PolitenessWorkload.MaxAttempts; attempt++)
        {
            var backoff = PolitenessWorkload.Backoff(unit: 7, attempt);
            Assert.Equal(backoff, PolitenessWorkload.Backoff(unit: 7, attempt));
            Assert.InRange(backoff.TotalMilliseconds, PolitenessWorkload.FirstBackoffMs / 2, PolitenessWorkload.MaxBackoffMs);
        }
    }

    private static Task RunAsync(string strategy, PolitenessWorkload workload) => strategy switch
    {
        nameof(PolitenessBenchmarks.SerialBlockingSend) => Task.Run(() => PolitenessBenchmarks.SerialBlockingSend(workload, Count)),
        nameof(PolitenessBenchmarks.SemaphoreWhenAll) => PolitenessBenchmarks.SemaphoreWhenAllAsync(workload, Count),
        nameof(PolitenessBenchmarks.ParallelForEachAsyncDop) => PolitenessBenchmarks.ParallelForEachAsyncDopAsync(workload, Count),
        nameof(PolitenessBenchmarks.MaxConnectionsPerServer) => PolitenessBenchmarks.MaxConnectionsPerServerAsync(workload, Count),
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "Unknown strategy."),
    };

    private static async Task WaitForInFlightAsync(PolitenessWorkload workload)
    {
        for (var poll = 0; poll < 600; poll++)
        {
            if ((await workload.Server.GetStatsAsync()).PeakInFlight >= 1)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the holding request never reached the server");
    }
}
