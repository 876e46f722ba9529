using System.Diagnostics;
using System.Globalization;
using AsyncBench.Benchmarks.Observing;
using AsyncBench.Protocol;

namespace AsyncBench.Benchmarks.Harness;

/// <summary>
/// What the client saw of its own units: each unit's latency (from its call to its checked result, queueing
/// included) in a <see cref="LatencyHistogram"/>, and the units in progress in a <see cref="PeakGauge"/>. Cheap and
/// allocation-free around each unit (two timestamps, three interlocked operations; under a budget one more, and two for a failed unit); read around each measured
/// iteration (untimed) as the Units.* metrics, so "ran N at once" and each unit's own latency are observed for every
/// target, mock or real, whether or not it counts anything itself.
/// <para>
/// It also times each invocation's batch, for the batch p99 across invocations (<see cref="MetricIds.BatchP99Ns"/>). Why
/// from the units rather than around each invocation, or from BenchmarkDotNet's measurements: BenchmarkDotNet times an
/// iteration, which holds several invocations of a short case, so its per-iteration values give a p99 of means, not of
/// batches; timing around each invocation would change every strategy's timed code (the async ones would need a state
/// machine of their own, which allocates). The units already take their timestamps, and invocations of a case run one
/// after another, so the <see cref="CaseObserver.UnitsPerInvocation"/>-th unit to end since the iteration began ends an
/// invocation's batch, which started at the earliest call among its units; what a strategy does before its first unit's
/// call or after its last unit's result is outside it.
/// </para>
/// <para>
/// With an error budget (<see cref="Budget"/>, the run's <c>--error-budget</c>) it also counts failed units: a unit that
/// failed is timed like any other (<see cref="Stop(long, Exception?)"/>), its iteration's failed share is the metric
/// <see cref="MetricIds.UnitsFailedShare"/>, and the measured iterations' shares add up to the case's verdict. That
/// verdict is taken over all of the case's measured units, not per iteration: a case of one unit per invocation fails
/// 100 % of an iteration's units at the first failure, though its rate over the run is what the budget is about. So
/// it falls after the last measured iteration, in the invocation BenchmarkDotNet runs after them for its memory and
/// threading diagnosers (the suite always has both): <see cref="Start"/> throws <see cref="ErrorBudgetException"/>
/// there, once the failed share passes the budget, and the case fails as a failed unit fails it without a budget.
/// </para>
/// </summary>
public sealed class UnitObservation : IObservedFixture
{
    private static readonly double NanosecondsPerTick = 1e9 / Stopwatch.Frequency;

    private readonly LatencyHistogram latencies = new();

    // Every measured unit of the case so far, added from each iteration's histogram after it (untimed): the unit
    // latency's median and p99 are the case's, not a median of per-iteration ones (a p99 of 100 units is their 99th
    // largest, which sits near the 98th percentile and reads a tail short).
    private readonly LatencyHistogram measuredLatencies = new();
    private readonly PeakGauge inFlight = new();
    private long units;
    private long failed;
    private long measuredUnits;
    private long measuredFailed;
    private Exception? firstFailure;
    private string? pastBudget;

    // Every measured invocation's batch, across the iterations: reported as the p99 so far.
    private readonly LatencyHistogram batches = new();
    private long ended;
    private long batchStart = long.MaxValue;
    private long batchEnd = long.MinValue;
    private bool batchesBroken;

    // Set between a measured iteration's Reset and its Take: units of the setup's warm-up, of warm-up and pilot iterations are no batch.
    private volatile bool measuring;

    /// <summary>
    /// The share of the measured units allowed to fail (0.02 = 2 %); null (no budget, the default) lets no failure
    /// through: a failed unit throws, as it always has. Set from the run's budget by <see cref="Workload{TResult}"/>.
    /// </summary>
    public double? Budget { get; set; }

    /// <summary>
    /// A unit starts: counts it in flight and returns its start timestamp for <see cref="Stop(long)"/>. Throws
    /// <see cref="ErrorBudgetException"/> when the measured iterations are over and their failed share passed the budget.
    /// </summary>
    public long Start()
    {
        if (Volatile.Read(ref pastBudget) is { } verdict)
        {
            throw new ErrorBudgetException(verdict);
        }

        inFlight.Enter();
        return Stopwatch.GetTimestamp();
    }

    /// <summary>
    /// A unit is called but not yet running (it will first wait for a pool thread): returns its start timestamp for
    /// <see cref="Stop"/>, and <see cref="Running"/> counts it in flight once it runs.
    /// </summary>
    public static long Called() => Stopwatch.GetTimestamp();

    /// <summary>A unit called with <see cref="Called"/> now runs (holds a thread or its wait): counts it in flight until <see cref="Stop"/>.</summary>
    public void Running() => inFlight.Enter();

    /// <summary>The unit started at <paramref name="started"/> has ended (checked or failed).</summary>
    public void Stop(long started) => Stop(started, null);

    /// <summary>The unit started at <paramref name="started"/> has ended: checked, or failed with <paramref name="failure"/> (counted, under a budget).</summary>
    public void Stop(long started, Exception? failure)
    {
        var now = Stopwatch.GetTimestamp();
        latencies.Record(now - started);
        if (Budget is not null) // counted only where a failure can get through: a run without a budget pays nothing more
        {
            Interlocked.Increment(ref units);
            if (failure is not null)
            {
                Interlocked.Increment(ref failed);
                Interlocked.CompareExchange(ref firstFailure, failure, null);
            }
        }

        inFlight.Exit();
        if (measuring && CaseObserver.UnitsPerInvocation is { } count)
        {
            EndOfBatch(started, now, count);
        }
    }

