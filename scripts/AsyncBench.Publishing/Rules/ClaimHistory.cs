using AsyncBench.Protocol;
using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publishing.Rules;

/// <summary>
/// The between-run component of the claims' own time values (a ratio of two cases, not each case alone), learnt from the
/// machine's earlier runs: for each consecutive pair of them, each time claim's value at every setting both measured
/// (<paramref name="claims"/>, today's declarations, read from the earlier runs' reports), its change and what the two
/// runs' launches show of it (paired where that run pairs the class, as today's does). What a night does to both sides of
/// a ratio alike (the machine faster or slower that hour) cancels in the ratio, so no run-wide offset is taken out.
/// Cases with an injected slowdown are left out. A pair is two consecutive runs of one job (its characteristics: launches
/// back to back or as passes, warm-up, iterations): a pair that crosses jobs measures the change of job, not what a run
/// adds (a night of back-to-back launches, then a run of passes, gave one class 61 % where pairs of one job gave 6–11 %).
/// Today's job's pairs are used where they give <see cref="BetweenRuns.MinPoints"/> points; else every job's pairs, and
/// the page says so.
/// </summary>
public static class ClaimHistory
{
    /// <summary>
    /// Learns the component from <paramref name="earlier"/> (oldest first; runs of the same machine, before today's): from
    /// the pairs of runs of <paramref name="jobSettings"/>, today's job (<see cref="BenchmarkRun.JobSettings"/>), where they
    /// give enough points, else from the pairs of every job.
    /// </summary>
    public static BetweenRuns Learn(IReadOnlyList<BenchmarkRun> earlier, IReadOnlyList<DeclaredClaim> claims, string jobSettings)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(jobSettings);
        var timeClaims = claims.Where(c => c.Measure != ClaimMeasure.Metric).ToList();
        var byJob = earlier.Where(HasLaunches).GroupBy(r => r.JobSettings, StringComparer.Ordinal)
            .Select(job => (Job: job.Key, Runs: job.Count(), Pairs: PairsOf([.. job], timeClaims)))
            .ToList();
        var todays = byJob.FirstOrDefault(j => j.Job == jobSettings);
        if (todays.Pairs is { } own && own.Sum(p => p.Count) >= BetweenRuns.MinPoints)
        {
            return BetweenRuns.Learn(own, todays.Runs, todaysJob: true);
        }

        return BetweenRuns.Learn([.. byJob.SelectMany(j => j.Pairs)], byJob.Sum(j => j.Runs), todaysJob: byJob.All(j => j.Job == jobSettings));
    }

    private static List<IReadOnlyList<BetweenRunPoint>> PairsOf(IReadOnlyList<BenchmarkRun> runs, IReadOnlyList<DeclaredClaim> timeClaims) =>
        [.. Enumerable.Range(1, Math.Max(0, runs.Count - 1)).Select(k => (IReadOnlyList<BetweenRunPoint>)Points(runs[k - 1], runs[k], timeClaims))];

    /// <summary>A run with at least two launches a case (the median case): its launches say something about its own spread.</summary>
    public static bool HasLaunches(BenchmarkRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var launches = run.Results.Where(r => !r.Failed).Select(r => (double)Intervals.Launches(r)).ToList();
        return launches.Count > 0 && NoiseModel.Median(launches) >= 2;
    }

    private static List<BetweenRunPoint> Points(BenchmarkRun first, BenchmarkRun second, IReadOnlyList<DeclaredClaim> claims)
    {
        var (a, b) = (Succeeded(first), Succeeded(second));
        var (pairedA, pairedB) = (PairedClasses(claims, a), PairedClasses(claims, b));
        var points = new List<BetweenRunPoint>();
        var seen = new HashSet<(BenchmarkId, BenchmarkId, ClaimMeasure)>();
        foreach (var claim in claims)
        {
            var className = claim.Class.Replace('+', '.');
            var later = Claims.Settings(claim, b).ToDictionary(s => s.Setting.Key, StringComparer.Ordinal);
            foreach (var (side, versus, setting, _) in Claims.Settings(claim, a))
            {
                if (versus is null || !later.TryGetValue(setting.Key, out var other) || other.Versus is null || !seen.Add((side.Id, versus.Id, claim.Measure))
                    || Injected(first, side, versus) || Injected(second, other.Side, other.Versus))
                {
                    continue;
                }

                var ratio = claim.Measure == ClaimMeasure.Ratio;
                var ta = Intervals.Time(side, versus, ratio, pairedA.Contains(className));
                var tb = Intervals.Time(other.Side, other.Versus, ratio, pairedB.Contains(className));
                if (ta is null || tb is null || !double.IsFinite(ta.WithinVariance) || !double.IsFinite(tb.WithinVariance))
                {
                    continue;
                }

                // A difference's change is relative to its scale, as its component is applied (Intervals.Replication).
                var scale = ratio ? 1 : (ta.Scale + tb.Scale) / 2;
                points.Add(new BetweenRunPoint(side.Id, (tb.Center - ta.Center) / scale, (ta.WithinVariance + tb.WithinVariance) / (scale * scale)));
            }
        }

        return points;
    }

    private static List<BenchmarkResult> Succeeded(BenchmarkRun run) => [.. run.Results.Where(r => !r.Failed)];

    private static HashSet<string> PairedClasses(IReadOnlyList<DeclaredClaim> claims, IReadOnlyList<BenchmarkResult> succeeded) =>
        [.. Claims.Pairing(claims, succeeded).Where(p => p.Paired).Select(p => p.Class)];

    private static bool Injected(BenchmarkRun run, BenchmarkResult side, BenchmarkResult versus) =>
        run.Declarations.InjectedSlowdown(side) is not null || run.Declarations.InjectedSlowdown(versus) is not null;
}
