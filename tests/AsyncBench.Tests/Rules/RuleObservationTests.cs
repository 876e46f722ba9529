using AsyncBench.Benchmarks.Observing;
using AsyncBench.Benchmarks.Rules;

namespace AsyncBench.Tests.Rules;

/// <summary>
/// What the rules' own observations count (rule 4: errors of blocking on a task; rule 10: lazy readers that failed),
/// driven through the benchmarks' own methods. Counts only; no timing. Rule 3's are in <see cref="HotTaskObservationTests"/>.
/// </summary>
public sealed class RuleObservationTests
{
    [Fact]
    public void BlockOn_Should_CountAnErrorOfTheBlockingCallItself_AndReturnTheUnit()
    {
        var errors = new CountedEvents(RuleMetricIds.SyncOverAsyncBlockingErrors);
        var pending = new TaskCompletionSource<int>();

        var result = SyncOverAsyncBenchmarks.BlockOn(pending.Task, _ => throw new InvalidOperationException("blocking refused, as asyncio refuses a nested loop"), 7, errors);

        Assert.Equal(7, result);
        Assert.Equal(1, errors.Count);
        Assert.Equal(0.5, errors.Take(invocations: 2)[RuleMetricIds.SyncOverAsyncBlockingErrors]);
        Assert.Equal(0, errors.Count);
    }

    [Fact]
    public void BlockOn_Should_RethrowTheTasksOwnFailure_WithoutCountingIt()
    {
        var errors = new CountedEvents(RuleMetricIds.SyncOverAsyncBlockingErrors);
        var failed = Task.FromException<int>(new HttpRequestException("the request failed"));

        Assert.Throws<HttpRequestException>(() => SyncOverAsyncBenchmarks.BlockOn(failed, static t => t.GetAwaiter().GetResult(), 3, errors));
        Assert.Equal(0, errors.Count);
    }

    [Fact]
    public async Task BlockingOnATask_Should_RaiseNoError_InDotNet()
    {
        var benchmarks = new SyncOverAsyncBenchmarks { Count = 8, LatencyMs = 5 };
        await benchmarks.GlobalSetupAsync();
        try
        {
            benchmarks.BlockingErrors.Reset();
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
    public async Task LazyReader_Should_FailEveryRead_AndTheMaterializedList_None()
    {
        var benchmarks = new LazyReaderBenchmarks { Count = 10 };
        await benchmarks.GlobalSetupAsync();
        try
        {
            benchmarks.Failures.Reset();
            await benchmarks.MaterializedList();
            var materialized = benchmarks.Failures.Take(invocations: 1)[RuleMetricIds.LazyReaderFailures];

            await benchmarks.LazyReader();
            var lazy = benchmarks.Failures.Take(invocations: 1)[RuleMetricIds.LazyReaderFailures];

            Assert.Equal(0, materialized);
            Assert.Equal(10, lazy);
        }
        finally
        {
            await benchmarks.GlobalCleanupAsync();
        }
    }
}

/// <summary>
/// What rule 3's observation counts: what an unawaited call did and lost, driven through the benchmark's own methods.
/// It reads process-wide state: exceptions nobody observed arrive through TaskScheduler.UnobservedTaskException after
/// a forced GC, and the calls need pool threads to finish (the observation waits for them). So these run alone: no
/// other test's faulted task, GC or blocked pool threads can change the counts.
/// </summary>
[Collection(ProcessWideStateCollection.Name)]
public sealed class HotTaskObservationTests
{
    [Fact]
    public async Task HotTask_Should_CountWhatEachWayOfCallingDid_AndWhatWasLost()
    {
        var benchmarks = new HotTaskBenchmarks { Count = 20 };
        var calls = benchmarks.Calls;
        try
        {
            calls.Reset();
            await benchmarks.Awaited();
            var awaited = calls.Take(invocations: 1);

            await benchmarks.AwaitedFailing();
            var awaitedFailing = calls.Take(invocations: 1);

            benchmarks.NotAwaited();
            var notAwaited = calls.Take(invocations: 1);

            benchmarks.NotAwaitedFailing();
            var notAwaitedFailing = calls.Take(invocations: 1);

            // Awaited: every call ran, every result and every exception reached the caller, nothing unobserved.
            Assert.Equal(20, awaited[RuleMetricIds.HotTaskRan]);
            Assert.Equal(20, awaited[RuleMetricIds.HotTaskResultsReceived]);
            Assert.Equal(20, awaitedFailing[RuleMetricIds.HotTaskCallerSawExceptions]);
            Assert.Equal(0, awaitedFailing[RuleMetricIds.HotTaskUnobservedExceptions]);

            // Not awaited: every call still ran (tasks are hot); no exception reached the caller; each failure was
            // reported only as unobserved, after the GC the observation forces outside the timed code.
            Assert.Equal(20, notAwaited[RuleMetricIds.HotTaskRan]);
            Assert.InRange(notAwaited[RuleMetricIds.HotTaskResultsReceived], 0, 20); // only calls already finished when they returned
            Assert.Equal(20, notAwaitedFailing[RuleMetricIds.HotTaskRan]);
            Assert.Equal(0, notAwaitedFailing[RuleMetricIds.HotTaskCallerSawExceptions]);
            Assert.Equal(20, notAwaitedFailing[RuleMetricIds.HotTaskUnobservedExceptions]);
        }
        finally
        {
            benchmarks.UnwatchCalls();
        }
    }

    [Fact]
    public void HotTask_Should_ReportPerInvocation()
    {
        var benchmarks = new HotTaskBenchmarks { Count = 10 };
        try
        {
            benchmarks.Calls.Reset();
            benchmarks.NotAwaited();
            benchmarks.NotAwaited();
            benchmarks.NotAwaited();

            Assert.Equal(10, benchmarks.Calls.Take(invocations: 3)[RuleMetricIds.HotTaskRan]);
        }
        finally
        {
            benchmarks.UnwatchCalls();
        }
    }
}
