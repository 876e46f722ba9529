using AsyncBench.Protocol;
using AsyncBench.Publishing.Comparing;
using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Reading.FullJson;
using Perfolizer.Mathematics.Distributions.ContinuousDistributions;

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
/// The uncertainty of one benchmark's change (today's log run value − the reference), on the log scale:
/// its standard error, the degrees of freedom it was estimated with (∞ for a known value), and where it
/// came from. <see cref="RunSpread"/> is the spread of a single run's value (1 σ, log), for the report.
/// </summary>
public sealed record NoiseEstimate(double StandardError, double DegreesOfFreedom, NoiseBasis Basis, int Runs, double RunSpread)
{
    /// <summary>The one-sided critical value at <see cref="Gate.Alpha"/>: Student's t with the estimate's degrees of freedom.</summary>
    public double Critical => Gate.Critical(DegreesOfFreedom);

    /// <summary>The smallest change (log) that is significant: critical value × standard error.</summary>
    public double SignificantLog => Critical * StandardError;

    /// <summary>The chance that a true slowdown of <paramref name="thresholdPercent"/> is flagged: see <see cref="Gate.Power"/>.</summary>
    public double Power(double thresholdPercent) => Gate.Power(this, thresholdPercent);

    /// <summary>The run value's spread as a percentage (e^σ − 1).</summary>
    public double RunSpreadPercent => (Math.Exp(RunSpread) - 1) * 100;

    public bool IsKnown => double.IsFinite(StandardError) && StandardError > 0 && DegreesOfFreedom >= 1;

    /// <summary>
    /// The share of the change's variance that the two runs' launches show (σ²_launch (1/L₁ + 1/L₂) ÷ SE²); the rest is
    /// what whole runs add (the machine that night). NaN where not known (a history estimate, or one launch).
    /// </summary>
    public double LaunchShare { get; init; } = double.NaN;

    /// <summary>
    /// The share of the launch spread's variance that the iterations inside each launch explain (their variance ÷ their
    /// count); the rest is the process itself (its JIT, memory layout, pool and file state). NaN where not known.
    /// </summary>
    public double IterationShare { get; init; } = double.NaN;
}

/// <summary>
/// The flag rule and its power, stated once. A change is flagged when it is significant beyond the noise
/// (one-sided, at <see cref="Alpha"/> per direction) and past the practical floor (<see cref="FloorShare"/>
/// × the threshold, and <see cref="AbsoluteFloorNs"/>). A benchmark is gateable at T % when a true T %
/// slowdown would be flagged with at least <see cref="RequiredPower"/> probability.
/// </summary>
public static class Gate
{
    /// <summary>
    /// The false-positive rate per benchmark and direction (one-sided). An A/A pair then flags 1 % of
    /// benchmarks slower and 1 % faster on average (2 % in all), below the goal of at most 5 %, with room
    /// for a noise model that is somewhat off.
    /// </summary>
    public const double Alpha = 0.01;

    /// <summary>The power a benchmark must have at the threshold to be gateable.</summary>
    public const double RequiredPower = 0.90;

    /// <summary>
    /// The practical floor, as a share of the threshold: a change smaller than half the threshold is never
    /// flagged, however significant. Half, not all: a rule that needs the observed change to exceed T %
    /// catches a true T % slowdown only half the time.
    /// </summary>
    public const double FloorShare = 0.5;

    /// <summary>
    /// Below this absolute difference a time is the same whatever its ratio: the resolution of BenchmarkDotNet's
    /// overhead subtraction (dotnet/performance's ResultsComparer uses 0.3 ns by default).
    /// </summary>
    public const double AbsoluteFloorNs = 0.3;

    /// <summary>The thresholds the report states the gateable share for.</summary>
    public static IReadOnlyList<double> ReportedThresholds { get; } = [10, 15, 25];

    public static double Log(double percent) => Math.Log(1 + (percent / 100));

    public static double FloorLog(double thresholdPercent) => FloorShare * Log(thresholdPercent);

    /// <summary>Student's t at 1 − <see cref="Alpha"/> (the normal quantile for infinite degrees of freedom).</summary>
    public static double Critical(double degreesOfFreedom) => Quantile(1 - Alpha, degreesOfFreedom);

    public static double Quantile(double p, double degreesOfFreedom) =>
        degreesOfFreedom < 1 || double.IsNaN(degreesOfFreedom) ? double.PositiveInfinity
        : degreesOfFreedom > 1e6 ? Normal.Quantile(p)
        : new StudentDistribution(degreesOfFreedom).Quantile(p);

