using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publishing.Comparing;

/// <summary>
/// Process CPU time per operation beside wall time: its change, its noise, and whether it gates (its noise
/// is smaller than wall time's and a threshold change would be flagged with the required power).
/// </summary>
public sealed record CpuTimeJudgement(double BaseNs, double DiffNs, double Ratio, double OwnRatio, NoiseEstimate? Noise, TimeChange Change, bool Quieter, bool Gated);

/// <summary>
/// CPU time per operation, judged like wall time: against its history's spread, or (fallback) the spread of
/// the residual CPU changes across the benchmark's class, namespace or run (robust σ, the first with
/// <see cref="Gate.MinCalibrationBenchmarks"/>). The same run-wide decision applies: what wall time took out
/// as the machine's is taken out of CPU time as CPU time's own shift (run-wide median, or the canaries').
/// </summary>
internal sealed class CpuTimeGate
{
    private readonly HistoryModel model;
    private readonly double takenOut;
    private readonly Dictionary<BenchmarkId, NoiseEstimate> fallback;

    private CpuTimeGate(HistoryModel model, double takenOut, Dictionary<BenchmarkId, NoiseEstimate> fallback)
    {
        this.model = model;
        this.takenOut = takenOut;
        this.fallback = fallback;
    }

    public static CpuTimeGate Create(List<BenchmarkId> ok, Dictionary<BenchmarkId, BenchmarkResult> baseById, Dictionary<BenchmarkId, BenchmarkResult> diffById, HistoryModel model, HashSet<BenchmarkId> canaries, RunWideShift? runWide)
    {
        var changes = ok
            .Select(id => (Id: id, Change: CpuChange(baseById[id], diffById[id], model.Benchmarks.GetValueOrDefault(id))))
            .Where(c => c.Change is not null)
            .ToDictionary(c => c.Id, c => c.Change!.Value);
        var plain = changes.Where(c => !canaries.Contains(c.Key)).Select(c => c.Value).ToList();
        var canary = changes.Where(c => canaries.Contains(c.Key)).Select(c => c.Value).ToList();
        var shift = plain.Count > 0 ? NoiseModel.Median(plain) : 0;
        var takenOut = runWide is null ? 0
            : runWide.Cause is ShiftCause.Machine or ShiftCause.Drift ? shift
            : runWide.CanariesMoved && canary.Count > 0 ? NoiseModel.Median(canary)
            : 0;

        var residuals = changes.Where(c => !model.Benchmarks.TryGetValue(c.Key, out var h) || h.CpuNoise is null).Select(c => (c.Key, Residual: c.Value - shift)).ToList();
        var byGroup = new CaseGroups<(BenchmarkId Key, double Residual)>(residuals, r => r.Key, Gate.MinCalibrationBenchmarks);
        var noise = new Dictionary<BenchmarkId, NoiseEstimate>();
        foreach (var (id, _) in residuals)
        {
            if (byGroup.For(id) is { } group)
            {
                var se = NoiseModel.RobustSigma([.. group.Members.Select(r => r.Residual)]);
                noise[id] = new NoiseEstimate(se, group.Members.Count - 1, NoiseBasis.Launches, 1, se / Math.Sqrt(2));
            }
        }

        return new CpuTimeGate(model, takenOut, noise);
    }

    public CpuTimeJudgement? Judge(BenchmarkResult baseResult, BenchmarkResult diffResult, NoiseEstimate wall, GateOptions options)
    {
        var history = model.Benchmarks.GetValueOrDefault(baseResult.Id);
        if (CpuChange(baseResult, diffResult, history) is not { } change)
        {
            return null;
        }

        var noise = history?.CpuNoise ?? fallback.GetValueOrDefault(baseResult.Id);
        var own = change - takenOut;
        var diffNs = Math.Exp(NoiseModel.CpuRunValueLog(diffResult));
        var judged = noise is { IsKnown: true } ? FlagRule.Judge(own, noise, options, diffNs) : TimeChange.Untestable;
        var quieter = noise is { IsKnown: true } && noise.StandardError < wall.StandardError;
        var gated = quieter && FlagRule.Gateable(noise, options.ThresholdPercent, diffNs / Math.Exp(change));
        return new CpuTimeJudgement(Math.Exp(NoiseModel.CpuRunValueLog(baseResult)), diffNs, Math.Exp(change), Math.Exp(own), noise, judged, quieter, gated);
    }

    /// <summary>The log change of the run values (<see cref="NoiseModel.CpuRunValueLog"/>); null where either run has none.</summary>
    private static double? CpuChange(BenchmarkResult baseResult, BenchmarkResult diffResult, BenchmarkHistory? history)
    {
        var b = NoiseModel.CpuRunValueLog(baseResult);
        var d = NoiseModel.CpuRunValueLog(diffResult);
        if (!double.IsFinite(b) || !double.IsFinite(d))
        {
            return null;
        }

        return history?.CpuCenterLog is { } center ? d - center : d - b;
    }
}
