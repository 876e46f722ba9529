using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publishing.Comparing;

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

    /// <summary>A benchmark needs this many earlier runs before its own spread is trusted; below it the stated fallback applies.</summary>
    public const int MinHistoryRuns = 5;

    /// <summary>Learns the model from the machine's earlier runs, oldest first.</summary>
    public static HistoryModel Learn(IReadOnlyList<BenchmarkRun> runs)
    {
        if (runs.Count == 0)
        {
            return HistoryModel.Empty;
        }

        var values = Matrix(runs, NoiseModel.RunValueLog);
        var cpu = Matrix(runs, NoiseModel.CpuRunValueLog);
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
            var sigma = NoiseModel.StandardDeviation(usedOffsets);
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
        var centers = rows.ToDictionary(v => v.Key, v => NoiseModel.Median([.. v.Value.Where(double.IsFinite)]));
        var offsets = new double[runs];
        for (var k = 0; k < runs; k++)
        {
            var deviations = rows.Where(v => double.IsFinite(v.Value[k])).Select(v => v.Value[k] - centers[v.Key]).ToList();
            offsets[k] = deviations.Count == 0 ? 0 : NoiseModel.Median(deviations);
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
        var sigma = NoiseModel.StandardDeviation(detrended);
        return (detrended.Average(), new NoiseEstimate(sigma * Math.Sqrt(1 + (1.0 / detrended.Count)), detrended.Count - 1, NoiseBasis.History, detrended.Count, sigma));
    }
}
