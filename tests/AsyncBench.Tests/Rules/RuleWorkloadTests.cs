using System.Diagnostics;
using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Http;
using AsyncBench.Benchmarks.Rules;
using AsyncBench.Fixtures.Http;
using AsyncBench.Protocol;
using AsyncBench.Protocol.Http;
using AsyncBench.Tests.Http;

namespace AsyncBench.Tests.Rules;

/// <summary>
/// The rule benchmarks' workloads: right results, failures raised, and what the server saw. No timing. The tests that
/// let the server answer share one (<see cref="SharedHttpWorkload"/>).
/// </summary>
public sealed class RuleWorkloadTests(SharedHttpWorkload shared) : IClassFixture<SharedHttpWorkload>
{
    public static TheoryData<string> StrategyNames => new(StrategyRunner.Names);

    [Theory]
    [MemberData(nameof(StrategyNames))]
    public async Task CpuHashWorkload_Should_CheckEveryDigest_UnderEveryStrategy(string strategy)
    {
        await using var workload = new CpuHashWorkload(units: 12);

        var checkedUnits = await StrategyRunner.RunAsync(strategy, workload, 12);

        Assert.Equal(Enumerable.Range(0, 12), checkedUnits);
    }

    [Fact]
    public async Task CpuHashWorkload_Should_Throw_ForAUnitItWasNotPreparedFor()
    {
        await using var workload = new CpuHashWorkload(units: 3);

        Assert.Throws<WorkloadCheckException>(() => workload.Run(3));
    }

    [Fact]
    public async Task BlockingInAsyncUnits_Should_AllReturnTheirNumbers()
    {
        var units = new UnitObservation();
        await BlockingInAsyncBenchmarks.RunBatchAsync(unit => BlockingInAsyncBenchmarks.DelayUnitAsync(units, unit), 20);
        await BlockingInAsyncBenchmarks.RunBatchAsync(unit => BlockingInAsyncBenchmarks.SleepUnitAsync(units, unit), 20);
        await BlockingInAsyncBenchmarks.RunBatchAsync(unit => BlockingInAsyncBenchmarks.BlockOnTaskUnitAsync(units, unit), 20);

        Assert.InRange(units.Take(invocations: 3)[MetricIds.UnitsPeakInFlight], 1, 20);
    }

    [Fact]
    public async Task RunBatch_Should_Throw_WhenAUnitReturnsAnotherNumber()
    {
        await Assert.ThrowsAsync<WorkloadCheckException>(
            () => BlockingInAsyncBenchmarks.RunBatchAsync(unit => Task.FromResult(unit == 5 ? 6 : unit), 10));
    }

    [Fact]
    public void SleepBeforeFirstAwait_Should_BlockTheCaller_LikeTimeSleepInPython()
    {
        // An async method runs synchronously up to its first await: a Thread.Sleep there is done by
        // the caller's thread, and the task is complete by the time the call returns.
        var task = SleepThenDelayAsync();

        Assert.True(task.IsCompleted);
    }

    [Fact]
    public async Task SyncOverAsyncBenchmarks_Should_CompleteEveryForm_AgainstTheServer()
    {
        var benchmarks = new SyncOverAsyncBenchmarks { Count = 20, LatencyMs = 5 };
        await benchmarks.GlobalSetupAsync();
        try
        {
            // Each form checks that every unit came back with its own number; .NET's blocking calls raise no error of their own.
            await benchmarks.Await();
            await benchmarks.GetAwaiterGetResult();
            await benchmarks.Result();

            Assert.Equal(0, benchmarks.BlockingErrors.Count);
        }
        finally
        {
            await benchmarks.GlobalCleanupAsync();
        }
    }

    [Fact]
    public async Task TaskRunWrapped_Should_SendEveryRequest()
    {
        await shared.Server.ResetStatsAsync();

        await TaskRunWrappingBenchmarks.WrapEachAsync(shared.Workload, 12);

        var stats = await shared.Server.GetStatsAsync();
        Assert.Equal(12, stats.Requests);
        Assert.InRange(stats.PeakInFlight, 1, 12);
    }

