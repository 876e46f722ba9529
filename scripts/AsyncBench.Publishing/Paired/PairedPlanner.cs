using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publishing.Paired;

/// <summary>One case of the next round: its full name, how many pairs, why (a confirmation, or undecided), and how likely those pairs decide it.</summary>
public sealed record PlannedCase(PairedCase Case, int Pairs, bool Confirmation, double DecideProbability)
{
    /// <summary>The BenchmarkDotNet --filter glob that matches this case alone: its full name, with any glob character in it matched by '?'.</summary>
    public string Filter => Case.FullName.Replace('*', '?');

    /// <summary>What a pair is worth: the probability the pairs decide the case, per pair (a confirmation ranks first whatever its worth).</summary>
    public double Value => DecideProbability / Pairs;
}

/// <summary>
/// A round's budget: at most <see cref="Limit"/>, each pair of a case costing <see cref="PairCost"/> of it (1 for a budget in
/// pairs; the case's seconds a pair for one in seconds).
/// </summary>
public sealed record PlanBudget(double Limit, string Unit, Func<PairedCase, double> PairCost)
{
    public static PlanBudget InPairs(int pairs) => new(pairs, "pair(s)", _ => 1);

    /// <summary>A round that must end within <paramref name="seconds"/>: its start (<see cref="PairPrices.RoundStartSeconds"/>), then each case's pairs at their price.</summary>
    public static PlanBudget InSeconds(double seconds, PairPrices prices)
    {
        ArgumentNullException.ThrowIfNull(prices);
        return new(seconds - PairPrices.RoundStartSeconds, $"s after the round's {PairPrices.RoundStartSeconds:0} s start, priced by {prices.Source}", prices.PairSeconds);
    }

    public double Cost(PlannedCase planned)
    {
        ArgumentNullException.ThrowIfNull(planned);
        return planned.Pairs * PairCost(planned.Case);
    }
}

/// <summary>The next round: the cases in order, most valuable first, and the pairs they need in all.</summary>
public sealed record PairedPlan(IReadOnlyList<PlannedCase> Cases, PlanBudget? Budget, int LeftOut)
{
    public int Pairs => Cases.Sum(c => c.Pairs);

    /// <summary>What the round spends of its budget (its pairs when it has none).</summary>
    public double Cost => Budget is { } budget ? Cases.Sum(budget.Cost) : Pairs;
}

/// <summary>
/// What the next round should measure, from the rounds so far (the judgement's own replay): every candidate its
/// confirmation pairs, then the undecided cases that more pairs can decide, each with the number of pairs that
/// decides it (<see cref="DecideTarget"/>, else most likely per pair). Deterministic: the same night gives the same plan.
/// </summary>
public static class PairedPlanner
{
    /// <summary>At most this many pairs a case in one round: a case that needs more is better judged over two rounds (each a look).</summary>
    public const int MaxPairsPerRound = 8;

    /// <summary>A confirmation gets at most this many pairs, and as few as make it confirm a threshold-sized slowdown with <see cref="ConfirmationPower"/>.</summary>
    public const int MaxConfirmationPairs = 12;

    public const double ConfirmationPower = 0.9;

    /// <summary>An undecided case gets the fewest pairs that decide it with this probability; if none up to <see cref="MaxPairsPerRound"/> do, the number that decides it most likely per pair.</summary>
    public const double DecideTarget = 0.8;

    /// <summary>Below this chance of deciding a case, its pairs are better spent elsewhere: it is left for the next night.</summary>
    public const double MinDecideProbability = 0.05;

    public static PairedPlan Plan(PairedJudgement judgement, int? budget = null) =>
        Plan(judgement, budget is { } pairs ? PlanBudget.InPairs(pairs) : null);

    /// <summary>
    /// The plan within <paramref name="budget"/>: the cases ranked by the chance they are decided per unit spent (a case
    /// whose pairs cost more must be worth more), confirmations first, each kept whole while it fits.
    /// </summary>
    public static PairedPlan Plan(PairedJudgement judgement, PlanBudget? budget)
    {
        ArgumentNullException.ThrowIfNull(judgement);
        var rule = judgement.Rule;
        var wanted = new List<PlannedCase>();
        foreach (var c in judgement.Gated)
        {
            if (c.NeedsConfirmation && c.Interval is { Spread.IsKnown: true } candidate)
            {
                var pairs = ConfirmationPairs(candidate.Spread, rule);
                wanted.Add(new PlannedCase(c.Case, pairs, true, ConfirmPower(candidate.Spread, pairs, rule)));
            }
            else if (c.Outcome == PairedOutcome.Undecided && c.Reason is UndecidedReason.TooFewPairs or UndecidedReason.IntervalTooWide or UndecidedReason.LooksUsedUp)
            {
                if (c.Interval is not { Spread.IsKnown: true } now)
                {
                    // No spread to predict by yet (a lone pair in a group too small to fit): the pairs that make it judgeable.
                    wanted.Add(new PlannedCase(c.Case, Math.Max(1, PairedRule.MinPairs - c.Pairs.Count(p => !p.Confirmation)), false, 0));
                }
                else if (Best(now, c.CanBeCandidate, rule) is { Probability: >= MinDecideProbability } best)
                {
                    wanted.Add(new PlannedCase(c.Case, best.Pairs, false, best.Probability));
                }
            }
        }

        var ordered = wanted
            .OrderByDescending(p => p.Confirmation)
            .ThenByDescending(p => budget is null ? p.Value : p.DecideProbability / budget.Cost(p))
            .ThenBy(p => p.Case.Id.Key, StringComparer.Ordinal)
            .ToList();
        if (budget is null)
        {
            return new PairedPlan(ordered, null, 0);
        }

        var kept = new List<PlannedCase>();
        var left = budget.Limit;
        foreach (var p in ordered)
        {
            if (budget.Cost(p) <= left)
            {
                kept.Add(p);
                left -= budget.Cost(p);
            }
        }

        return new PairedPlan(kept, budget, ordered.Count - kept.Count);
    }

