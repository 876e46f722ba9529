using Perfolizer.Mathematics.QuantileEstimators;
using Pragmastat;

namespace AsyncBench.Publishing;

/// <summary>An estimate with its confidence interval; the bounds are NaN when there is none.</summary>
public sealed record Estimate(double Value, double Lower, double Upper)
{
    public bool HasInterval => double.IsFinite(Lower) && !double.IsNaN(Upper);
}

/// <summary>
/// Confidence intervals of medians and of ratios of medians, from the raw measurements.
/// BenchmarkDotNet's own interval in the JSON is the mean's; a median needs its own.
/// </summary>
public static class Intervals
{
    /// <summary>The level of each median's interval.</summary>
    public const double Level = 0.95;

    /// <summary>
    /// The Harrell–Davis median and its Maritz–Jarrett confidence interval (Perfolizer, the library
    /// BenchmarkDotNet computes with), at <see cref="Level"/>. No interval from fewer than two measurements.
    /// </summary>
    public static Estimate Median(BenchmarkResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var median = result.Statistics?.Median ?? double.NaN;
        var values = result.MeasurementsNs;
        if (values.Count < 2)
        {
            return new Estimate(median, double.NaN, double.NaN);
        }

        var interval = HarrellDavisQuantileEstimator.Instance
            .QuantileConfidenceIntervalEstimator(new Sample([.. values]), 0.5)
            .ConfidenceInterval(Level);
        return new Estimate(median, interval.Lower, interval.Upper);
    }

    /// <summary>
    /// median(<paramref name="slower"/>) ÷ median(<paramref name="faster"/>), with the interval from the two
    /// medians' intervals (lower ÷ upper, upper ÷ lower): both hold together at least 90% of the time
    /// (two 95% intervals), so the ratio's interval does too. Unbounded above when the faster side's lower bound is not positive.
    /// </summary>
    public static Estimate Ratio(BenchmarkResult slower, BenchmarkResult faster)
    {
        var a = Median(slower);
        var b = Median(faster);
        var value = a.Value / b.Value;
        if (!a.HasInterval || !b.HasInterval)
        {
            return new Estimate(value, double.NaN, double.NaN);
        }

        var lower = a.Lower / b.Upper;
        var upper = b.Lower > 0 ? a.Upper / b.Lower : double.PositiveInfinity;
        return new Estimate(value, Math.Max(0, lower), upper);
    }
}
