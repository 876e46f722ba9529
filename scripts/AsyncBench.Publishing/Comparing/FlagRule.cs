using AsyncBench.Publishing.Statistics;
using Perfolizer.Mathematics.Distributions.ContinuousDistributions;

namespace AsyncBench.Publishing.Comparing;

/// <summary>
/// The flag rule and its power, stated once. A change is flagged when it is significant beyond the noise
/// (one-sided, at <see cref="Alpha"/> per direction) and past the practical floor (<see cref="FloorShare"/>
/// × the threshold, and <see cref="AbsoluteFloorNs"/>). A benchmark is gateable at T % when a true T %
/// slowdown would be flagged with at least <see cref="RequiredPower"/> probability.
/// </summary>
public static class FlagRule
{
    /// <summary>
    /// The false-positive rate per benchmark and direction (one-sided). An A/A pair then flags 1 % of
    /// benchmarks slower and 1 % faster on average (2 % in all), below the goal of at most 5 %, with room
    /// for a noise model that is somewhat off.
    /// </summary>
    public const double Alpha = 0.01;

    /// <summary>The power a benchmark must have at the threshold to be gateable.</summary>
    public const double RequiredPower = 0.90;

    /// <summary>
    /// The practical floor, as a share of the threshold: a change smaller than half the threshold is never
    /// flagged, however significant. Half, not all: a rule that needs the observed change to exceed T %
    /// catches a true T % slowdown only half the time.
    /// </summary>
    public const double FloorShare = 0.5;

    /// <summary>
    /// Below this absolute difference a time is the same whatever its ratio: the resolution of BenchmarkDotNet's
    /// overhead subtraction (dotnet/performance's ResultsComparer uses 0.3 ns by default).
    /// </summary>
    public const double AbsoluteFloorNs = 0.3;

    /// <summary>The thresholds the report states the gateable share for.</summary>
    public static IReadOnlyList<double> ReportedThresholds { get; } = [10, 15, 25];

    public static double Log(double percent) => Math.Log(1 + (percent / 100));

    public static double FloorLog(double thresholdPercent) => FloorShare * Log(thresholdPercent);

    /// <summary>Student's t at 1 − <see cref="Alpha"/> (the normal quantile for infinite degrees of freedom).</summary>
    public static double Critical(double degreesOfFreedom) => Quantile(1 - Alpha, degreesOfFreedom);

    public static double Quantile(double p, double degreesOfFreedom) =>
        degreesOfFreedom < 1 || double.IsNaN(degreesOfFreedom) ? double.PositiveInfinity
        : degreesOfFreedom > 1e6 ? Normal.Quantile(p)
        : new StudentDistribution(degreesOfFreedom).Quantile(p);

    /// <summary>
    /// Power at a true slowdown Δ = log(1 + T): the observed change is Δ plus noise of the estimate's standard
    /// error (normal), and it is flagged when it exceeds both t₁₋α × SE and the practical floor:
    /// Φ((Δ − max(t₁₋α·SE, floor)) ÷ SE).
    /// </summary>
    public static double Power(NoiseEstimate noise, double thresholdPercent)
    {
        if (!noise.IsKnown)
        {
            return 0;
        }

        var delta = Log(thresholdPercent);
        var bar = Math.Max(noise.SignificantLog, FloorLog(thresholdPercent));
        return Normal.Cdf((delta - bar) / noise.StandardError);
    }

    /// <summary>Gateable at T %: enough power, and T % of the reference is above the absolute floor.</summary>
    public static bool Gateable(NoiseEstimate? noise, double thresholdPercent, double referenceNs) =>
        noise is not null && Power(noise, thresholdPercent) >= RequiredPower && referenceNs * thresholdPercent / 100 > AbsoluteFloorNs;

    /// <summary>The flag rule: significant beyond the noise (one-sided at α), past the practical floor and the absolute floor.</summary>
    public static TimeChange Judge(double ownLog, NoiseEstimate noise, GateOptions options, double todayNs)
    {
        ArgumentNullException.ThrowIfNull(noise);
        ArgumentNullException.ThrowIfNull(options);
        var past = Math.Abs(ownLog) > Math.Max(noise.SignificantLog, options.FloorLog)
            && Math.Abs(todayNs - (todayNs / Math.Exp(ownLog))) > FlagRule.AbsoluteFloorNs;
        return !past ? TimeChange.Same : ownLog > 0 ? TimeChange.Slower : TimeChange.Faster;
    }
}
