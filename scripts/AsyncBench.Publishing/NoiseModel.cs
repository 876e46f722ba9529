using System.Globalization;
using Perfolizer.Mathematics.Distributions.ContinuousDistributions;
using Pragmastat;
using Pragmastat.Estimators;

namespace AsyncBench.Publishing;

/// <summary>Where a benchmark's noise band came from.</summary>
public enum NoiseBasis
{
    /// <summary>Its own run-to-run spread over the machine's earlier runs.</summary>
    History,

    /// <summary>Too little history: the spread between the processes (launches) of the two runs compared.</summary>
    Launches,

    /// <summary>Too little history and one launch per run: the spread between iterations of one process, which misses the between-process spread.</summary>
    Iterations,
}

/// <summary>
/// How much one benchmark's run value (the median of its launch medians) moves from run to run, on the
/// log scale, so ±<see cref="Sigma"/> is a relative spread. <see cref="Runs"/> is how many runs the
/// reference value is taken over (1 when it is one base run).
/// </summary>
public sealed record NoiseEstimate(double Sigma, int Runs, int DegreesOfFreedom, NoiseBasis Basis)
{
    /// <summary>
    /// The prediction interval's half-width for a new run against the reference: Student's t at
    /// 1 − α/2 × σ × √(1 + 1/runs). A run of unchanged code lands outside it with probability α.
    /// </summary>
    public double Band(double alpha) =>
        DegreesOfFreedom < 1 || !double.IsFinite(Sigma)
            ? double.PositiveInfinity
            : new StudentDistribution(DegreesOfFreedom).Quantile(1 - (alpha / 2)) * Sigma * Math.Sqrt(1 + (1.0 / Runs));

    /// <summary>The spread as a percentage (e^σ − 1).</summary>
    public double SpreadPercent => (Math.Exp(Sigma) - 1) * 100;
}

/// <summary>One benchmark's history: its reference value and run-to-run spread with the machine's drift taken out.</summary>
public sealed record BenchmarkHistory(double CenterLog, NoiseEstimate Noise, IReadOnlyList<double> AllocatedBytes, IReadOnlyList<double> WorkItems);

/// <summary>
/// What the machine's earlier runs say. Each run's run-wide offset (the median over benchmarks of its
/// log distance from their centers: the whole machine being faster or slower that night) is taken out
/// before each benchmark's own spread is measured, and the offsets' own spread is the machine's drift.
/// </summary>
public sealed record HistoryModel(
    IReadOnlyList<BenchmarkRun> Runs,
    IReadOnlyDictionary<BenchmarkId, BenchmarkHistory> Benchmarks,
    IReadOnlyList<double> RunOffsetsLog,
    NoiseEstimate? Drift)
{
    public static readonly HistoryModel Empty = new([], new Dictionary<BenchmarkId, BenchmarkHistory>(), [], null);
}

public static class NoiseModel
{
    /// <summary>A benchmark needs this many earlier runs before its own spread is trusted; below it the stated fallback applies.</summary>
    public const int MinHistoryRuns = 5;

    /// <summary>The medians of each launch's measurements, in launch order.</summary>
    public static IReadOnlyList<double> LaunchMedians(BenchmarkResult result) =>
        [.. result.Launches.Where(l => l.Count > 0).Select(l => Median(l))];

    /// <summary>A run's value of a benchmark, log scale: the median of its launch medians (one launch: its median).</summary>
    public static double RunValueLog(BenchmarkResult result)
    {
        var medians = LaunchMedians(result);
        return medians.Count == 0 ? double.NaN : Math.Log(Median(medians));
    }

    /// <summary>
    /// The fallback's size of a change, log scale: the Hodges–Lehmann shift (Pragmastat's ShiftEstimator, the
    /// median of all pairwise differences) between today's and the base's log launch medians; between their
    /// log iterations when a run has a single launch.
    /// </summary>
    public static double ShiftLog(BenchmarkResult baseResult, BenchmarkResult diffResult)
    {
        var b = LaunchMedians(baseResult);
        var d = LaunchMedians(diffResult);
        if (b.Count < 2 || d.Count < 2)
        {
            (b, d) = (baseResult.MeasurementsNs, diffResult.MeasurementsNs);
        }

        var logB = b.Where(v => v > 0).Select(v => Math.Log(v)).ToList();
        var logD = d.Where(v => v > 0).Select(v => Math.Log(v)).ToList();
        return logB.Count == 0 || logD.Count == 0 ? double.NaN : ShiftEstimator.Instance.Estimate(new Sample(logD), new Sample(logB)).NominalValue;
    }