    /// <summary>The fewest confirmation pairs (2 … 12) that confirm a slowdown of the threshold with <see cref="ConfirmationPower"/>: Φ((ln(1 + T) − m) ÷ (σ̃ ÷ √n) − t(1 − α_c)) ≥ 0.9.</summary>
    public static int ConfirmationPairs(CaseSpread spread, PairedRule rule)
    {
        ArgumentNullException.ThrowIfNull(spread);
        ArgumentNullException.ThrowIfNull(rule);
        for (var n = PairedRule.MinPairs; n < MaxConfirmationPairs; n++)
        {
            if (ConfirmPower(spread, n, rule) >= ConfirmationPower)
            {
                return n;
            }
        }

        return MaxConfirmationPairs;
    }

    private static double ConfirmPower(CaseSpread spread, int pairs, PairedRule rule) =>
        Normal.Cdf(((rule.ThresholdLog - rule.MinimumEffectLog) / (spread.Sigma / Math.Sqrt(pairs))) - PairedRule.T(1 - rule.ConfirmationAlpha, spread.DegreesOfFreedom + pairs - 1));

    /// <summary>
    /// The fewest more pairs k (1 … 8) that decide the case with <see cref="DecideTarget"/>, else the k that decides it most
    /// likely per pair, and that probability. With n pairs
    /// at mean d̄ and spread σ̃, the mean of n + k is d̄ ± σ̃ √(k ÷ (n (n + k))) (normal); it decides the case when it lands
    /// past the candidate's bound (if it may still be one), below the faster bound, or where the interval fits inside ±T.
    /// </summary>
    private static (int Pairs, double Probability)? Best(PairedInterval now, bool canBeCandidate, PairedRule rule)
    {
        var spread = now.Spread;
        if (!spread.IsKnown || now.Pairs < 1)
        {
            return null;
        }

        (int Pairs, double Probability)? best = null;
        for (var k = Math.Max(1, PairedRule.MinPairs - now.Pairs); k <= MaxPairsPerRound; k++)
        {
            var n = now.Pairs + k;
            var df = spread.DegreesOfFreedom + k;
            var se = spread.Sigma / Math.Sqrt(n);
            var h = PairedRule.T(1 - PairedRule.DiscoveryAlpha, df) * se;
            var hFaster = PairedRule.T(1 - rule.FasterAlpha, df) * se;
            var regions = new List<(double Low, double High)> { (double.NegativeInfinity, -rule.MinimumEffectLog - hFaster) };
            if (h < rule.ThresholdLog)
            {
                regions.Add((-rule.ThresholdLog + h, rule.ThresholdLog - h));
            }

            if (canBeCandidate)
            {
                regions.Add((rule.MinimumEffectLog + h, double.PositiveInfinity));
            }

            var spreadOfMean = spread.Sigma * Math.Sqrt((double)k / (now.Pairs * n));
            var probability = Union(regions).Sum(r => Normal.Cdf((r.High - now.CenterLog) / spreadOfMean) - Normal.Cdf((r.Low - now.CenterLog) / spreadOfMean));
            if (probability >= DecideTarget)
            {
                return (k, probability);
            }

            if (best is null || probability / k > (best.Value.Probability / best.Value.Pairs) + 1e-12)
            {
                best = (k, probability);
            }
        }

        return best;
    }

    private static List<(double Low, double High)> Union(IEnumerable<(double Low, double High)> regions)
    {
        var merged = new List<(double Low, double High)>();
        foreach (var r in regions.Where(r => r.High > r.Low).OrderBy(r => r.Low))
        {
            if (merged.Count > 0 && r.Low <= merged[^1].High)
            {
                merged[^1] = (merged[^1].Low, Math.Max(merged[^1].High, r.High));
            }
            else
            {
                merged.Add(r);
            }
        }

        return merged;
    }
}