    [Fact]
    public async Task TaskRunWrapped_Should_HaveSeveralRequestsAtTheServerAtOnce_WhenRepliesAreHeld()
    {
        // Each wrapped call blocks a pool thread; the pool runs at least its minimum (the processor count, 2 here) at
        // once, so against a server that holds its replies at least two calls are there together, on any schedule.
        await using var workload = await HttpWorkload.StartAsync(HeldReplies.Options());
        await workload.Server!.ResetStatsAsync();
        var since = Stopwatch.StartNew();

        var batch = TaskRunWrappingBenchmarks.WrapEachAsync(workload, 12);
        var stats = await HeldReplies.WaitUntilAsync(workload.Server, since, s => s.Requests >= 2, "2 wrapped calls at the server");
        HeldReplies.EndServer(workload.Server);
        await Assert.ThrowsAnyAsync<Exception>(() => batch);

        Assert.True(stats.PeakInFlight >= 2, $"peak in flight was {stats.PeakInFlight}; wrapped calls should overlap");
    }

    [Fact]
    public async Task TaskRunWrapped_Should_Throw_WhenServerAnswers500()
    {
        await using var workload = await HttpWorkload.StartAsync(new MockHttpServerOptions { Fault = MockHttpFault.Status500 });

        await Assert.ThrowsAsync<WorkloadCheckException>(() => TaskRunWrappingBenchmarks.WrapEachAsync(workload, 5));
    }

    [Fact]
    public async Task WhenEach_Should_SeeEveryUnitOnce()
    {
        await shared.Server.ResetStatsAsync();

        await DegreeOfParallelismBenchmarks.WhenEachCheckedAsync(shared.Workload, 30);

        Assert.Equal(30, (await shared.Server.GetStatsAsync()).Requests);
    }

    [Fact]
    public async Task WhenEach_Should_Throw_WhenServerAnswersWrongBody()
    {
        await using var workload = await HttpWorkload.StartAsync(new MockHttpServerOptions { Fault = MockHttpFault.WrongBody });

        await Assert.ThrowsAsync<WorkloadCheckException>(() => DegreeOfParallelismBenchmarks.WhenEachCheckedAsync(workload, 5));
    }

    [Fact]
    public async Task ParallelForEachAsyncDefaultDop_Should_NeverExceedTheProcessorCount_AtTheServer()
    {
        await shared.Server.ResetStatsAsync();

        await Strategies.ParallelForEachAsync(shared.Workload, 20, maxDegreeOfParallelism: -1);

        var stats = await shared.Server.GetStatsAsync();
        Assert.Equal(20, stats.Requests);
        Assert.InRange(stats.PeakInFlight, 1, Environment.ProcessorCount);
    }

    [Fact]
    public void Aggregate_Should_TakeTheMedian_OrTheMax_AsEachMetricDeclares()
    {
        IReadOnlyDictionary<string, double>[] lines =
        [
            new Dictionary<string, double> { [HttpMetricIds.Refused] = 3, [HttpMetricIds.PeakInFlight] = 4 },
            new Dictionary<string, double> { [HttpMetricIds.Refused] = 1, [HttpMetricIds.PeakInFlight] = 9 },
            new Dictionary<string, double> { [HttpMetricIds.Refused] = 2, [HttpMetricIds.PeakInFlight] = 5, ["Unknown"] = 7 },
        ];

        var values = AsyncBench.Benchmarks.Observing.ObservedMetricsDiagnoser.Aggregate(lines);

        Assert.Equal(2.0, values[HttpMetricIds.Refused]);
        Assert.Equal(9.0, values[HttpMetricIds.PeakInFlight]);
        Assert.False(values.ContainsKey("Unknown"));
    }

    [Fact]
    public void CheckServerStats_Should_Throw_WhenAnsweredRequestsAreNotCount()
    {
        PolitenessBenchmarks.CheckServerStats(new HttpServerStats(Requests: 15, PeakInFlight: 10, Refused: 5), expectedSuccesses: 10);

        Assert.Throws<WorkloadCheckException>(
            () => PolitenessBenchmarks.CheckServerStats(new HttpServerStats(Requests: 14, PeakInFlight: 10, Refused: 5), expectedSuccesses: 10));
    }

    private static async Task SleepThenDelayAsync()
    {
        Thread.Sleep(1);
        await Task.CompletedTask;
    }
}
