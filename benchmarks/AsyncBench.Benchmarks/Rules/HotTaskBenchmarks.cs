using AsyncBench.Benchmarks.Declarations;
using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Observing;
using AsyncBench.Protocol;
using BenchmarkDotNet.Attributes;

namespace AsyncBench.Benchmarks.Rules;

/// <summary>
/// Rule 3: in Python a coroutine called without <c>await</c> never runs. Count calls of an async method that
/// yields to the pool once and returns its unit number (or, failing, throws), awaited one at a time (the baseline)
/// or never awaited (fire and forget: the caller takes a result only if the call has already finished when it
/// returns, and catches whatever the call throws at it). What each call did and what was lost are counted
/// in-process (<see cref="HotTaskObservation"/>): calls that ran to their end, results and exceptions that reached
/// the caller, exceptions reported only as unobserved after a GC outside the timed code. The times say little here
/// (an unawaited batch returns before its calls finish); the metrics are the result.
/// </summary>
[BenchmarkCategory(RuleCategories.Rules, RuleCategories.HotTask)]
// 64 invocations per iteration: an iteration leaves at most 6,400 unawaited calls for the observation to settle,
// not the hundreds of thousands a 25 ms iteration of a microsecond batch would queue to the pool.
[InvocationCount(64)]
[ClaimTarget("an async method that yields once", Name = "unawaited calls")]
// At least every other call running to its end is not "never runs"; nothing in between is plausible for a hot task.
[Claim(3, "unawaited-call-never-runs", nameof(NotAwaited), RuleMetricIds.HotTaskRan, Setting = "Count=100", PerUnit = true, Deciding = true,
    Question = "Does an async method called without await never run?",
    Thresholds = [0.5], Answers = [Answer.Yes, Answer.No],
    Mechanism = [RuleMetricIds.HotTaskResultsReceived, MetricIds.CompletedWorkItems])]
// The control: awaited, the call runs (as in Python).
[Claim(3, "awaited-call-runs", nameof(Awaited), RuleMetricIds.HotTaskRan, Setting = "Count=100", PerUnit = true,
    Question = "Does an awaited async method run?",
    Thresholds = [0.5], Answers = [Answer.No, Answer.Yes],
    Mechanism = [RuleMetricIds.HotTaskResultsReceived])]
// What is lost without await. In Python nothing ran, so nothing is received and nothing fails: Holds below half a call.
[Claim(3, "unawaited-result-is-lost", nameof(NotAwaited), RuleMetricIds.HotTaskResultsReceived, Setting = "Count=100", PerUnit = true, Quoted = true,
    Question = "Is the result of an unawaited call lost to its caller?",
    Thresholds = [0.5], Answers = [Answer.Yes, Answer.No],
    Mechanism = [RuleMetricIds.HotTaskRan])]
[Claim(3, "unawaited-exception-never-reaches-the-caller", nameof(NotAwaitedFailing), RuleMetricIds.HotTaskCallerSawExceptions, Setting = "Count=100", PerUnit = true, Quoted = true,
    Question = "Does the exception of an unawaited call never reach its caller?",
    Thresholds = [0.5], Answers = [Answer.Yes, Answer.No],
    Mechanism = [RuleMetricIds.HotTaskRan, RuleMetricIds.HotTaskUnobservedExceptions])]
// Python: the call never ran, so it cannot have failed. .NET: it ran, failed, and the runtime reports it only as unobserved.
[Claim(3, "unawaited-call-fails-unseen", nameof(NotAwaitedFailing), RuleMetricIds.HotTaskUnobservedExceptions, Setting = "Count=100", PerUnit = true,
    Question = "Does an unawaited call that fails stay silent (no exception reported at all)?",
    Thresholds = [0.5], Answers = [Answer.Yes, Answer.No],
    Mechanism = [RuleMetricIds.HotTaskRan, RuleMetricIds.HotTaskCallerSawExceptions])]
public class HotTaskBenchmarks
{
    private readonly HotTaskObservation calls = new();

    [Params(
        100)] // Calls per batch: a per-call share exact to 1 %, and a batch far below a millisecond.
    public int Count { get; set; }

    /// <summary>The counts of what the calls did, for tests.</summary>
    public HotTaskObservation Calls => calls;

    [GlobalSetup]
    public void WatchCalls() => CaseObserver.Watch(calls);

    [GlobalCleanup]
    public void UnwatchCalls()
    {
        CaseObserver.Unwatch(calls);
        calls.Dispose();
    }

    [Benchmark(Baseline = true)]
    [Concurrency(1)]
    [InWords("awaited calls")]
    public async Task Awaited()
    {
        for (var unit = 0; unit < Count; unit++)
        {
            calls.Received(await calls.CallAsync(unit).ConfigureAwait(false), unit);
        }
    }

    [Benchmark]
    [Concurrency(1)]
    [InWords("awaited calls that fail")]
    public async Task AwaitedFailing()
    {
        for (var unit = 0; unit < Count; unit++)
        {
            try
            {
                await calls.CallFailingAsync(unit).ConfigureAwait(false);
                throw new WorkloadCheckException($"Call {unit} was to fail and did not.");
            }
            catch (HotTaskFailure)
            {
                calls.CallerSaw();
            }
        }
    }

    [Benchmark]
    [Concurrency(nameof(Count))]
    [InWords("unawaited calls")]
    public void NotAwaited()
    {
        for (var unit = 0; unit < Count; unit++)
        {
            var call = calls.CallAsync(unit); // not awaited
            if (call.IsCompletedSuccessfully)
            {
                calls.Received(call.Result, unit);
            }
        }
    }

    [Benchmark]
    [Concurrency(nameof(Count))]
    [InWords("unawaited calls that fail")]
    public void NotAwaitedFailing()
    {
        for (var unit = 0; unit < Count; unit++)
        {
            try
            {
                _ = calls.CallFailingAsync(unit); // not awaited
            }
            catch (HotTaskFailure)
            {
                calls.CallerSaw();
            }
        }
    }
}
