using System.Collections.Concurrent;
using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Http;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace AsyncBench.Tests.Harness;

/// <summary>DedicatedThreads: threads started once, each running exactly its own unit per batch; failures surface; only its benchmark pays the setup.</summary>
public sealed class DedicatedThreadsTests
{
    [Fact]
    public void EveryBatch_Should_RunEachUnitOnce_OnThreadsStartedBeforehand()
    {
        var workload = new RecordingWorkload();
        using var threads = new DedicatedThreadSet(workload, 8);

        threads.RunBatch();
        var first = workload.TakeRuns();
        threads.RunBatch();
        var second = workload.TakeRuns();

        Assert.Equal(Enumerable.Range(0, 8), first.Keys.Order());
        Assert.All(first.Values, count => Assert.Equal(1, count.Runs));
        Assert.Equal(8, first.Values.Select(r => r.ThreadId).Distinct().Count()); // one thread per unit
        Assert.Equal(first.ToDictionary(r => r.Key, r => r.Value.ThreadId), second.ToDictionary(r => r.Key, r => r.Value.ThreadId)); // the same threads again
        Assert.DoesNotContain(Environment.CurrentManagedThreadId, first.Values.Select(r => r.ThreadId));
    }

    [Fact]
    public void AFailedUnit_Should_FailTheBatch_NamingHowMany_AndTheNextBatchShouldRunAgain()
    {
        var workload = new RecordingWorkload { FailingUnit = 3 };
        using var threads = new DedicatedThreadSet(workload, 5);

        var error = Assert.Throws<AggregateException>(threads.RunBatch);
        Assert.StartsWith("1 of 5 units failed", error.Message, StringComparison.Ordinal);

        workload.FailingUnit = -1;
        workload.TakeRuns();
        threads.RunBatch();
        Assert.Equal(5, workload.TakeRuns().Count);
    }

    [Fact]
    public void Dispose_Should_StopEveryThread_AndRefuseMoreBatches()
    {
        var threads = new DedicatedThreadSet(new RecordingWorkload(), 4);
        threads.RunBatch();

        threads.Dispose();

        Assert.Throws<ObjectDisposedException>(threads.RunBatch);
    }

    [Fact]
    public void OnlyDedicatedThreads_Should_GetTheSetupThatStartsThreads()
    {
        var cases = BenchmarkConverter.TypeToBenchmarks(typeof(HttpBenchmarks), ManualConfig.CreateEmpty()).BenchmarksCases;

        Assert.All(cases, c => Assert.Equal(
            c.Descriptor.WorkloadMethod.Name == nameof(StrategyBenchmarks.DedicatedThreads) ? nameof(StrategyBenchmarks.DedicatedThreadsSetupAsync) : nameof(StrategyBenchmarks.GlobalSetupAsync),
            c.Descriptor.GlobalSetupMethod?.Name));
        Assert.All(cases, c => Assert.Equal(nameof(StrategyBenchmarks.GlobalCleanupAsync), c.Descriptor.GlobalCleanupMethod?.Name));
    }

    [Fact]
    public async Task DedicatedThreadsBenchmark_Should_RunCountUnitsAgainstTheServer()
    {
        var benchmarks = new HttpBenchmarks { Count = 12, LatencyMs = 20 };
        await benchmarks.DedicatedThreadsSetupAsync();
        try
        {
            var server = ((HttpWorkload)typeof(StrategyBenchmarks).GetProperty("Workload", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(benchmarks)!).Server!;
            await server.ResetStatsAsync();

            benchmarks.DedicatedThreads();

            var stats = await server.GetStatsAsync();
            Assert.Equal(12, stats.Requests);
            Assert.InRange(stats.PeakInFlight, 1, 12); // how many overlapped is the schedule's; the next test shows they can all
        }
        finally
        {
            await benchmarks.GlobalCleanupAsync();
        }
    }

    [Fact]
    public async Task DedicatedThreads_Should_HaveEveryUnitAtTheServerAtOnce_WhenRepliesAreHeld()
    {
        // Every thread is started and waiting before the batch; against a server that holds its replies, all 12
        // blocking calls must be at the server together, on any schedule.
        await using var workload = await HttpWorkload.StartAsync(Http.HeldReplies.Options());
        using var threads = new DedicatedThreadSet(workload, 12);
        await workload.Server!.ResetStatsAsync();
        var since = System.Diagnostics.Stopwatch.StartNew();

        var batch = Task.Run(() => Strategies.DedicatedThreads(threads));
        var stats = await Http.HeldReplies.WaitUntilAsync(workload.Server, since, s => s.Requests >= 12, "all 12 requests at the server");
        Http.HeldReplies.EndServer(workload.Server);
        await Assert.ThrowsAnyAsync<Exception>(() => batch);

        Assert.Equal(12, stats.PeakInFlight);
    }

    private sealed class RecordingWorkload : IWorkload
    {
        private ConcurrentDictionary<int, (int Runs, int ThreadId)> runs = new();

        public int FailingUnit { get; set; } = -1;

        public Dictionary<int, (int Runs, int ThreadId)> TakeRuns() => new(Interlocked.Exchange(ref runs, new()));

        public void Run(int unit)
        {
            runs.AddOrUpdate(unit, _ => (1, Environment.CurrentManagedThreadId), (_, r) => (r.Runs + 1, Environment.CurrentManagedThreadId));
            if (unit == FailingUnit)
            {
                throw new WorkloadCheckException($"unit {unit} failed on purpose");
            }
        }

        public ValueTask RunAsync(int unit, CancellationToken cancellationToken) => throw new NotSupportedException("DedicatedThreads makes blocking calls only.");

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
