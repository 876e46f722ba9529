using AsyncBench.Publishing.Reading;

namespace AsyncBench.Publishing.Paired;

/// <summary>Which cases a case's prior spread was fitted over.</summary>
public enum SpreadLevel
{
    /// <summary>Its class's cases (at least <see cref="PairedSpreads.MinFitCases"/> with a spread).</summary>
    Class,

    /// <summary>Its workload's (namespace's) cases.</summary>
    Workload,

    /// <summary>Every case of the night.</summary>
    All,

    /// <summary>No group had enough cases: the case's own pairs alone.</summary>
    Own,
}

/// <summary>
/// A case's paired spread σ̃ (1 σ of its per-slot log ratio, moderated) and the degrees of freedom of its t statistic;
/// how it was found: the group fitted (<see cref="Level"/>, d₀ = <see cref="GroupDegreesOfFreedom"/>), the case's own
/// degrees of freedom tonight and from the prior, and the factor the prior was scaled up by for tonight.
/// </summary>
public sealed record CaseSpread(double Sigma, double DegreesOfFreedom, SpreadLevel Level, double GroupDegreesOfFreedom, double OwnDegreesOfFreedom, double PriorDegreesOfFreedom, double PriorScale)
{
    public bool IsKnown => double.IsFinite(Sigma) && Sigma > 0 && DegreesOfFreedom >= 1;
}

/// <summary>
/// Each case's paired spread for a look, from its own pairs so far, the A/A prior and its group (moderated, Smyth's
/// empirical Bayes: <see cref="ModeratedVariance"/>):
/// <list type="number">
/// <item>The prior (<see cref="PairedPrior"/>, from A/A nights) lends each case its own A/A spread, worth at most
/// <see cref="CasePriorWeight"/> degrees of freedom, scaled up (never down) by how much noisier tonight's pairs are than
/// the prior's in the case's workload (the mean log variance ratio over its cases), so a loaded night is judged by its own noise.</item>
/// <item>A case's variance is its own pairs' (each stage of pairs around its own mean) joined with the prior's.</item>
/// <item>How alike the night's cases are, d₀, is fitted over all of them; its group (class, else workload, else the
/// night: the first with <see cref="MinFitCases"/> cases with a spread) gives s₀²; the case's moderated variance is
/// (d₀ s₀² + d s²) ÷ (d₀ + d), with d₀ + d degrees of freedom.
/// Real changes move a case's mean, not its spread, so a slowed class still gives the right spread.</item>
/// </list>
/// </summary>
public static class PairedSpreads
{
    /// <summary>A group needs this many cases with a spread to fit its prior; fewer, and the next wider group is used.</summary>
    public const int MinFitCases = 5;

    /// <summary>A case's own A/A spread counts for at most this many degrees of freedom: tonight keeps a say.</summary>
    public const double CasePriorWeight = 8;

    /// <summary>One case's own spread tonight: its pairs' sum of squares around their stages' means, and its degrees of freedom.</summary>
    public sealed record Own(PairedCase Case, double SumOfSquares, double DegreesOfFreedom)
    {
        public double Variance => DegreesOfFreedom > 0 ? SumOfSquares / DegreesOfFreedom : double.NaN;
    }

    public static Dictionary<BenchmarkId, CaseSpread> Of(IReadOnlyList<Own> cases, PairedPrior? prior)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var scale = prior is null ? [] : PriorScale(cases, prior);
        var joined = cases.Select(c =>
        {
            var fromPrior = prior?.Case(c.Case.Id);
            var weight = fromPrior is { DegreesOfFreedom: > 0 } p ? Math.Min(p.DegreesOfFreedom, CasePriorWeight) : 0;
            var factor = weight > 0 ? scale.GetValueOrDefault(c.Case.Workload, 1) : 1;
            var own = c.DegreesOfFreedom > 0 ? c.SumOfSquares : 0;
            var df = c.DegreesOfFreedom + weight;
            var variance = df > 0 ? (own + (weight > 0 ? weight * factor * fromPrior!.SigmaLog * fromPrior.SigmaLog : 0)) / df : double.NaN;
            return (c.Case, Variance: variance, Df: df, Own: c.DegreesOfFreedom, Prior: weight, Factor: factor);
        }).ToList();

        // How alike cases are (d₀) is fitted over the whole night: its moment estimate needs many cases, and a class of ten
        // fits a d₀ of "all alike" by chance one time in six. Each class (else workload, else the night) then gives its s₀².
        var all = ModeratedVariance.Estimate([.. joined.Select(j => (j.Variance, j.Df))], MinFitCases);
        ModeratedVariance.Fit? Scale(IEnumerable<(PairedCase Case, double Variance, double Df, double Own, double Prior, double Factor)> members) =>
            all is null ? null : ModeratedVariance.ScaleFor([.. members.Select(j => (j.Variance, j.Df))], all.DegreesOfFreedom, MinFitCases);
        var byClass = joined.GroupBy(j => j.Case.Class, StringComparer.Ordinal).ToDictionary(g => g.Key, Scale, StringComparer.Ordinal);
        var byWorkload = joined.GroupBy(j => j.Case.Workload, StringComparer.Ordinal).ToDictionary(g => g.Key, Scale, StringComparer.Ordinal);

        var spreads = new Dictionary<BenchmarkId, CaseSpread>(joined.Count);
        foreach (var j in joined)
        {
            var (level, fit) = byClass[j.Case.Class] is { } ofClass ? (SpreadLevel.Class, ofClass)
                : byWorkload[j.Case.Workload] is { } ofWorkload ? (SpreadLevel.Workload, ofWorkload)
                : all is not null ? (SpreadLevel.All, all)
                : (SpreadLevel.Own, null);
            var (variance, df) = ModeratedVariance.Moderate(j.Variance, j.Df, fit);
            spreads[j.Case.Id] = new CaseSpread(Math.Sqrt(variance), df, level, fit?.DegreesOfFreedom ?? 0, j.Own, j.Prior, j.Factor);
        }

        return spreads;
    }

    /// <summary>
    /// Per workload, how much noisier tonight's pairs are than the prior's: exp of the mean, over its cases with both, of the
    /// difference of their unbiased log variances (ln s² − ψ(d/2) + ln(d/2)); at least 1 (the prior is never scaled down).
    /// </summary>
    private static Dictionary<string, double> PriorScale(IReadOnlyList<Own> cases, PairedPrior prior)
    {
        return cases
            .Select(c => (c, p: prior.Case(c.Case.Id)))
            .Where(x => x.c.DegreesOfFreedom > 0 && x.c.Variance > 0 && x.p is { DegreesOfFreedom: > 0, SigmaLog: > 0 })
            .GroupBy(x => x.c.Case.Workload, StringComparer.Ordinal)
            .Where(g => g.Count() >= MinFitCases)
            .ToDictionary(
                g => g.Key,
                g => Math.Max(1, Math.Exp(g.Average(x => ModeratedVariance.UnbiasedLog(x.c.Variance, x.c.DegreesOfFreedom) - ModeratedVariance.UnbiasedLog(x.p!.SigmaLog * x.p.SigmaLog, x.p.DegreesOfFreedom)))),
                StringComparer.Ordinal);
    }
}
