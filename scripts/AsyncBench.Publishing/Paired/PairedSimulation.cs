using AsyncBench.Publishing.Reading;

namespace AsyncBench.Publishing.Paired;

/// <summary>
/// How a simulated night spends its pairs: <see cref="FirstPairs"/> for every case in the first round, then at most
/// <see cref="Rounds"/> − 1 more rounds as <see cref="PairedPlanner"/> asks, within <see cref="Budget"/> pairs after the
/// first round (none: no limit but the rounds).
/// </summary>
public sealed record NightProcedure(int FirstPairs, int Rounds, int? Budget)
{
    public const int DefaultRounds = 3;

    public string Description =>
        $"{FirstPairs} pairs per case in the first round, then up to {Rounds - 1} more round(s) as paired-plan asks" + (Budget is { } b ? $", at most {b} pairs after the first round" : string.Empty);
}

/// <summary>A simulated night: its judgement, and the pairs it took.</summary>
public sealed record SimulatedNight(PairedJudgement Judgement, int Pairs, int Rounds);

/// <summary>
/// Runs the whole procedure on drawn pairs: the first round, the planner's rounds (confirmations and undecided cases),
/// the judgement. The false-alarm estimate and the power table both run nights through this, so they measure the rule
/// as the night applies it, looks and confirmations included.
/// </summary>
public static class PairedSimulation
{
    /// <param name="cases">The night's cases (canaries are judged, never gate).</param>
    /// <param name="draw">Draws <c>count</c> pairs (log ratios) of a case.</param>
    /// <param name="rule">The rule; its case count sizes the confirmation level.</param>
    /// <param name="prior">The A/A prior, if the night has one.</param>
    /// <param name="procedure">How the night spends its pairs.</param>
    public static SimulatedNight Night(IReadOnlyList<PairedCase> cases, Func<PairedCase, int, double[]> draw, PairedRule rule, PairedPrior? prior, NightProcedure procedure)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(draw);
        ArgumentNullException.ThrowIfNull(procedure);
        var rounds = new List<PairedRound>
        {
            new(1, "first", cases.ToDictionary(c => c.Id, c => (IReadOnlyList<double>)draw(c, procedure.FirstPairs))),
        };
        var pairs = cases.Count * procedure.FirstPairs;
        var budget = procedure.Budget;
        var judgement = PairedJudge.Judge(cases, rounds, rule, prior);
        while (rounds.Count < procedure.Rounds)
        {
            var plan = PairedPlanner.Plan(judgement, budget);
            if (plan.Cases.Count == 0)
            {
                break;
            }

            rounds.Add(new PairedRound(rounds.Count + 1, "more", plan.Cases.ToDictionary(p => p.Case.Id, p => (IReadOnlyList<double>)draw(p.Case, p.Pairs))));
            pairs += plan.Pairs;
            budget -= plan.Pairs;
            judgement = PairedJudge.Judge(cases, rounds, rule, prior);
        }

        return new SimulatedNight(judgement, pairs, rounds.Count);
    }

    /// <summary>A case of a simulated night: a class of <paramref name="classSize"/> cases per class number, in one workload per four classes.</summary>
    public static PairedCase SyntheticCase(int index, int classSize)
    {
        var klass = index / Math.Max(1, classSize);
        var id = new BenchmarkId($"Simulated.Workload{klass / 4}", $"Class{klass}", "Case", [new("Index", index.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        return new PairedCase(id, id.Key);
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    public static double Normal(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
    }
}
