using System.Collections.Concurrent;
using AsyncBench.Publishing.Statistics;
using Perfolizer.Mathematics.Distributions.ContinuousDistributions;

namespace AsyncBench.Publishing.Paired;

/// <summary>
/// The paired gate's rule, its numbers stated once. A case's unit is the per-slot log ratio d = ln(head ÷ base); its
/// pairs' mean d̄ is judged against its moderated paired spread σ̃ (<see cref="PairedSpreads"/>) with Student's t.
/// <list type="bullet">
/// <item><b>Slower</b> takes two steps. A case is a <i>candidate</i> when the one-sided lower bound of d̄ at
/// <see cref="DiscoveryAlpha"/> lies above the minimum effect m (so two builds of one code, 1–2 % apart, are not it),
/// in one of its first <see cref="DiscoveryLooks"/> looks (a look: a round gave it pairs). It then gets a confirmation
/// round of fresh pairs, judged alone, once: confirmed when their lower bound at <see cref="ConfirmationAlpha"/> lies
/// above m. Only a confirmed case is slower and fails the night.</item>
/// <item><b>Faster</b>: the upper bound of all its pairs at <see cref="FasterAlpha"/> lies below −m (no confirmation:
/// the level is the night's, split over every case and look).</item>
/// <item><b>The same within ±T</b>: its (1 − 2 × <see cref="DiscoveryAlpha"/>) interval lies inside ±T (two one-sided
/// tests); a truly T-slower case is called the same in a look with probability at most <see cref="DiscoveryAlpha"/>.</item>
/// <item><b>Undecided</b> otherwise, or with fewer than <see cref="MinPairs"/> pairs. Undecided never fails a night.</item>
/// </list>
/// The night's false alarm: a case with no change beyond m is confirmed slower only if it is a candidate in one of its
/// looks (≤ L × α_d) and then its fresh pairs confirm (α_c, independent pairs), so over N cases
/// P(exit 1) ≤ N × L × α_d × α_c = <see cref="NightAlpha"/>: α_c = 0.05 ÷ (N L α_d).
/// </summary>
public sealed record PairedRule(double ThresholdPercent, double MinimumEffectPercent, int Cases)
{
    public const double DefaultThresholdPercent = 15;

    /// <summary>
    /// The minimum effect m: two builds of the same code can differ by 1–2 % (code placement), so the bound must clear
    /// 3 % before a case can be slower. The slower test's null hypothesis is "at most m slower", so a night whose every
    /// case is within m of base keeps the false-alarm bound below whatever the builds differ by.
    /// </summary>
    public const double DefaultMinimumEffectPercent = 3;

    /// <summary>At most this share of nights with no change exit 1: once in 20.</summary>
    public const double NightAlpha = 0.05;

    /// <summary>The level of a look's one-sided tests (a candidate, the same within ±T): lenient, since a candidate must be confirmed.</summary>
    public const double DiscoveryAlpha = 0.05;

    /// <summary>A case can become a candidate in its first L looks only; later looks can still decide it the same or faster.</summary>
    public const int DiscoveryLooks = 3;

    /// <summary>No decision on fewer pairs: one pair has no spread of its own.</summary>
    public const int MinPairs = 2;

    public double ThresholdLog => Math.Log(1 + (ThresholdPercent / 100));

    public double MinimumEffectLog => Math.Log(1 + (MinimumEffectPercent / 100));

    /// <summary>α_c = 0.05 ÷ (N × L × α_d), at most α_d: the confirmation's one-sided level.</summary>
    public double ConfirmationAlpha => Math.Min(DiscoveryAlpha, NightAlpha / (Math.Max(1, Cases) * DiscoveryLooks * DiscoveryAlpha));

    /// <summary>0.05 ÷ (N × L), at most α_d: the faster test's one-sided level (Bonferroni over every case and look).</summary>
    public double FasterAlpha => Math.Min(DiscoveryAlpha, NightAlpha / (Math.Max(1, Cases) * DiscoveryLooks));

    /// <summary>The bound on P(exit 1) on a night with no change: N × L × α_d × α_c.</summary>
    public double NightBound => Math.Max(1, Cases) * DiscoveryLooks * DiscoveryAlpha * ConfirmationAlpha;

    private static readonly ConcurrentDictionary<(double P, double Df), double> Quantiles = new();

    /// <summary>
    /// Student's t quantile at <paramref name="p"/> (above ½) with <paramref name="degreesOfFreedom"/>, the degrees of freedom rounded
    /// down to a tenth below 10, a whole number below 100, a ten below 1000, a hundred below 10⁴ (the normal's beyond): a
    /// slightly larger quantile, never a smaller one, and few enough distinct ones to keep. +∞ below one degree of freedom.
    /// </summary>
    public static double T(double p, double degreesOfFreedom)
    {
        if (!(degreesOfFreedom >= 1))
        {
            return double.PositiveInfinity;
        }

        var df = degreesOfFreedom switch
        {
            < 10 => Math.Floor(degreesOfFreedom * 10) / 10,
            < 100 => Math.Floor(degreesOfFreedom),
            < 1000 => Math.Floor(degreesOfFreedom / 10) * 10,
            < 1e4 => Math.Floor(degreesOfFreedom / 100) * 100,
            _ => double.PositiveInfinity,
        };
        return Quantiles.GetOrAdd((p, df), key => double.IsPositiveInfinity(key.Df) ? Normal.Quantile(key.P) : new StudentDistribution(key.Df).Quantile(key.P));
    }
}