    /// <summary>
    /// Power at a true slowdown Δ = log(1 + T): the observed change is Δ plus noise of the estimate's standard
    /// error (normal), and it is flagged when it exceeds both t₁₋α × SE and the practical floor:
    /// Φ((Δ − max(t₁₋α·SE, floor)) ÷ SE).
    /// </summary>
    public static double Power(NoiseEstimate noise, double thresholdPercent)
    {
        if (!noise.IsKnown)
        {
            return 0;
        }

        var delta = Log(thresholdPercent);
        var bar = Math.Max(noise.SignificantLog, FloorLog(thresholdPercent));
        return Normal.Cdf((delta - bar) / noise.StandardError);
    }

    /// <summary>Gateable at T %: enough power, and T % of the reference is above the absolute floor.</summary>
    public static bool Gateable(NoiseEstimate? noise, double thresholdPercent, double referenceNs) =>
        noise is not null && Power(noise, thresholdPercent) >= RequiredPower && referenceNs * thresholdPercent / 100 > AbsoluteFloorNs;
}

/// <summary>The standard normal distribution: Φ by the complementary error function (Numerical Recipes' erfc, error below 1.2e-7), Φ⁻¹ by bisection.</summary>
public static class Normal
{
    public static double Cdf(double x) => 0.5 * Erfc(-x / Math.Sqrt(2));

    public static double Quantile(double p)
    {
        var (low, high) = (-40.0, 40.0);
        for (var i = 0; i < 200; i++)
        {
            var middle = (low + high) / 2;
            (low, high) = Cdf(middle) < p ? (middle, high) : (low, middle);
        }

        return (low + high) / 2;
    }

    private static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1 / (1 + (0.5 * z));
        double[] c = [-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277];
        var poly = 0.0;
        for (var k = c.Length - 1; k >= 0; k--)
        {
            poly = c[k] + (t * poly);
        }

        var r = t * Math.Exp(-(z * z) + poly);
        return x >= 0 ? r : 2 - r;
    }
}

/// <summary>One benchmark's history: its reference value and run-to-run spread with each run's run-wide offset taken out.</summary>
public sealed record BenchmarkHistory(
    double CenterLog,
    NoiseEstimate Noise,
    IReadOnlyList<double> AllocatedBytes,
    IReadOnlyList<double> WorkItems,
    double? CpuCenterLog,
    NoiseEstimate? CpuNoise);

/// <summary>
/// What the machine's earlier runs say. Each run's run-wide offset (the median over benchmarks of their
/// log distance from their centers: the whole machine faster or slower that night) is taken out before
/// each benchmark's own spread is measured; the offsets' own spread is the machine's drift.
/// </summary>
public sealed record HistoryModel(
    IReadOnlyList<BenchmarkRun> Runs,
    IReadOnlyDictionary<BenchmarkId, BenchmarkHistory> Benchmarks,
    IReadOnlyList<double> RunOffsetsLog,
    NoiseEstimate? Drift,
    IReadOnlyDictionary<BenchmarkId, IReadOnlyList<double>> AllocationsSeen)
{
    public static readonly HistoryModel Empty = new([], new Dictionary<BenchmarkId, BenchmarkHistory>(), [], null, new Dictionary<BenchmarkId, IReadOnlyList<double>>());
}

/// <summary>
/// A run's value of a benchmark and the spread inside the run, at the level where the variance is: one
/// value per launch (process), the median of its iterations; the run's value is the mean of their logs and
/// its standard error within the run σ_launch ÷ √launches. What launches of one run cannot show (the machine's
/// state that night, shared by all launches) is the between-run component, learnt from the history or
/// calibrated across benchmarks (<see cref="Comparer"/>).
/// </summary>
public static class NoiseModel
{
    /// <summary>A benchmark needs this many earlier runs before its own spread is trusted; below it the stated fallback applies.</summary>
    public const int MinHistoryRuns = 5;

    /// <summary>CPU time per operation, process-wide (getrusage of the benchmark process), written by the suite's diagnoser.</summary>
    public const string CpuMetricId = MetricIds.CpuTimeNs;

    /// <summary>The medians of each launch's measurements, in launch order.</summary>
    public static IReadOnlyList<double> LaunchMedians(BenchmarkResult result) =>
        [.. result.Launches.Where(l => l.Count > 0).Select(l => Median(l))];

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

