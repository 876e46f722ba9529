namespace AsyncBench.Publishing.Paired;

/// <summary>One cell of the power table: at this paired spread and first-round pairs, the share of slowed cases confirmed slower, and what else the nights did.</summary>
public sealed record PowerCell(double SpreadPercent, int FirstPairs, double EffectPercent, double Power, double OtherFlaggedPerNight, double PairsPerCase, double RoundsPerNight);

/// <summary>The power table and how it was simulated.</summary>
public sealed record PowerTable(IReadOnlyList<PowerCell> Cells, int Cases, int Slowed, int ClassSize, int NightsPerCell, double? GroupDegreesOfFreedom, int Rounds, int? Budget, PairedRule Rule, int Seed);

/// <summary>
/// The rule's power by simulation, through the whole procedure (<see cref="PairedSimulation"/>): nights of
/// <c>cases</c> cases in classes of <c>classSize</c>, <c>slowed</c> of them (spread over the classes) slowed by the
/// effect, each pair ln(head ÷ base) = effect + σ × a normal draw. σ is the paired spread, the same for every case, or
/// (with <c>groupDegreesOfFreedom</c> d₀) each case's own drawn from a scaled inverse χ² with d₀ degrees of freedom
/// around it: cases of one class whose spreads differ, as the moderated spread assumes. With <c>budget</c>, the rounds after
/// the first get at most that many pairs in all, as a night's minutes allow (the planner keeps the most valuable cases).
/// </summary>
public static class PairedPower
{
    public static PowerTable Table(
        IReadOnlyList<double> spreadsPercent,
        IReadOnlyList<int> firstPairs,
        IReadOnlyList<double> effectsPercent,
        int cases,
        int slowed,
        int classSize,
        int nightsPerCell,
        double? groupDegreesOfFreedom,
        int rounds,
        int? budget,
        double thresholdPercent,
        double minimumEffectPercent,
        int seed)
    {
        ArgumentNullException.ThrowIfNull(spreadsPercent);
        ArgumentNullException.ThrowIfNull(firstPairs);
        ArgumentNullException.ThrowIfNull(effectsPercent);
        if (slowed < 1 || slowed > cases)
        {
            throw new PublishException($"--slowed {slowed}: it must be between 1 and the night's cases ({cases}).");
        }

        var rule = new PairedRule(thresholdPercent, minimumEffectPercent, cases);
        var night = Enumerable.Range(0, cases).Select(i => PairedSimulation.SyntheticCase(i, classSize)).ToList();
        // The slowed cases, spread evenly over the night (every class gets its share), the same in every cell.
        var slowedIds = Enumerable.Range(0, slowed).Select(k => night[(int)((long)k * cases / slowed)].Id).ToHashSet();
        var cells = new List<PowerCell>();
        foreach (var effect in effectsPercent)
        {
            foreach (var spread in spreadsPercent)
            {
                foreach (var pairs in firstPairs)
                {
                    // A seed of its own per cell (HashCode is randomized per process; this is not): the same table every run.
                    var random = new Random(unchecked((seed * 7919) + ((int)Math.Round(effect * 100) * 104729) + ((int)Math.Round(spread * 100) * 1299709) + pairs));
                    double found = 0, other = 0, spent = 0, roundsRun = 0;
                    for (var n = 0; n < nightsPerCell; n++)
                    {
                        var sigma = night.ToDictionary(c => c.Id, _ => CaseSigma(spread / 100, groupDegreesOfFreedom, random));
                        var shift = Math.Log(1 + (effect / 100));
                        double[] Draw(PairedCase c, int count) =>
                            [.. Enumerable.Range(0, count).Select(_ => (slowedIds.Contains(c.Id) ? shift : 0) + (sigma[c.Id] * PairedSimulation.Normal(random)))];
                        var result = PairedSimulation.Night(night, Draw, rule, null, new NightProcedure(pairs, rounds, budget));
                        found += result.Judgement.Slower.Count(c => slowedIds.Contains(c.Case.Id));
                        other += result.Judgement.Slower.Count(c => !slowedIds.Contains(c.Case.Id));
                        spent += result.Pairs;
                        roundsRun += result.Rounds;
                    }

                    cells.Add(new PowerCell(spread, pairs, effect, found / (nightsPerCell * (double)slowed), other / nightsPerCell, spent / (nightsPerCell * (double)cases), roundsRun / nightsPerCell));
                }
            }
        }

        return new PowerTable(cells, cases, slowed, classSize, nightsPerCell, groupDegreesOfFreedom, rounds, budget, rule, seed);
    }

    /// <summary>σ itself, or σ² d₀ ÷ χ²_d₀ (a scaled inverse χ² draw: the χ² as a sum of d₀ squared normals, d₀ rounded).</summary>
    private static double CaseSigma(double sigma, double? groupDegreesOfFreedom, Random random)
    {
        if (groupDegreesOfFreedom is not { } d0)
        {
            return sigma;
        }

        var k = Math.Max(1, (int)Math.Round(d0));
        var chi = Enumerable.Range(0, k).Sum(_ => Math.Pow(PairedSimulation.Normal(random), 2));
        return sigma * Math.Sqrt(k / chi);
    }
}
