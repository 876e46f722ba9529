using System.Diagnostics;
using AsyncBench.Benchmarks.Observing;
using AsyncBench.Protocol;

namespace AsyncBench.Benchmarks.Harness;

/// <summary>
/// What the client saw of its own units: each unit's latency (from its call to its checked result, queueing
/// included) in a <see cref="LatencyHistogram"/>, and the units in progress in a <see cref="PeakGauge"/>. Cheap and
/// allocation-free around each unit (two timestamps, three interlocked operations); read around each measured
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
/// </summary>
public sealed class UnitObservation : IObservedFixture
{
    private static readonly double NanosecondsPerTick = 1e9 / Stopwatch.Frequency;

    private readonly LatencyHistogram latencies = new();
    private readonly PeakGauge inFlight = new();

    // Every measured invocation's batch, across the iterations: reported as the p99 so far.
    private readonly LatencyHistogram batches = new();
    private long ended;
    private long batchStart = long.MaxValue;
    private long batchEnd = long.MinValue;
    private bool batchesBroken;

    // Set between a measured iteration's Reset and its Take: units of the setup's warm-up, of warm-up and pilot iterations are no batch.
    private volatile bool measuring;

    /// <summary>A unit starts: counts it in flight and returns its start timestamp for <see cref="Stop"/>.</summary>
    public long Start()
    {
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
    public void Stop(long started)
    {
        var now = Stopwatch.GetTimestamp();
        latencies.Record(now - started);
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

    public void Reset()
    {
        latencies.Clear();
        inFlight.TakePeak();
        Interlocked.Exchange(ref ended, 0);
        Interlocked.Exchange(ref batchStart, long.MaxValue);
        Interlocked.Exchange(ref batchEnd, long.MinValue);
        measuring = true;
    }

    /// <summary>The iteration's median and p99 unit latency (ns) and peak in flight, then starts over; nothing when no unit ran.</summary>
    public IReadOnlyDictionary<string, double> Take(long invocations)
    {
        measuring = false;
        var peak = inFlight.TakePeak();
        var median = latencies.Quantile(0.5);
        var p99 = latencies.Quantile(0.99);
        latencies.Clear();
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
}
