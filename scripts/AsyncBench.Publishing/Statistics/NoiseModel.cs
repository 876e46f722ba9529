using AsyncBench.Protocol;
using AsyncBench.Publishing.Comparing;
using AsyncBench.Publishing.Reading;

namespace AsyncBench.Publishing.Statistics;

/// <summary>Where a benchmark's noise came from.</summary>
public enum NoiseBasis
{
    /// <summary>Its own run-to-run spread over the machine's earlier runs.</summary>
    History,

    /// <summary>Too little history: the spread between the two runs' launches (processes), calibrated across benchmarks to what runs really differ by.</summary>
    Launches,

    /// <summary>Too little history and one launch per run: the spread between iterations of one process, calibrated the same way.</summary>
    Iterations,
}

/// <summary>
/// A run's value of a benchmark and the spread inside the run, at the level where the variance is: one
/// value per launch (process), the median of its iterations; the run's value is the mean of their logs and
/// its standard error within the run σ_launch ÷ √launches. What launches of one run cannot show (the machine's
/// state that night, shared by all launches) is the between-run component, learnt from the history or
/// calibrated across benchmarks (<see cref="Gate"/>).
/// </summary>
public static class NoiseModel
{
    /// <summary>CPU time per operation, process-wide (getrusage of the benchmark process), written by the suite's diagnoser.</summary>
    public const string CpuMetricId = MetricIds.CpuTimeNs;

    /// <summary>The medians of each launch's measurements, in launch order.</summary>
    public static IReadOnlyList<double> LaunchMedians(BenchmarkResult result) =>
        [.. result.Launches.Where(l => l.Count > 0).Select(l => Median(l))];

    /// <summary>
    /// The median of each launch's measurements by its launch number (BenchmarkDotNet's LaunchIndex; in a night made of
    /// passes, launch k of every case ran in pass k); launch 1 alone when the report does not number them.
    /// </summary>
    public static IReadOnlyDictionary<int, double> LaunchMediansByNumber(BenchmarkResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.MeasurementLaunches is not { } launches || launches.Count != result.MeasurementsNs.Count)
        {
            return result.MeasurementsNs.Count == 0 ? new Dictionary<int, double>() : new Dictionary<int, double> { [1] = Median(result.MeasurementsNs) };
        }

        return result.MeasurementsNs.Select((ns, i) => (ns, Launch: launches[i])).GroupBy(m => m.Launch)
            .ToDictionary(g => g.Key, g => Median([.. g.Select(m => m.ns)]));
    }

    /// <summary>
    /// The values the run's spread is measured on: the launch medians when the run has at least two
    /// launches, else the iterations of its one process (which miss the spread between processes).
    /// </summary>
    public static (IReadOnlyList<double> Values, NoiseBasis Basis) Units(BenchmarkResult result)
    {
        var launches = LaunchMedians(result);
        return launches.Count >= 2 ? (launches, NoiseBasis.Launches) : (result.MeasurementsNs, NoiseBasis.Iterations);
    }

    /// <summary>A run's value of a benchmark, log scale: the mean of its log launch medians (one launch: the log of its median).</summary>
    public static double RunValueLog(BenchmarkResult result)
    {
        var medians = LaunchMedians(result).Where(v => v > 0).ToList();
        return medians.Count == 0 ? double.NaN : medians.Average(Math.Log);
    }

    /// <summary>
    /// A run's CPU time per operation, log scale: the mean of its launches' logs where the run kept each launch's (a run merged
    /// from passes: one process each), else the log of the one value BenchmarkDotNet kept (its last launch); NaN without one.
    /// </summary>
    public static double CpuRunValueLog(BenchmarkResult result)
    {
        var values = result.MetricPerLaunch(CpuMetricId).Where(v => v > 0).ToList();
        return values.Count == 0 ? double.NaN : values.Average(Math.Log);
    }

    /// <summary>The spread (1 σ, log) of a run's units around their own mean, and its degrees of freedom.</summary>
    public static (double Sigma, int DegreesOfFreedom, int Count) WithinRun(BenchmarkResult result)
    {
        var logs = Units(result).Values.Where(v => v > 0).Select(v => Math.Log(v)).ToList();
        if (logs.Count < 2)
        {
            return (double.NaN, 0, logs.Count);
        }

        var mean = logs.Average();
        return (Math.Sqrt(logs.Sum(v => (v - mean) * (v - mean)) / (logs.Count - 1)), logs.Count - 1, logs.Count);
    }

    /// <summary>
    /// The within-run part of a change's variance between two runs, pooled over both: σ²_within (1/n₁ + 1/n₂),
    /// with σ² pooled and its degrees of freedom n₁ + n₂ − 2; NaN when neither run has two units.
    /// </summary>
    public static (double PooledSigma, double Factor, int DegreesOfFreedom, NoiseBasis Basis) Within(BenchmarkResult baseResult, BenchmarkResult diffResult)
    {
        var (sb, db, nb) = WithinRun(baseResult);
        var (sd, dd, nd) = WithinRun(diffResult);
        var basis = Units(baseResult).Basis == NoiseBasis.Launches && Units(diffResult).Basis == NoiseBasis.Launches ? NoiseBasis.Launches : NoiseBasis.Iterations;
        var df = db + dd;
        if (df == 0)
        {
            return (double.NaN, double.NaN, 0, basis);
        }

        var pooled = Math.Sqrt(((double.IsNaN(sb) ? 0 : sb * sb * db) + (double.IsNaN(sd) ? 0 : sd * sd * dd)) / df);
        return (pooled, (1.0 / Math.Max(nb, 1)) + (1.0 / Math.Max(nd, 1)), df, basis);
    }

    /// <summary>
    /// How much of the launch spread the iterations explain: the variance of each launch's value (the median of its
    /// iterations: π/2 × their variance (log) ÷ their count, the sample median's by normal theory), averaged over both
    /// runs' launches, as a share (at most 1) of the pooled launch variance <paramref name="launchSigma"/>²; NaN without
    /// a launch of two iterations.
    /// </summary>
    public static double IterationShare(BenchmarkResult baseResult, BenchmarkResult diffResult, double launchSigma)
    {
        var perLaunch = new[] { baseResult, diffResult }
            .SelectMany(r => r.Launches)
            .Select(l => l.Where(v => v > 0).Select(v => Math.Log(v)).ToList())
            .Where(l => l.Count >= 2)
            .Select(l => Math.PI / 2 * StandardDeviation(l) * StandardDeviation(l) / l.Count)
            .ToList();
        return perLaunch.Count == 0 || !(launchSigma > 0) ? double.NaN : Math.Min(1, perLaunch.Average() / (launchSigma * launchSigma));
    }

    /// <summary>The sample median (Pragmastat's: the middle value, or the mean of the two middle ones); NaN for no values.</summary>
    public static double Median(IReadOnlyList<double> values) =>
        values.Count == 0 ? double.NaN : Pragmastat.Estimators.MedianEstimator.Instance.Estimate(new Pragmastat.Sample([.. values])).NominalValue;

    /// <summary>The median absolute deviation scaled to σ for a normal sample (× 1.4826).</summary>
    public static double RobustSigma(IReadOnlyList<double> values)
    {
        var center = Median(values);
        return 1.4826 * Median([.. values.Select(v => Math.Abs(v - center))]);
    }

    public static double StandardDeviation(IReadOnlyList<double> values)
    {
        if (values.Count < 2)
        {
            return double.NaN;
        }

        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }
}