    /// <summary>Counts a unit's end into its invocation's batch; the <paramref name="count"/>-th ends it and records it.</summary>
    public void EndOfBatch(long started, long now, int count)
    {
        Extreme(ref batchStart, started, (value, current) => value < current);
        Extreme(ref batchEnd, now, (value, current) => value > current);
        if (Interlocked.Increment(ref ended) % count == 0)
        {
            // Every unit of this invocation has ended (the next one starts only after), so no other thread writes here now.
            batches.Record(Interlocked.Exchange(ref batchEnd, long.MinValue) - Interlocked.Exchange(ref batchStart, long.MaxValue));
        }
    }

    /// <summary>The first failure counted (under a budget), or null.</summary>
    public Exception? FirstFailure => Volatile.Read(ref firstFailure);

    /// <summary>Under a budget: whether every unit since the last measured iteration (or since the start) failed, and at least one ran.</summary>
    public bool EveryUnitFailed => Interlocked.Read(ref units) is > 0 and var ran && Interlocked.Read(ref failed) == ran;

    /// <summary>
    /// Whether the unit that threw <paramref name="failure"/> is counted and the batch goes on: only under a budget, and
    /// never for the batch's own cancellation (<paramref name="cancellationToken"/>), which is not the target failing.
    /// </summary>
    public bool Tolerates(Exception failure, CancellationToken cancellationToken) =>
        Budget is not null && !(failure is OperationCanceledException && cancellationToken.IsCancellationRequested);

    /// <summary>A measured iteration starts: its counts start over, and any verdict waits for its end.</summary>
    public void Reset()
    {
        latencies.Clear();
        inFlight.TakePeak();
        Interlocked.Exchange(ref ended, 0);
        Interlocked.Exchange(ref batchStart, long.MaxValue);
        Interlocked.Exchange(ref batchEnd, long.MinValue);
        measuring = true;
        Interlocked.Exchange(ref units, 0);
        Interlocked.Exchange(ref failed, 0);
        Volatile.Write(ref pastBudget, null);
    }

    /// <summary>
    /// The median and p99 unit latency (ns) of every measured unit so far, the iteration's peak in flight, and under a budget its failed share (%), then
    /// starts over; nothing when no unit ran. Under a budget, also the verdict so far over every measured iteration.
    /// </summary>
    public IReadOnlyDictionary<string, double> Take(long invocations)
    {
        measuring = false;
        var peak = inFlight.TakePeak();
        var anyUnit = latencies.Count > 0;
        measuredLatencies.Add(latencies);
        latencies.Clear();
        var median = anyUnit ? measuredLatencies.Quantile(0.5) : null;
        var p99 = anyUnit ? measuredLatencies.Quantile(0.99) : null;
        var ran = Interlocked.Exchange(ref units, 0);
        var failedNow = Interlocked.Exchange(ref failed, 0);
        if (median is null || p99 is null)
        {
            return new Dictionary<string, double>();
        }

        var values = new Dictionary<string, double>
        {
            [MetricIds.UnitsPeakInFlight] = peak,
            [MetricIds.UnitsLatencyMedianNs] = median.Value * NanosecondsPerTick,
            [MetricIds.UnitsLatencyP99Ns] = p99.Value * NanosecondsPerTick,
        };
        if (Budget is { } budget && ran > 0)
        {
            values[MetricIds.UnitsFailedShare] = 100.0 * failedNow / ran;
            measuredUnits += ran;
            measuredFailed += failedNow;
            Volatile.Write(ref pastBudget, (double)measuredFailed / measuredUnits > budget ? Verdict(budget) : null);
        }

        if (CaseObserver.UnitsPerInvocation is { } count && BatchP99Ns(count, invocations) is { } batchP99)
        {
            values[MetricIds.BatchP99Ns] = batchP99;
        }

        return values;
    }

    /// <summary>
    /// The p99 of every batch recorded so far, in ns; -1 once an iteration's units did not come to
    /// <paramref name="count"/> × its invocations (a batch could then span two invocations), for good.
    /// </summary>
    public double? BatchP99Ns(int count, long invocations)
    {
        batchesBroken |= Interlocked.Read(ref ended) != count * invocations;
        return batchesBroken ? -1 : batches.Quantile(0.99) * NanosecondsPerTick;
    }

    private static void Extreme(ref long target, long value, Func<long, long, bool> beats)
    {
        for (var current = Interlocked.Read(ref target); beats(value, current); current = Interlocked.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, current) == current)
            {
                return;
            }
        }
    }

    /// <summary>Why the case fails: how many of its measured units failed, against the budget, and the first failure's own message.</summary>
    private string Verdict(double budget) => string.Create(CultureInfo.InvariantCulture,
        $"{measuredFailed} of {measuredUnits} measured units failed ({RunErrorBudget.Describe((double)measuredFailed / measuredUnits)}), past the error budget of {RunErrorBudget.Describe(budget)}; the first: {FirstFailure?.Message.ReplaceLineEndings(" ")}");
}
