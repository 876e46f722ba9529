using AsyncBench.Publishing.Reading;
using Perfolizer.Mathematics.Distributions.ContinuousDistributions;
using Perfolizer.Mathematics.QuantileEstimators;
using Pragmastat;

namespace AsyncBench.Publishing.Statistics;

/// <summary>
/// A claim's time value at one setting as a run's launches show it, on the scale its interval is built on (the log ratio,
/// or ns per operation for a difference): <see cref="WithinVariance"/> is the variance of <see cref="Center"/> that the
/// launches show (NaN with too few), with <see cref="DegreesOfFreedom"/>; <see cref="Paired"/> when built from per-launch
/// differences; <see cref="Correlation"/> of the two sides' launches where at least three share numbers (NaN otherwise);
/// <see cref="Scale"/> for a difference the two sides' values as √(A² + B²) (1 for a ratio), which a between-run
/// component, learnt relative, is multiplied by.
/// </summary>
public sealed record TimeValue(double Center, double WithinVariance, double DegreesOfFreedom, int Launches, bool Paired, double Correlation, double Scale);

/// <summary>
/// Intervals of medians (the workload pages' cells) and of the claims' values (the rules page).
/// BenchmarkDotNet's own interval in the JSON is the mean's; a median needs its own, and a claim's value
/// needs one that includes the spread between processes.
/// </summary>
public static class Intervals
{
    /// <summary>The level of each median's interval on the workload pages.</summary>
    public const double Level = 0.95;

    /// <summary>
    /// How often a second run of the same commit on the same machine lands inside a claim's interval
    /// (see <see cref="LaunchRatio"/>).
    /// </summary>
    public const double ReplicationLevel = 0.95;

    /// <summary>
    /// The Harrell–Davis median and its Maritz–Jarrett confidence interval (Perfolizer, the library
    /// BenchmarkDotNet computes with), at <see cref="Level"/>. No interval from fewer than two measurements.
    /// It is built from the iterations, so with one launch it misses the spread between processes.
    /// </summary>
    public static Estimate Median(BenchmarkResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var median = result.Statistics?.Median ?? double.NaN;
        var values = result.MeasurementsNs;
        if (values.Count < 2)
        {
            return Estimate.Point(median);
        }

        var interval = HarrellDavisQuantileEstimator.Instance
            .QuantileConfidenceIntervalEstimator(new Sample([.. values]), 0.5)
            .ConfidenceInterval(Level);
        return new Estimate(median, interval.Lower, interval.Upper);
    }

    /// <summary>
    /// A claim's time value from launch-level values: the log ratio of <paramref name="side"/> to <paramref name="versus"/>
    /// (<paramref name="ratio"/>), or their difference in ns per operation, with what the run's launches show of its
    /// variance (<see cref="TimeValue"/>).
    /// <para>
    /// Why launch medians: the iterations of one process share its JIT state, pool and memory layout, so they are not
    /// independent draws of the run's value; the launches (processes) are. Pooling every iteration as if independent gave
    /// intervals that 3 of 7 ratios of a second 5-launch run fell outside of.
    /// </para>
    /// <para>
    /// Unpaired: the mean of one side's log launch medians − the other's, variance s²ₐ/nₐ + s²ᵦ/nᵦ (Welch–Satterthwaite
    /// degrees of freedom). Paired (<paramref name="paired"/>, launches of both sides numbered alike, as a night made of
    /// passes numbers them: launch k of each side ran in pass k, minutes apart on the same machine state): the mean of the
    /// per-launch log ratios, variance s²_d/n, n − 1 degrees of freedom, so what a pass did to both sides cancels. No
    /// within-run variance (NaN) with fewer than two launches on a side (two paired launches).
    /// </para>
    /// </summary>
    public static TimeValue? Time(BenchmarkResult side, BenchmarkResult versus, bool ratio, bool paired)
    {
        ArgumentNullException.ThrowIfNull(side);
        ArgumentNullException.ThrowIfNull(versus);
        var a = LaunchValues(side, ratio);
        var b = LaunchValues(versus, ratio);
        if (a.Count == 0 || b.Count == 0)
        {
            return null;
        }

        // A difference moves between runs as its two sides do, each by its own relative amount: its scale is √(A² + B²).
        // The versus side alone understated it where that side is the small one (an async method that suspends, 2–4 µs,
        // against one that does not, 30 ns): its run-to-run change read as 50–100 of its scale, and that component,
        // learnt for the class, widened a 20 ns difference of the same class to ±700 ns.
        var scale = ratio ? 1 : Math.Sqrt((a.Values.Average() * a.Values.Average()) + (b.Values.Average() * b.Values.Average()));
        var common = a.Keys.Intersect(b.Keys).Order().ToList();
        var correlation = common.Count >= 3 ? Correlation([.. common.Select(k => a[k])], [.. common.Select(k => b[k])]) : double.NaN;
        if (paired && common.Count >= 2)
        {
            var d = common.Select(k => a[k] - b[k]).ToList();
            return new TimeValue(d.Average(), Variance(d) / d.Count, d.Count - 1, d.Count, true, correlation, scale);
        }

        var (va, vb) = (a.Values.ToList(), b.Values.ToList());
        var center = va.Average() - vb.Average();
        if (va.Count < 2 || vb.Count < 2)
        {
            return new TimeValue(center, double.NaN, 0, Math.Min(va.Count, vb.Count), false, correlation, scale);
        }

        var (sa, sb) = (Variance(va) / va.Count, Variance(vb) / vb.Count);
        var df = (sa + sb) * (sa + sb) / ((sa * sa / (va.Count - 1)) + (sb * sb / (vb.Count - 1)));
        return new TimeValue(center, sa + sb, sa + sb == 0 ? 1 : df, Math.Min(va.Count, vb.Count), false, correlation, scale);
    }

