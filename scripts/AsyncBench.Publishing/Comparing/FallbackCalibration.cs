using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publishing.Comparing;

/// <summary>How a fallback group's between-run spread was calibrated: runs differ by √<see cref="Factor"/> × the launch spread.</summary>
public sealed record FallbackCalibration(string Group, int Benchmarks, double Factor, double LaunchOnlyFactor);

/// <summary>The gate's fallback without a history: the between-run component calibrated across a group of benchmarks.</summary>
internal static class FallbackCalibrator
{
    /// <summary>
    /// The fallback's between-run calibration, per group: each benchmark's residual change (the run-wide
    /// shift taken out) squared, over its pooled within-run variance; the median of that over the group,
    /// divided by the median of F(1, df), is the factor the within-run variance is multiplied by.
    /// Returns the calibration each fallback benchmark uses.
    /// </summary>
    internal static Dictionary<BenchmarkId, FallbackCalibration> Calibrate(
        List<BenchmarkId> ids, Dictionary<BenchmarkId, double> changes, double shift, Dictionary<BenchmarkId, BenchmarkResult> baseById, Dictionary<BenchmarkId, BenchmarkResult> diffById)
    {
        var points = ids
            .Select(id => (Id: id, Within: NoiseModel.Within(baseById[id], diffById[id]), Change: changes[id]))
            .Where(p => double.IsFinite(p.Change) && p.Within.PooledSigma > 0)
            .ToList();
        var groups = new Dictionary<string, FallbackCalibration>(StringComparer.Ordinal);
        FallbackCalibration For(string group, IReadOnlyList<(BenchmarkId Id, (double PooledSigma, double Factor, int DegreesOfFreedom, NoiseBasis Basis) Within, double Change)> members)
        {
            if (!groups.TryGetValue(group, out var calibration))
            {
                var ratios = members.Select(m => Math.Pow(m.Change - shift, 2) / (m.Within.PooledSigma * m.Within.PooledSigma)).ToList();
                var df = NoiseModel.Median([.. members.Select(m => (double)m.Within.DegreesOfFreedom)]);
                var fMedian = Math.Pow(FlagRule.Quantile(0.75, df), 2);
                var launchOnly = NoiseModel.Median([.. members.Select(m => m.Within.Factor)]);
                calibration = new FallbackCalibration(group, members.Count, Math.Max(launchOnly, NoiseModel.Median(ratios) / fMedian), launchOnly);
                groups[group] = calibration;
            }

            return calibration;
        }

        var byGroup = new CaseGroups<(BenchmarkId Id, (double PooledSigma, double Factor, int DegreesOfFreedom, NoiseBasis Basis) Within, double Change)>(points, p => p.Id, Gate.MinCalibrationBenchmarks);
        var result = new Dictionary<BenchmarkId, FallbackCalibration>();
        foreach (var p in points)
        {
            result[p.Id] = byGroup.For(p.Id) is { } group
                ? For(group.Level == CaseGroupLevel.All ? "the whole run" : group.Name, group.Members)
                : DefaultCalibration;
        }

        return result;
    }

    /// <summary>Too few benchmarks to calibrate on: a run's own between-run component taken as large as one launch's spread.</summary>
    internal static readonly FallbackCalibration DefaultCalibration = new("(too few benchmarks to calibrate: between-run component = one launch's spread)", 0, double.NaN, double.NaN);
}