    public static HistoryModel Learn(IReadOnlyList<BenchmarkRun> runs)
    {
        if (runs.Count == 0)
        {
            return HistoryModel.Empty;
        }

        // log run values per benchmark per run (NaN where absent or failed)
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

                row[k] = RunValueLog(result);
            }
        }

        var rich = values.Where(v => v.Value.Count(double.IsFinite) >= MinHistoryRuns).ToDictionary(v => v.Key, v => v.Value);
        var centers = rich.ToDictionary(v => v.Key, v => Median([.. v.Value.Where(double.IsFinite)]));
        var offsets = new double[runs.Count];
        for (var k = 0; k < runs.Count; k++)
        {
            var deviations = rich.Where(v => double.IsFinite(v.Value[k])).Select(v => v.Value[k] - centers[v.Key]).ToList();
            offsets[k] = deviations.Count == 0 ? 0 : Median(deviations);
        }

        var benchmarks = new Dictionary<BenchmarkId, BenchmarkHistory>();
        foreach (var (id, row) in rich)
        {
            var detrended = row.Select((v, k) => v - offsets[k]).Where(double.IsFinite).ToList();
            var noise = new NoiseEstimate(StandardDeviation(detrended), detrended.Count, detrended.Count - 1, NoiseBasis.History);
            var results = runs.Select(r => r.Results.FirstOrDefault(x => x.Id == id)).Where(r => r is { Failed: false }).Select(r => r!).ToList();
            benchmarks[id] = new BenchmarkHistory(
                Median(detrended),
                noise,
                [.. results.Where(r => r.AllocatedBytesPerOperation is not null).Select(r => r.AllocatedBytesPerOperation!.Value)],
                [.. results.Where(r => r.CompletedWorkItemsPerOperation is not null).Select(r => r.CompletedWorkItemsPerOperation!.Value)]);
        }

        var usedOffsets = Enumerable.Range(0, runs.Count).Where(k => rich.Values.Any(row => double.IsFinite(row[k]))).Select(k => offsets[k]).ToList();
        var drift = usedOffsets.Count >= MinHistoryRuns
            ? new NoiseEstimate(StandardDeviation(usedOffsets), usedOffsets.Count, usedOffsets.Count - 1, NoiseBasis.History)
            : null;
        return new HistoryModel(runs, benchmarks, usedOffsets, drift);
    }

    /// <summary>
    /// The fallback when a benchmark has too little history: the spread of the two runs' launch medians
    /// around their own run's mean (pooled, log scale), taken as the spread of a whole run. Launches of
    /// one case run back to back, so a run can share more than its launches show; counting one launch's
    /// spread as a run's (not divided by √launches) leaves room for that. With one launch per run the
    /// iterations of that one process stand in, which misses the spread between processes.
    /// </summary>
    public static NoiseEstimate FromLaunches(BenchmarkResult baseResult, BenchmarkResult diffResult)
    {
        var baseLaunches = LaunchMedians(baseResult);
        var diffLaunches = LaunchMedians(diffResult);
        if (baseLaunches.Count >= 2 && diffLaunches.Count >= 2)
        {
            return Pooled([baseLaunches, diffLaunches], NoiseBasis.Launches);
        }

        return Pooled([baseResult.MeasurementsNs, diffResult.MeasurementsNs], NoiseBasis.Iterations);
    }

    private static NoiseEstimate Pooled(IReadOnlyList<IReadOnlyList<double>> groups, NoiseBasis basis)
    {
        var squares = 0.0;
        var df = 0;
        foreach (var group in groups.Where(g => g.Count >= 2))
        {
            var logs = group.Where(v => v > 0).Select(v => Math.Log(v)).ToList();
            var center = logs.Average();
            squares += logs.Sum(v => (v - center) * (v - center));
            df += logs.Count - 1;
        }

        return new NoiseEstimate(df > 0 ? Math.Sqrt(squares / df) : double.NaN, 1, df, basis);
    }

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        var n = sorted.Count;
        return n == 0 ? double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
    }

    private static double StandardDeviation(IReadOnlyList<double> values)
    {
        if (values.Count < 2)
        {
            return double.NaN;
        }

        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }
}

/// <summary>How precise one run's numbers are, for the index page: one line a reader can weigh the tables by.</summary>
public sealed record RunPrecision(int Cases, double MedianMarginPercent, int Over50Percent, double MedianHarrellDavisPercent, int TypicalLaunches)
{
    public static RunPrecision? Of(BenchmarkRun run)
    {
        var ok = run.Results.Where(r => !r.Failed && r.Statistics!.Mean > 0 && double.IsFinite(r.Statistics.ConfidenceMargin)).ToList();
        if (ok.Count == 0)
        {
            return null;
        }

        var margins = ok.Select(r => r.Statistics!.ConfidenceMargin / r.Statistics.Mean * 100).ToList();
        var harrellDavis = ok.Where(r => r.MeasurementsNs.Count >= 3).Select(r =>
        {
            var sample = new Pragmastat.Sample([.. r.MeasurementsNs]);
            var interval = Perfolizer.Mathematics.QuantileEstimators.HarrellDavisQuantileEstimator.Instance
                .QuantileConfidenceIntervalEstimator(sample, Pragmastat.Probability.Median)
                .ConfidenceInterval(Perfolizer.Mathematics.Common.ConfidenceLevel.L99);
            return interval.Margin / interval.Estimation * 100;
        }).Where(double.IsFinite).ToList();
        var launches = NoiseModel.Median([.. ok.Select(r => (double)r.Launches.Count)]);
        return new RunPrecision(ok.Count, NoiseModel.Median(margins), margins.Count(m => m > 50), harrellDavis.Count == 0 ? double.NaN : NoiseModel.Median(harrellDavis), (int)launches);
    }

    public string Sentence =>
        string.Create(CultureInfo.InvariantCulture,
            $"Precision: the median case's 99.9% confidence interval (BenchmarkDotNet's, around the mean) is ±{Format.Number(MedianMarginPercent)}% of its mean, and {Over50Percent} of {Cases} cases exceed ±50%; ") +
        (double.IsFinite(MedianHarrellDavisPercent) ? string.Create(CultureInfo.InvariantCulture, $"the median case's 99% interval of the median (Harrell–Davis) is ±{Format.Number(MedianHarrellDavisPercent)}%; ") : string.Empty) +
        string.Create(CultureInfo.InvariantCulture, $"{TypicalLaunches} launch(es) (processes) per case.");
}
