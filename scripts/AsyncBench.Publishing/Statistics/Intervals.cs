using AsyncBench.Publishing.Reading;
using Perfolizer.Mathematics.Distributions.ContinuousDistributions;
using Perfolizer.Mathematics.QuantileEstimators;
using Pragmastat;

namespace AsyncBench.Publishing.Statistics;

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
    /// A time ratio from launch-level values: the geometric mean of <paramref name="side"/>'s launch medians ÷
    /// <paramref name="versus"/>'s, with the interval a second run's ratio lands in at <see cref="ReplicationLevel"/>.
    /// <para>
    /// Why launch medians: the iterations of one process share its JIT state, pool and memory layout, so they
    /// are not independent draws of the run's value; the launches (processes) are. Pooling every iteration as
    /// if independent gave intervals that 3 of 7 ratios of a second 5-launch run fell outside of.
    /// </para>
    /// <para>
    /// Why wider than a confidence interval: a 95 % confidence interval covers the true ratio 95 % of the
    /// time, but a second run's ratio carries its own error too: run 2 − run 1 has twice the variance of one
    /// run's estimate. So the half-width is Student's t (1 − α/2, Welch–Satterthwaite degrees of freedom of
    /// the two sides' launches) × √2 × the standard error of the log ratio (√(s²ₐ/nₐ + s²ᵦ/nᵦ) of the log
    /// launch medians): a prediction interval for the next run's value, on the same machine, with the same
    /// launches per case.
    /// </para>
    /// <para>
    /// Why a between-run component: launches of one case run back to back, so the machine's state that night
    /// moves them together, and whole runs differed by about twice what their launches showed (replication of two
    /// whole-suite nights: 30 of 40 values inside intervals stated at 95 %). With <paramref name="between"/>
    /// learnt from the machine's earlier runs, each side's run value also carries its group's τ², and the
    /// variance of run 2 − run 1 is 2 (s²ₐ/nₐ + s²ᵦ/nᵦ + τ²ₐ + τ²ᵦ), with Welch–Satterthwaite degrees of freedom.
    /// The replicate verb measures whether the stated coverage holds.
    /// </para>
    /// No interval with fewer than two launches on a side or a non-positive launch median.
    /// </summary>
    public static Estimate LaunchRatio(BenchmarkResult side, BenchmarkResult versus, BetweenRuns? between = null)
    {
        ArgumentNullException.ThrowIfNull(side);
        ArgumentNullException.ThrowIfNull(versus);
        var a = LaunchLogs(side);
        var b = LaunchLogs(versus);
        if (a is null || b is null)
        {
            return Estimate.Point(Ratio(side, versus));
        }

        var center = a.Average() - b.Average();
        var half = HalfWidth(a, b, Between(between, side.Id, 1), Between(between, versus.Id, 1));
        return double.IsFinite(half)
            ? new Estimate(Math.Exp(center), Math.Exp(center - half), Math.Exp(center + half))
            : Estimate.Point(Math.Exp(center));
    }

    /// <summary>
    /// A difference in ns per operation from launch-level values: the mean of <paramref name="side"/>'s launch
    /// medians − <paramref name="versus"/>'s, with the interval a second run's difference lands in (as
    /// <see cref="LaunchRatio"/>, on the linear scale). For costs near a nanosecond, where a ratio of two small
    /// numbers says little.
    /// </summary>
    public static Estimate LaunchDifference(BenchmarkResult side, BenchmarkResult versus, BetweenRuns? between = null)
    {
        ArgumentNullException.ThrowIfNull(side);
        ArgumentNullException.ThrowIfNull(versus);
        var a = NoiseModel.LaunchMedians(side);
        var b = NoiseModel.LaunchMedians(versus);
        if (a.Count == 0 || b.Count == 0)
        {
            return Estimate.Point((side.Statistics?.Median ?? double.NaN) - (versus.Statistics?.Median ?? double.NaN));
        }

        var center = a.Average() - b.Average();
        // On the linear scale a side's between-run component is its value × τ (the log scale's σ, small).
        var half = a.Count >= 2 && b.Count >= 2 ? HalfWidth(a, b, Between(between, side.Id, a.Average()), Between(between, versus.Id, b.Average())) : double.NaN;
        return double.IsFinite(half) ? new Estimate(center, center - half, center + half) : Estimate.Point(center);
    }

    /// <summary>Launches (processes) that measured the case: each contributes one value.</summary>
    public static int Launches(BenchmarkResult result) => NoiseModel.LaunchMedians(result).Count;

    /// <summary>
    /// t(1 − α/2, df) × √2 × √(s²ₐ/nₐ + s²ᵦ/nᵦ + τ²ₐ + τ²ᵦ), df by Welch–Satterthwaite (each τ² with its group's points
    /// as degrees of freedom); zero when nothing varies.
    /// </summary>
    private static double HalfWidth(IReadOnlyList<double> a, IReadOnlyList<double> b, (double Variance, int DegreesOfFreedom) betweenA, (double Variance, int DegreesOfFreedom) betweenB)
    {
        var va = Variance(a) / a.Count;
        var vb = Variance(b) / b.Count;
        var squared = va + vb + betweenA.Variance + betweenB.Variance;
        if (squared == 0)
        {
            return 0;
        }

        var df = squared * squared / ((va * va / (a.Count - 1)) + (vb * vb / (b.Count - 1))
            + (betweenA.Variance * betweenA.Variance / betweenA.DegreesOfFreedom)
            + (betweenB.Variance * betweenB.Variance / betweenB.DegreesOfFreedom));
        var t = new StudentDistribution(df).Quantile(1 - ((1 - ReplicationLevel) / 2));
        return t * Math.Sqrt(2 * squared);
    }

    /// <summary>The between-run variance of a case's value (× <paramref name="scale"/>², for the linear scale) and its degrees of freedom; none when unknown.</summary>
    private static (double Variance, int DegreesOfFreedom) Between(BetweenRuns? between, BenchmarkId id, double scale) =>
        between?.For(id) is { Variance: > 0 } group ? (group.Variance * scale * scale, group.Points) : (0, 1);

    private static List<double>? LaunchLogs(BenchmarkResult result)
    {
        var medians = NoiseModel.LaunchMedians(result);
        return medians.Count >= 2 && medians.All(m => m > 0) ? [.. medians.Select(m => Math.Log(m))] : null;
    }

    private static double Ratio(BenchmarkResult side, BenchmarkResult versus)
    {
        var a = NoiseModel.LaunchMedians(side);
        var b = NoiseModel.LaunchMedians(versus);
        return a.Count == 0 || b.Count == 0 ? double.NaN : NoiseModel.Median(a) / NoiseModel.Median(b);
    }

    private static double Variance(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
    }
}
