using AsyncBench.Publishing.Comparing;
using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publishing.Planning;

/// <summary>Plans a night's launches per class from pilot runs: the plan that makes the most cases gateable within the minutes given.</summary>
public static class LaunchPlanner
{
    /// <summary>The fewest launches a class gets: two show a spread between processes, one does not.</summary>
    public const int MinLaunches = 2;

    /// <summary>The most a class gets (a night of passes runs this many passes at most).</summary>
    public const int MaxLaunches = 40;

    /// <summary>
    /// What a launch costs besides its measured iterations (the process's start, the fixture's set-up and the build's share):
    /// on the 2-core VM a night's wall time less its measured iterations, over its launches (README, the launch plan).
    /// </summary>
    public const double DefaultLaunchOverheadSeconds = 1.25;

    /// <summary>The minutes of benchmark processes a nightly hour holds on the 2-core VM, its builds and publishing left out.</summary>
    public const double DefaultBudgetMinutes = 50;

    /// <summary>The most launches one greedy step adds to a class: a class's next gateable case may be several launches away.</summary>
    private const int LookAhead = 10;

    public static LaunchPlan Plan(IReadOnlyList<BenchmarkRun> pilots, double thresholdPercent, double budgetMinutes, double launchOverheadSeconds)
    {
        ArgumentNullException.ThrowIfNull(pilots);
        var cases = Spreads(pilots, thresholdPercent, launchOverheadSeconds);
        if (cases.All(c => c.DegreesOfFreedom == 0))
        {
            throw new PublishException("The pilot runs have no case with launches to size from: give runs of the nightly profile or a night of passes (two launches a case or more).");
        }

        var classes = cases.GroupBy(c => c.Id.ClassName, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ClassPlan(g.Key, [.. g], PilotLaunches(g), MinLaunches))
            .ToList();

        // Greedy by gain per second: each step gives the class whose next launches make the most cases gateable per second
        // of night, until no step fits the budget or gains a case.
        var budgetSeconds = budgetMinutes * 60;
        var spent = classes.Sum(c => c.Launches * c.SecondsPerLaunch);
        while (true)
        {
            (double Rate, int Index, int Launches)? best = null;
            for (var i = 0; i < classes.Count; i++)
            {
                var c = classes[i];
                for (var more = 1; more <= LookAhead && c.Launches + more <= MaxLaunches; more++)
                {
                    var seconds = more * c.SecondsPerLaunch;
                    if (spent + seconds > budgetSeconds)
                    {
                        break;
                    }

                    var gain = c.GateableWith(c.Launches + more) - c.Gateable;
                    var rate = gain / Math.Max(seconds, 1e-9);
                    if (gain > 0 && (best is null || rate > best.Value.Rate))
                    {
                        best = (rate, i, c.Launches + more);
                    }
                }
            }

            if (best is not { } step)
            {
                break;
            }

            spent += (step.Launches - classes[step.Index].Launches) * classes[step.Index].SecondsPerLaunch;
            classes[step.Index] = classes[step.Index] with { Launches = step.Launches };
        }

        return new LaunchPlan(thresholdPercent, budgetMinutes, launchOverheadSeconds, pilots.Count, classes);
    }

    /// <summary>
    /// Whether the gate would see a <paramref name="thresholdPercent"/> slowdown of a case with this launch spread and
    /// <paramref name="launches"/> launches a side: the gate's own rule (<see cref="FlagRule.Gateable"/>) on the launch-only
    /// standard error σ √(2/L) with 2L − 2 degrees of freedom.
    /// </summary>
    public static bool Gateable(double sigma, double referenceNs, int launches, double thresholdPercent)
    {
        if (!double.IsFinite(sigma) || launches < 2)
        {
            return false;
        }

        var noise = new NoiseEstimate(Math.Max(sigma, 1e-12) * Math.Sqrt(2.0 / launches), (2 * launches) - 2, NoiseBasis.Launches, 0, sigma);
        return FlagRule.Gateable(noise, thresholdPercent, referenceNs);
    }

    /// <summary>
    /// Each case's launch spread, pooled over the pilots (every run's launches around that run's own mean, so a night's
    /// shift is not spread), and what a launch of it costs: its measured iterations per launch plus the overhead.
    /// </summary>
    private static List<CaseSpread> Spreads(IReadOnlyList<BenchmarkRun> pilots, double thresholdPercent, double launchOverheadSeconds)
    {
        var spreads = new List<CaseSpread>();
        var byId = pilots.SelectMany(p => p.Results).Where(r => !r.Failed).GroupBy(r => r.Id);
        foreach (var results in byId)
        {
            var (squares, df, logs, launches, measuredNs) = (0.0, 0, new List<double>(), new List<int>(), 0.0);
            foreach (var result in results)
            {
                var runLogs = NoiseModel.LaunchMedians(result).Where(v => v > 0).Select(v => Math.Log(v)).ToList();
                if (runLogs.Count == 0)
                {
                    continue;
                }

                var mean = runLogs.Average();
                squares += runLogs.Sum(v => (v - mean) * (v - mean));
                df += runLogs.Count - 1;
                logs.AddRange(runLogs);
                launches.Add(runLogs.Count);
                measuredNs += result.MeasuredNs;
            }

            if (launches.Count == 0)
            {
                continue;
            }

            var sigma = df > 0 ? Math.Sqrt(squares / df) : double.NaN;
            var reference = Math.Exp(logs.Average());
            var seconds = (measuredNs / 1e9 / launches.Sum()) + launchOverheadSeconds;
            var needed = Enumerable.Range(MinLaunches, MaxLaunches - MinLaunches + 1).Cast<int?>()
                .FirstOrDefault(l => Gateable(sigma, reference, l!.Value, thresholdPercent));
            spreads.Add(new CaseSpread(results.Key, sigma, df, reference, seconds, (int)Math.Round(NoiseModel.Median([.. launches.Select(l => (double)l)])), needed));
        }

        return spreads;
    }

    /// <summary>The launches the pilot gave the class's cases (the median over its cases).</summary>
    private static int PilotLaunches(IEnumerable<CaseSpread> cases) =>
        (int)Math.Round(NoiseModel.Median([.. cases.Select(c => (double)c.PilotLaunches)]));
}
