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
/// Cases with an injected slowdown are left out. Only runs of today's job (its characteristics: launches back to back or
/// as passes, warm-up, iterations) are learnt from: a job with no warm-up spreads otherwise than one with, and a pair that
/// crosses jobs measures the change of job, not what a night adds (a night of back-to-back launches against a run of
/// passes gave one class 61 % in place of 6 %).
/// </summary>
public static class ClaimHistory
{
    /// <summary>
    /// Learns the component from those of <paramref name="earlier"/> (oldest first; runs of the same machine, before today's)
    /// that ran <paramref name="jobSettings"/>, today's job (<see cref="BenchmarkRun.JobSettings"/>).
    /// </summary>
    public static BetweenRuns Learn(IReadOnlyList<BenchmarkRun> earlier, IReadOnlyList<DeclaredClaim> claims, string jobSettings)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(jobSettings);
        var usable = earlier.Where(r => r.JobSettings == jobSettings && HasLaunches(r)).ToList();
        var timeClaims = claims.Where(c => c.Measure != ClaimMeasure.Metric).ToList();
        var pairs = new List<IReadOnlyList<BetweenRunPoint>>();
        for (var k = 1; k < usable.Count; k++)
        {
            pairs.Add(Points(usable[k - 1], usable[k], timeClaims));
        }

        return BetweenRuns.Learn(pairs, usable.Count);
    }

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