    /// <summary>
    /// A side's time over its own floor (<c>ClaimMeasure.OverFloor</c>) as a time value on the log scale: per launch, the
    /// log of its median ÷ the floor that launch reported (<paramref name="floors"/> by launch number), the launches' mean,
    /// variance s²/n with n − 1 degrees of freedom. Paired by launch like a night's passes: a launch's floor was replayed on
    /// the delays of the same invocations its time was measured over, so a launch whose delays drew a longer tail raises
    /// both. Null where no launch has both a positive median and a floor.
    /// </summary>
    public static TimeValue? OverFloor(BenchmarkResult side, IReadOnlyDictionary<int, double> floors)
    {
        ArgumentNullException.ThrowIfNull(side);
        ArgumentNullException.ThrowIfNull(floors);
        var logs = LaunchValues(side, log: true);
        var d = logs.Where(l => floors.TryGetValue(l.Key, out var floor) && floor > 0).OrderBy(l => l.Key).Select(l => l.Value - Math.Log(floors[l.Key])).ToList();
        return d.Count == 0 ? null
            : d.Count < 2 ? new TimeValue(d[0], double.NaN, 0, 1, true, double.NaN, 1)
            : new TimeValue(d.Average(), Variance(d) / d.Count, d.Count - 1, d.Count, true, double.NaN, 1);
    }

    /// <summary>
    /// The interval a second run of the same commit on the same machine lands in at <see cref="ReplicationLevel"/>, around
    /// <paramref name="value"/>: t(1 − α/2, df) × √(2 (s² + τ² × scale²)), s² what the launches show, τ²
    /// (<paramref name="betweenVariance"/>, learnt with <paramref name="betweenDegreesOfFreedom"/> points) what they cannot
    /// show, df by Welch–Satterthwaite. Why √2: a 95 % confidence interval covers the true value 95 % of the time, but a
    /// second run's value carries its own error too, so run 2 − run 1 has twice one run's variance. Back on the ratio's
    /// scale for a ratio (e^x). No interval without a within-run variance.
    /// </summary>
    public static Estimate Replication(TimeValue value, double betweenVariance, int betweenDegreesOfFreedom, bool ratio)
    {
        ArgumentNullException.ThrowIfNull(value);
        Estimate Back(double center, double low, double high) => ratio ? new Estimate(Math.Exp(center), Math.Exp(low), Math.Exp(high)) : new Estimate(center, low, high);
        if (!double.IsFinite(value.WithinVariance))
        {
            return ratio ? Estimate.Point(Math.Exp(value.Center)) : Estimate.Point(value.Center);
        }

        var between = betweenVariance * value.Scale * value.Scale;
        var squared = value.WithinVariance + between;
        if (squared == 0)
        {
            return Back(value.Center, value.Center, value.Center);
        }

        var df = squared * squared / ((value.WithinVariance * value.WithinVariance / Math.Max(value.DegreesOfFreedom, 1))
            + (between * between / Math.Max(betweenDegreesOfFreedom, 1)));
        var half = new StudentDistribution(df).Quantile(1 - ((1 - ReplicationLevel) / 2)) * Math.Sqrt(2 * squared);
        return Back(value.Center, value.Center - half, value.Center + half);
    }

    /// <summary>Launches (processes) that measured the case: each contributes one value.</summary>
    public static int Launches(BenchmarkResult result) => NoiseModel.LaunchMedians(result).Count;

    /// <summary>Each launch's median by launch number: its log for a ratio; launches with a non-positive median leave a ratio out.</summary>
    private static Dictionary<int, double> LaunchValues(BenchmarkResult result, bool log)
    {
        var byLaunch = NoiseModel.LaunchMediansByNumber(result);
        return log
            ? byLaunch.Values.All(m => m > 0) ? byLaunch.ToDictionary(p => p.Key, p => Math.Log(p.Value)) : []
            : byLaunch.ToDictionary(p => p.Key, p => p.Value);
    }

    /// <summary>Pearson's correlation of two equally long samples; NaN where either does not vary.</summary>
    private static double Correlation(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var (ma, mb) = (a.Average(), b.Average());
        var cov = a.Zip(b, (x, y) => (x - ma) * (y - mb)).Sum();
        var (va, vb) = (a.Sum(x => (x - ma) * (x - ma)), b.Sum(y => (y - mb) * (y - mb)));
        return va > 0 && vb > 0 ? cov / Math.Sqrt(va * vb) : double.NaN;
    }

    private static double Variance(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
    }
}