    public static HistoryModel Learn(IReadOnlyList<BenchmarkRun> runs)
    {
        if (runs.Count == 0)
        {
            return HistoryModel.Empty;
        }

        var values = Matrix(runs, RunValueLog);
        var cpu = Matrix(runs, CpuRunValueLog);
        var rich = values.Where(v => v.Value.Count(double.IsFinite) >= MinHistoryRuns).ToDictionary(v => v.Key, v => v.Value);
        var offsets = Offsets(rich, runs.Count);
        var cpuOffsets = Offsets(cpu.Where(v => v.Value.Count(double.IsFinite) >= MinHistoryRuns).ToDictionary(v => v.Key, v => v.Value), runs.Count);

        var benchmarks = new Dictionary<BenchmarkId, BenchmarkHistory>();
        foreach (var (id, row) in rich)
        {
            var (center, noise) = Detrended(row, offsets);
            var results = runs.Select(r => r.Results.FirstOrDefault(x => x.Id == id)).Where(r => r is { Failed: false }).Select(r => r!).ToList();
            double? cpuCenter = null;
            NoiseEstimate? cpuNoise = null;
            if (cpu.TryGetValue(id, out var cpuRow) && cpuRow.Count(double.IsFinite) >= MinHistoryRuns)
            {
                (var c, cpuNoise) = Detrended(cpuRow, cpuOffsets);
                cpuCenter = c;
            }

            benchmarks[id] = new BenchmarkHistory(
                center,
                noise,
                [.. results.Where(r => r.AllocatedBytesPerOperation is not null).Select(r => r.AllocatedBytesPerOperation!.Value)],
                [.. results.SelectMany(r => r.WorkItemsPerLaunch)],
                cpuCenter,
                cpuNoise);
        }

        var usedOffsets = Enumerable.Range(0, runs.Count).Where(k => rich.Values.Any(row => double.IsFinite(row[k]))).Select(k => offsets[k]).ToList();
        NoiseEstimate? drift = null;
        if (usedOffsets.Count >= MinHistoryRuns)
        {
            var sigma = StandardDeviation(usedOffsets);
            drift = new NoiseEstimate(sigma * Math.Sqrt(1 + (1.0 / usedOffsets.Count)), usedOffsets.Count - 1, NoiseBasis.History, usedOffsets.Count, sigma);
        }

        // Counts need no five runs: two runs (or two launches, each its own process) that agree exactly already say a count is deterministic.
        var allocations = runs.SelectMany(r => r.Results.Where(x => !x.Failed && x.AllocatedBytesPerLaunch.Count > 0))
            .GroupBy(x => x.Id)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<double>)[.. g.SelectMany(x => x.AllocatedBytesPerLaunch)]);
        return new HistoryModel(runs, benchmarks, usedOffsets, drift, allocations);
    }

    /// <summary>A value per benchmark per run (NaN where absent or failed).</summary>
    private static Dictionary<BenchmarkId, double[]> Matrix(IReadOnlyList<BenchmarkRun> runs, Func<BenchmarkResult, double> value)
    {
        var values = new Dictionary<BenchmarkId, double[]>();
        for (var k = 0; k < runs.Count; k++)
        {
            foreach (var result in runs[k].Results.Where(r => !r.Failed))
            {
                if (!values.TryGetValue(result.Id, out var row))
                {
                    row = [.. Enumerable.Repeat(double.NaN, runs.Count)];
                    values[result.Id] = row;
                }

                row[k] = value(result);
            }
        }

        return values;
    }

    /// <summary>Each run's run-wide offset: the median over benchmarks of its distance from their centers.</summary>
    private static double[] Offsets(Dictionary<BenchmarkId, double[]> rows, int runs)
    {
        var centers = rows.ToDictionary(v => v.Key, v => Median([.. v.Value.Where(double.IsFinite)]));
        var offsets = new double[runs];
        for (var k = 0; k < runs; k++)
        {
            var deviations = rows.Where(v => double.IsFinite(v.Value[k])).Select(v => v.Value[k] - centers[v.Key]).ToList();
            offsets[k] = deviations.Count == 0 ? 0 : Median(deviations);
        }

        return offsets;
    }

    /// <summary>
    /// The center (mean of the run values with each run's offset taken out) and the noise of a new run's
    /// change against it: σ_run × √(1 + 1/K), with K − 1 degrees of freedom (a prediction, not a mean's error).
    /// </summary>
    private static (double Center, NoiseEstimate Noise) Detrended(double[] row, double[] offsets)
    {
        var detrended = row.Select((v, k) => v - offsets[k]).Where(double.IsFinite).ToList();
        var sigma = StandardDeviation(detrended);
        return (detrended.Average(), new NoiseEstimate(sigma * Math.Sqrt(1 + (1.0 / detrended.Count)), detrended.Count - 1, NoiseBasis.History, detrended.Count, sigma));
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
