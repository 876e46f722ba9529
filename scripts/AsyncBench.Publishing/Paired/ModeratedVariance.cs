namespace AsyncBench.Publishing.Paired;

/// <summary>
/// Empirical-Bayes moderation of per-case variances (Smyth 2004, "Linear models and empirical Bayes methods for
/// assessing differential expression", limma's <c>squeezeVar</c>): each case's variance s² with d degrees of freedom is
/// taken to come from σ² χ²_d ÷ d, and the cases' σ² of a group from a scaled inverse χ² with d₀ degrees of freedom
/// around s₀². The group's s₀² and d₀ are fitted by moments of log s² (digamma and trigamma); a case's moderated
/// variance is (d₀ s₀² + d s²) ÷ (d₀ + d), and its t statistic has d₀ + d degrees of freedom. A group whose cases share
/// one spread fits a large d₀ (the pool decides); a group whose cases differ fits a small one (each case's own pairs decide).
/// </summary>
public static class ModeratedVariance
{
    /// <summary>A group's fitted prior: the typical variance s₀² and how many degrees of freedom d₀ it is worth to each case.</summary>
    public sealed record Fit(double Variance, double DegreesOfFreedom, int Cases);

    /// <summary>
    /// d₀ is capped here: a group whose cases' spreads look exactly alike (the moment estimate is infinite) still lends
    /// each case no more than this many degrees of freedom, so a night unlike the prior's keeps a say.
    /// </summary>
    public const double MaxDegreesOfFreedom = 50;

    /// <summary>Fits s₀² and d₀ to the cases' (variance, degrees of freedom); null with fewer than <paramref name="minimumCases"/> usable cases.</summary>
    public static Fit? Estimate(IReadOnlyList<(double Variance, double DegreesOfFreedom)> cases, int minimumCases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var usable = cases.Where(c => c.DegreesOfFreedom > 0 && c.Variance > 0 && double.IsFinite(c.Variance)).ToList();
        if (usable.Count < Math.Max(2, minimumCases))
        {
            return null;
        }

        var e = usable.Select(c => UnbiasedLog(c.Variance, c.DegreesOfFreedom)).ToList();
        var mean = e.Average();
        var excess = (e.Sum(v => (v - mean) * (v - mean)) / (usable.Count - 1)) - usable.Average(c => Trigamma(c.DegreesOfFreedom / 2));
        // No spread beyond what each case's own degrees of freedom explain: the cases share one spread (d₀ capped).
        var d0 = excess <= 0 ? MaxDegreesOfFreedom : Math.Min(MaxDegreesOfFreedom, 2 * InverseTrigamma(excess));
        return ScaleFor(usable, d0, minimumCases);
    }

    /// <summary>
    /// A group's typical variance s₀² for a d₀ fitted over more cases (a wider group's: the moment estimate of d₀ needs many
    /// cases, s₀² few): exp of the mean of the unbiased log variances, plus ψ(d₀/2) − ln(d₀/2); null with fewer than
    /// <paramref name="minimumCases"/> usable cases.
    /// </summary>
    public static Fit? ScaleFor(IReadOnlyList<(double Variance, double DegreesOfFreedom)> cases, double degreesOfFreedom, int minimumCases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var usable = cases.Where(c => c.DegreesOfFreedom > 0 && c.Variance > 0 && double.IsFinite(c.Variance)).ToList();
        if (usable.Count < Math.Max(1, minimumCases))
        {
            return null;
        }

        var mean = usable.Average(c => UnbiasedLog(c.Variance, c.DegreesOfFreedom));
        return new Fit(Math.Exp(mean + Digamma(degreesOfFreedom / 2) - Math.Log(degreesOfFreedom / 2)), degreesOfFreedom, usable.Count);
    }

    /// <summary>ln s² − ψ(d/2) + ln(d/2): an unbiased estimate of ln σ² from a variance s² with d degrees of freedom.</summary>
    public static double UnbiasedLog(double variance, double degreesOfFreedom) =>
        Math.Log(variance) - Digamma(degreesOfFreedom / 2) + Math.Log(degreesOfFreedom / 2);

    /// <summary>The moderated variance of a case and its degrees of freedom; its own alone without a fit.</summary>
    public static (double Variance, double DegreesOfFreedom) Moderate(double variance, double degreesOfFreedom, Fit? fit)
    {
        var own = degreesOfFreedom > 0 && double.IsFinite(variance) ? degreesOfFreedom : 0;
        if (fit is null)
        {
            return own > 0 ? (variance, own) : (double.NaN, 0);
        }

        var df = fit.DegreesOfFreedom + own;
        return (((fit.DegreesOfFreedom * fit.Variance) + (own > 0 ? own * variance : 0)) / df, df);
    }

    /// <summary>ψ(x), x &gt; 0: the recurrence up to 6, then the asymptotic series.</summary>
    public static double Digamma(double x)
    {
        var result = 0.0;
        while (x < 6)
        {
            result -= 1 / x;
            x++;
        }

        var f = 1 / (x * x);
        return result + Math.Log(x) - (0.5 / x) - (f * ((1.0 / 12) - (f * ((1.0 / 120) - (f * ((1.0 / 252) - (f * ((1.0 / 240) - (f / 132)))))))));
    }

    /// <summary>ψ′(x), x &gt; 0: the recurrence up to 6, then the asymptotic series.</summary>
    public static double Trigamma(double x)
    {
        var result = 0.0;
        while (x < 6)
        {
            result += 1 / (x * x);
            x++;
        }

        var f = 1 / (x * x);
        return result + (1 / x) + (f / 2) + (f / x * ((1.0 / 6) - (f * ((1.0 / 30) - (f * ((1.0 / 42) - (f / 30)))))));
    }

    /// <summary>The x with ψ′(x) = y (y &gt; 0): Smyth's Newton iteration on 1 ÷ ψ′, from x = 0.5 + 1 ÷ y.</summary>
    public static double InverseTrigamma(double y)
    {
        if (y > 1e7)
        {
            return 1 / Math.Sqrt(y);
        }

        if (y < 1e-6)
        {
            return 1 / y;
        }

        var x = 0.5 + (1 / y);
        for (var i = 0; i < 50; i++)
        {
            var tri = Trigamma(x);
            var step = tri * (1 - (tri / y)) / Tetragamma(x);
            x += step;
            if (-step / x < 1e-8)
            {
                break;
            }
        }

        return x;
    }

    /// <summary>ψ″(x), x &gt; 0 (for the Newton step): the recurrence up to 6, then the asymptotic series.</summary>
    private static double Tetragamma(double x)
    {
        var result = 0.0;
        while (x < 6)
        {
            result -= 2 / (x * x * x);
            x++;
        }

        var f = 1 / (x * x);
        return result - (f * (1 + (1 / x) + (f * ((1.0 / 2) - (f * ((1.0 / 6) - (f * ((1.0 / 6) - (f * 3.0 / 10)))))))));
    }
}
