using System.Diagnostics;
using AsyncBench.Benchmarks.Observing;

namespace AsyncBench.Benchmarks.Rules;

/// <summary>
/// Rule 3, observed in-process: the calls <see cref="HotTaskBenchmarks"/> makes count themselves (started, ran to
/// their end), the benchmark counts what reached the caller (results, exceptions), and the exceptions nobody
/// observed are counted from <see cref="TaskScheduler.UnobservedTaskException"/>. Around each measured iteration
/// (untimed) it first lets every call started so far finish and forces a GC with its finalizers, which is when the
/// runtime reports an unobserved exception, so each iteration's counts are its own calls'.
/// </summary>
public sealed class HotTaskObservation : IObservedFixture, IDeclaresMetrics, IDisposable
{
    private const string Calls = "calls";

    /// <summary>A call that has not finished after this long is counted as not run.</summary>
    private static readonly TimeSpan MaxSettle = TimeSpan.FromSeconds(10);

    private long started;
    private long ran;
    private long failed;
    private long resultsReceived;
    private long callerSawExceptions;
    private long unobservedExceptions;

    public static IReadOnlyList<ObservedMetric> Metrics { get; } =
    [
        new(RuleMetricIds.HotTaskRan, "Ran", $"Calls that ran to their end (past their first suspension), awaited or not, {ObservedMetric.PerIteration} (median over iterations)", Aggregation.Median,
            "{value} of {count} {side} ran to their end")
        { Source = Calls, Cell = "{value} ran" },
        new(RuleMetricIds.HotTaskResultsReceived, "ResultsReceived", $"Calls whose result reached the caller, {ObservedMetric.PerIteration} (median over iterations)", Aggregation.Median,
            "the caller received {value} {result|results} of {count} {side}")
        { Source = Calls, Cell = "{value} results received" },
        new(RuleMetricIds.HotTaskCallerSawExceptions, "CallerSawExceptions", $"Exceptions of the calls that reached the caller, {ObservedMetric.PerIteration} (median over iterations)", Aggregation.Median,
            "the caller saw {value} {exception|exceptions} of {count} {side}")
        { Source = Calls, Cell = "{value} exceptions seen" },
        new(RuleMetricIds.HotTaskUnobservedExceptions, "UnobservedExceptions", $"Exceptions of the calls reported only as unobserved (TaskScheduler.UnobservedTaskException, after a GC outside the timed code), {ObservedMetric.PerIteration} (median over iterations)", Aggregation.Median,
            "{value} {exception|exceptions} of {count} {side} {was|were} reported only as unobserved")
        { Source = Calls, Cell = "{value} unobserved exceptions" },
    ];

    public HotTaskObservation() => TaskScheduler.UnobservedTaskException += CountUnobserved;

    /// <summary>A call: counts itself started, yields to the pool (so it cannot finish before returning), counts itself ran, returns its unit.</summary>
    public async Task<int> CallAsync(int unit)
    {
        Interlocked.Increment(ref started);
        await Task.Yield();
        Interlocked.Increment(ref ran);
        return unit;
    }

    /// <summary>As <see cref="CallAsync"/>, then throws <see cref="HotTaskFailure"/>.</summary>
    public async Task<int> CallFailingAsync(int unit)
    {
        Interlocked.Increment(ref started);
        await Task.Yield();
        Interlocked.Increment(ref ran);
        Interlocked.Increment(ref failed);
        throw new HotTaskFailure(unit);
    }

    /// <summary>The caller got <paramref name="result"/> from the call for <paramref name="unit"/>; throws if it is another unit's.</summary>
    public void Received(int result, int unit)
    {
        if (result != unit)
        {
            throw new Harness.WorkloadCheckException($"The call for unit {unit} returned {result}.");
        }

        Interlocked.Increment(ref resultsReceived);
    }

    /// <summary>The caller caught a call's <see cref="HotTaskFailure"/>.</summary>
    public void CallerSaw() => Interlocked.Increment(ref callerSawExceptions);

    public void Reset()
    {
        Settle();
        Interlocked.Exchange(ref started, 0);
        Interlocked.Exchange(ref ran, 0);
        Interlocked.Exchange(ref failed, 0);
        Interlocked.Exchange(ref resultsReceived, 0);
        Interlocked.Exchange(ref callerSawExceptions, 0);
        Interlocked.Exchange(ref unobservedExceptions, 0);
    }

    public IReadOnlyDictionary<string, double> Take(long invocations)
    {
        Settle();
        double PerInvocation(ref long counter) => (double)Interlocked.Exchange(ref counter, 0) / Math.Max(1, invocations);
        var values = new Dictionary<string, double>
        {
            [RuleMetricIds.HotTaskRan] = PerInvocation(ref ran),
            [RuleMetricIds.HotTaskResultsReceived] = PerInvocation(ref resultsReceived),
            [RuleMetricIds.HotTaskCallerSawExceptions] = PerInvocation(ref callerSawExceptions),
            [RuleMetricIds.HotTaskUnobservedExceptions] = PerInvocation(ref unobservedExceptions),
        };
        Interlocked.Exchange(ref started, 0);
        Interlocked.Exchange(ref failed, 0);
        return values;
    }

    /// <summary>Waits until every started call has run, then collects garbage and runs finalizers until every failed call's exception is counted (or <see cref="MaxSettle"/>).</summary>
    public void Settle()
    {
        var waited = Stopwatch.StartNew();
        while (Interlocked.Read(ref ran) < Interlocked.Read(ref started) && waited.Elapsed < MaxSettle)
        {
            Thread.Sleep(1);
        }

        // A faulted task nobody observed reports its exception from its finalizer. A call counts itself as run just before
        // it throws, and its task is faulted and unreachable only a moment later: a collection in that moment misses it
        // and the next iteration's would count it there. So collect until every failed call's exception was either seen
        // by its caller or reported as unobserved (each is one or the other), or MaxSettle passes.
        while (true)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var accounted = Interlocked.Read(ref callerSawExceptions) + Interlocked.Read(ref unobservedExceptions);
            if (accounted >= Interlocked.Read(ref failed) || waited.Elapsed >= MaxSettle)
            {
                return;
            }

            Thread.Sleep(1);
        }
    }

    public void Dispose() => TaskScheduler.UnobservedTaskException -= CountUnobserved;

    private void CountUnobserved(object? sender, UnobservedTaskExceptionEventArgs e)
    {
        var ours = e.Exception.InnerExceptions.Count(x => x is HotTaskFailure);
        if (ours > 0)
        {
            Interlocked.Add(ref unobservedExceptions, ours);
            e.SetObserved();
        }
    }
}

/// <summary>The failure a <see cref="HotTaskObservation.CallFailingAsync"/> call ends with.</summary>
public sealed class HotTaskFailure : Exception
{
    public HotTaskFailure(int unit)
        : base($"Call {unit} failed after it ran.")
    {
    }

    public HotTaskFailure()
    {
    }

    public HotTaskFailure(string message)
        : base(message)
    {
    }

    public HotTaskFailure(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
