using System.Diagnostics;
using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Http;
using AsyncBench.Fixtures.Http;

namespace AsyncBench.Tests.Http;

/// <summary>
/// Every strategy, against the real WireMock.Net server: right results, and what the server saw. The tests that let
/// the server answer share one (<see cref="SharedHttpWorkload"/>); the ones that hold its replies end theirs.
/// </summary>
public sealed class HttpStrategyTests(SharedHttpWorkload shared) : IClassFixture<SharedHttpWorkload>
{
    public static TheoryData<string> StrategyNames => new(StrategyRunner.Names);

    [Theory]
    [MemberData(nameof(StrategyNames))]
    public async Task Strategy_Should_CheckEveryReply_And_ServerShould_CountExactlyCountRequests(string strategy)
    {
        // Arrange
        const int count = 25;
        var workload = shared.Workload;
        await shared.Server.ResetStatsAsync();

        // Act
        var checkedUnits = await StrategyRunner.RunAsync(strategy, workload, count);

        // Assert
        Assert.Equal(Enumerable.Range(0, count), checkedUnits);
        var stats = await shared.Server.GetStatsAsync();
        Assert.Equal(count, stats.Requests);
        Assert.Equal(0, stats.Refused);
    }

    [Theory]
    [InlineData(StrategyRunner.Serial)]
    [InlineData(StrategyRunner.SerialAwait)]
    public async Task OneAtATimeStrategies_Should_NeverHaveTwoRequestsInFlight(string strategy)
    {
        await shared.Server.ResetStatsAsync();

        await StrategyRunner.RunAsync(strategy, shared.Workload, 20);

        var stats = await shared.Server.GetStatsAsync();
        Assert.Equal(20, stats.Requests);
        Assert.Equal(1, stats.PeakInFlight);
    }

    [Fact]
    public async Task WhenAll_Should_HaveEveryRequestAtTheServerAtOnce()
    {
        // Arrange: a server that holds every reply, so whatever reaches it stays in flight.
        const int count = 50;
        await using var workload = await HttpWorkload.StartAsync(HeldReplies.Options());
        await workload.Server!.ResetStatsAsync();
        using var stop = new CancellationTokenSource();
        var since = Stopwatch.StartNew();

        // Act: WhenAll starts every unit before awaiting any; none can finish, so all of them must reach the server.
        var batch = Strategies.WhenAllAsync(workload, count, stop.Token);
        var stats = await HeldReplies.WaitUntilAsync(workload.Server, since, s => s.Requests >= count, $"all {count} requests at the server");
        HeldReplies.EndServer(workload.Server);
        await Assert.ThrowsAnyAsync<Exception>(() => batch);

        // Assert: all of them were there together (a strategy awaiting one at a time would stop at 1 and time out above).
        Assert.Equal(count, stats.Requests);
        Assert.Equal(count, stats.PeakInFlight);
    }

    [Fact]
    public async Task ParallelForEachAsync_Should_NeverExceedItsDegreeOfParallelism()
    {
        await shared.Server.ResetStatsAsync();

        await Strategies.ParallelForEachAsync(shared.Workload, 40, maxDegreeOfParallelism: 4);

        // The server counts a request in flight only while its client waits for it: at most the client's 4, on any schedule.
        var stats = await shared.Server.GetStatsAsync();
        Assert.Equal(40, stats.Requests);
        Assert.InRange(stats.PeakInFlight, 1, 4);
    }

    [Fact]
    public async Task ParallelForEachAsync_Should_HaveExactlyItsDegreeOfParallelismAtTheServer_WhenRepliesAreHeld()
    {
        await using var workload = await HttpWorkload.StartAsync(HeldReplies.Options());
        await workload.Server!.ResetStatsAsync();
        using var stop = new CancellationTokenSource();
        var since = Stopwatch.StartNew();

        var batch = Strategies.ParallelForEachAsync(workload, 40, maxDegreeOfParallelism: 4, stop.Token);
        var reached = await HeldReplies.WaitUntilAsync(workload.Server, since, s => s.Requests >= 4, "4 requests at the server");
        // Give a fifth request every chance to be sent: it must not be, while the 4 are held.
        await Task.Delay(500);
        var held = await workload.Server.GetStatsAsync();
        HeldReplies.EndServer(workload.Server);
        await Assert.ThrowsAnyAsync<Exception>(() => batch);

        Assert.Equal(4, reached.PeakInFlight);
        Assert.Equal(4, held.Requests);
        Assert.Equal(4, held.PeakInFlight);
    }
}
