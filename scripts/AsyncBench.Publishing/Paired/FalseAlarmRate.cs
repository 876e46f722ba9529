using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publishing.Paired;

/// <summary>Where a resampled A/A night draws a case's pairs from.</summary>
public enum AaResample
{
    /// <summary>The case's own A/A pairs, with replacement: its builds' real difference and its own tails kept.</summary>
    Pairs,

    /// <summary>Its own residuals (its pairs around their night's mean), with replacement: no difference at all, its own spread and tails.</summary>
    CaseResiduals,

    /// <summary>Its class's pooled residuals, with replacement: no difference at all, every case of a class with the class's spread.</summary>
    Residuals,
}

/// <summary>
/// The estimated false-alarm rate: the share of resampled A/A nights that exited 1, its 95 % interval (Wilson), and
/// what the nights took: confirmed-slower cases, candidates, pairs and rounds per night, the rule's bound, the procedure.
/// </summary>
public sealed record AaRate(
    IReadOnlyList<string> Sources,
    AaResample Resample,
    NightProcedure Procedure,
    PairedRule Rule,
    int Cases,
    int Nights,
    int Failed,
    double Lower,
    double Upper,
    double SlowerPerNight,
    double CandidatesPerNight,
    double FasterPerNight,
    double UndecidedShare,
    double PairsPerNight,
    double RoundsPerNight,
    int Seed)
{
    public double Rate => Nights > 0 ? (double)Failed / Nights : double.NaN;
}

/// <summary>
/// Estimates P(exit 1) on a night with no change by resampling A/A nights' pairs through the whole procedure
/// (<see cref="PairedSimulation"/>): every case of the A/A nights gets the first round, the planner's rounds follow
/// (looks, confirmations), and a night fails when any case ends confirmed slower. Not only whole nights: each
/// simulated night draws fresh pairs (a smoothed bootstrap, <see cref="SmoothedPool"/>), so thousands of nights come from a few.
/// </summary>
public static class FalseAlarmRate
{
    public const int DefaultNights = 10000;

    public static AaRate Estimate(IReadOnlyList<PairedNight> nights, PairedPrior? prior, AaResample resample, NightProcedure procedure, int simulated, int seed, double thresholdPercent, double minimumEffectPercent)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        RequireAa(nights);
        var pools = Pools(nights, resample);
        if (pools.Count == 0)
        {
            throw new PublishException("The A/A nights hold no case with two pairs or more: nothing to resample. Pass nights that ran head against base.");
        }

        var cases = pools.Keys.OrderBy(c => c.Id.Key, StringComparer.Ordinal).ToList();
        var rule = new PairedRule(thresholdPercent, minimumEffectPercent, cases.Count(c => !c.Canary));
        var random = new Random(seed);
        var smoothed = pools.ToDictionary(p => p.Key, p => new SmoothedPool(p.Value));
        double[] Draw(PairedCase c, int count)
        {
            var pool = smoothed[c];
            return [.. Enumerable.Range(0, count).Select(_ => pool.Draw(random))];
        }

        var failed = 0;
        double slower = 0, candidates = 0, faster = 0, undecided = 0, pairs = 0, rounds = 0;
        for (var i = 0; i < simulated; i++)
        {
            var night = PairedSimulation.Night(cases, Draw, rule, prior, procedure);
            var gated = night.Judgement.Gated;
            failed += night.Judgement.Slower.Count > 0 ? 1 : 0;
            slower += night.Judgement.Slower.Count;
            candidates += gated.Count(c => c.CandidateRound is not null);
            faster += gated.Count(c => c.Outcome == PairedOutcome.Faster);
            undecided += gated.Count(c => c.Outcome == PairedOutcome.Undecided) / (double)Math.Max(1, gated.Count);
            pairs += night.Pairs;
            rounds += night.Rounds;
        }

        var (lower, upper) = Wilson(failed, simulated);
        var n = Math.Max(1, simulated);
        return new AaRate([.. nights.Select(x => x.Folder)], resample, procedure, rule, cases.Count, simulated, failed, lower, upper, slower / n, candidates / n, faster / n, undecided / n, pairs / n, rounds / n, seed);
    }

    /// <summary>Refuses a night whose base and head are not the same commit (a night without a base among them).</summary>
    public static void RequireAa(IReadOnlyList<PairedNight> nights)
    {
        ArgumentNullException.ThrowIfNull(nights);
        foreach (var night in nights.Where(n => !n.IsAa))
        {
            throw new PublishException($"The night '{night.Folder}' is not an A/A night (base {(night.Manifest.Base?.Commit is { Length: > 0 } b ? b : "none")}, head {night.Manifest.Head?.Commit}): the false-alarm rate is estimated from nights whose base and head are the same commit.");
        }
    }

    /// <summary>Each case's pool of pairs to draw from: its own pairs, its own residuals around each night's mean, or its class's.</summary>
    internal static Dictionary<PairedCase, IReadOnlyList<double>> Pools(IReadOnlyList<PairedNight> nights, AaResample resample)
    {
        var own = new Dictionary<BenchmarkId, (PairedCase Case, List<double> Pairs, List<double> Residuals)>();
        foreach (var night in nights)
        {
            foreach (var c in night.Cases)
            {
                var values = night.Rounds.SelectMany(r => r.Pairs.GetValueOrDefault(c.Id) ?? []).ToList();
                if (values.Count == 0)
                {
                    continue;
                }

                if (!own.TryGetValue(c.Id, out var entry))
                {
                    own[c.Id] = entry = (c, [], []);
                }

                var mean = values.Average();
                entry.Pairs.AddRange(values);
                if (values.Count >= 2)
                {
                    // Residuals of n values around their mean are rescaled by √(n ÷ (n − 1)) so their variance is the pairs'.
                    var scale = Math.Sqrt(values.Count / (values.Count - 1.0));
                    entry.Residuals.AddRange(values.Select(v => (v - mean) * scale));
                }
            }
        }

        var usable = own.Values.Where(e => e.Pairs.Count >= 2).ToList();
        if (resample == AaResample.Pairs)
        {
            return usable.ToDictionary(e => e.Case, e => (IReadOnlyList<double>)e.Pairs);
        }

        if (resample == AaResample.CaseResiduals)
        {
            return usable.Where(e => e.Residuals.Count >= 2).ToDictionary(e => e.Case, e => (IReadOnlyList<double>)e.Residuals);
        }

        var byClass = usable.GroupBy(e => e.Case.Class, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (IReadOnlyList<double>)[.. g.SelectMany(e => e.Residuals)], StringComparer.Ordinal);
        return usable.Where(e => byClass[e.Case.Class].Count > 0).ToDictionary(e => e.Case, e => byClass[e.Case.Class]);
    }

    /// <summary>The Wilson score interval of a binomial share at 95 %.</summary>
    public static (double Lower, double Upper) Wilson(int successes, int trials)
    {
        if (trials <= 0)
        {
            return (double.NaN, double.NaN);
        }

        var z = Normal.Quantile(0.975);
        var p = (double)successes / trials;
        var denominator = 1 + (z * z / trials);
        var center = (p + (z * z / (2 * trials))) / denominator;
        var half = z * Math.Sqrt((p * (1 - p) / trials) + (z * z / (4.0 * trials * trials))) / denominator;
        return (Math.Max(0, center - half), Math.Min(1, center + half));
    }
}
