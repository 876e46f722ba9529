using System.Diagnostics;
using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Http;
using AsyncBench.Benchmarks.Rules;
using AsyncBench.Tests.Http;

namespace AsyncBench.Tests.Rules;

/// <summary>
/// One polite client against one mock server that refuses past <see cref="Limit"/> requests in flight and answers after
/// <see cref="LatencyMs"/>, started once for the tests that let it answer (xunit's class fixture).
/// </summary>
public sealed class LimitedHttpServer : IAsyncLifetime
{
    public const int Limit = 5;

    /// <summary>Long enough that a burst usually meets refusals to retry; relied on for nothing (the held test shows them on any schedule).</summary>
    public const int LatencyMs = 200;

    private PolitenessWorkload? workload;

    public PolitenessWorkload Workload => workload ?? throw new InvalidOperationException("The shared workload has not started.");

    public async Task InitializeAsync() => workload = await PolitenessWorkload.StartAsync(LatencyMs, serverLimit: Limit, clientLimit: Limit);

    public async Task DisposeAsync()
    {
        if (workload is not null)
        {
            await workload.DisposeAsync();
        }
    }
}

/// <summary>
/// Rule 8 against the real mock server with an in-flight limit of k: the bounded strategies never
/// hold more than k requests at the server and are never refused; an unbounded burst exceeds k and is refused
/// (shown against a server that holds its replies, so on any schedule), retries, and still completes every unit.
/// All counts are the server's own.
/// </summary>
public sealed class PolitenessTests(LimitedHttpServer shared) : IClassFixture<LimitedHttpServer>
{
    private const int Limit = LimitedHttpServer.Limit;
    private const int Count = 30;

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
        var workload = shared.Workload;
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
    public async Task UnboundedWhenAll_Should_CompleteEveryUnit_AnsweredExactlyOnce()
    {
        var workload = shared.Workload;
        await workload.Server.ResetStatsAsync();

        await PolitenessBenchmarks.UnboundedWhenAllAsync(workload, Count);

        // However many were refused and retried on this schedule, every unit was answered exactly once.
        var stats = await workload.Server.GetStatsAsync();
        Assert.Equal(Count, stats.Requests - stats.Refused);
        Assert.InRange(stats.PeakInFlight, 1, Count);
    }

    [Fact]
    public async Task UnboundedWhenAll_Should_ExceedK_AndBeRefused_WhenRepliesAreHeld()
    {
        // The server holds the k requests it accepts, so the burst's next request finds k in flight on any schedule.
        await using var workload = await PolitenessWorkload.StartAsync(HeldReplies.LatencyMs, serverLimit: Limit, clientLimit: Limit);
        await workload.Server.ResetStatsAsync();
        var since = Stopwatch.StartNew();

        var batch = PolitenessBenchmarks.UnboundedWhenAllAsync(workload, Count);
        var stats = await HeldReplies.WaitUntilAsync(workload.Server, since, s => s.Refused > 0, "a refusal");
        HeldReplies.EndServer(workload.Server);
        await Assert.ThrowsAnyAsync<Exception>(() => batch);

        // A bounded strategy never gets here (see above): it would time out waiting for a refusal.
        Assert.True(stats.PeakInFlight > Limit, $"peak in flight was {stats.PeakInFlight}; a refused request is the ({Limit} + 1)th in flight");
        Assert.True(stats.Refused > 0);
    }

    // Slow by design: the unit fails only after TooManyRequestsRetry.MaxAttempts refusals, each after its backoff (seconds in all).
    [Fact]
    public async Task Unit_Should_Fail_WhenTheServerAlwaysRefuses()
    {
        // A limit of 1 and two units holding it in turn is not "always"; a unit whose every attempt
        // meets a held slot is. Hold the only slot with a held request, then ask again.
        await using var workload = await PolitenessWorkload.StartAsync(HeldReplies.LatencyMs, serverLimit: 1, clientLimit: 1);
        var holding = workload.GetAsync(workload.Client, 0);
        await HeldReplies.WaitUntilAsync(workload.Server, Stopwatch.StartNew(), s => s.PeakInFlight >= 1, "the holding request at the server");

        var error = await Record.ExceptionAsync(() => workload.GetAsync(workload.Client, 1));

        HeldReplies.EndServer(workload.Server);
        await Assert.ThrowsAnyAsync<Exception>(() => holding);
        var check = Assert.IsType<WorkloadCheckException>(error);
        Assert.Contains("429", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Backoff_Should_BeTheSameOnEveryRun_AndStayWithinItsBounds()
    {
        for (var attempt = 0; attempt < TooManyRequestsRetry.MaxAttempts; attempt++)
        {
            var backoff = TooManyRequestsRetry.Backoff(unit: 7, attempt);
            Assert.Equal(backoff, TooManyRequestsRetry.Backoff(unit: 7, attempt));
            Assert.InRange(backoff.TotalMilliseconds, TooManyRequestsRetry.FirstBackoffMs / 2, TooManyRequestsRetry.MaxBackoffMs);
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
}
