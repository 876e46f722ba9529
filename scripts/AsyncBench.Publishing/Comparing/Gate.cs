using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publishing.Comparing;

/// <summary>
/// Compares today's run with its reference, benchmark by benchmark (matched by full ID), at the level where
/// the variance is:
/// <list type="number">
/// <item>A run's value is the mean of its log launch medians; within the run it is known to σ_launch ÷ √launches.</item>
/// <item>A run also shares what its launches cannot show (the machine that night). With at least
/// <see cref="HistoryModel.MinHistoryRuns"/> earlier runs, each benchmark's own run-to-run spread (each run's
/// run-wide offset taken out) gives the change's standard error, σ_run √(1 + 1/K), K − 1 degrees of freedom.
/// Otherwise (the fallback) the between-run component is calibrated across benchmarks: within a class (or
/// namespace, or the whole run: the first with <see cref="MinCalibrationBenchmarks"/> benchmarks) the residual
/// changes are set against the launch spread, SE² = σ²_within × max(1/L₁ + 1/L₂, c), with c the median of
/// residual² ÷ σ²_within divided by the median of F(1, df) (so the median benchmark is exactly calibrated and a few
/// real changes do not move it); with too few benchmarks c = 2 + 1/L₁ + 1/L₂ (a run's own component as large as one launch's spread).</item>
/// <item>The run-wide shift (non-canary median) and the canaries' shift decide what is taken out (<see cref="ShiftCause"/>).</item>
/// <item>Flagged: the own change is significant at <see cref="FlagRule.Alpha"/> one-sided (Student's t) and past the
/// practical floor; gateable: power at the threshold ≥ <see cref="FlagRule.RequiredPower"/>.</item>
/// </list>
/// Counts gate where they are deterministic; CPU time gates where it is quieter than wall time.
/// </summary>
public static class Gate
{
    public const int MinCalibrationBenchmarks = 10;

    /// <summary>Below this many non-canary benchmarks a run-wide shift is not told from theirs: nothing is taken out or judged as the run's.</summary>
    public const int MinRunWideBenchmarks = 5;

    public static GateResult Compare(BenchmarkRun baseRun, BenchmarkRun diffRun, GateOptions options, IReadOnlyList<BenchmarkRun>? history = null)
    {
        ArgumentNullException.ThrowIfNull(baseRun);
        ArgumentNullException.ThrowIfNull(diffRun);
        var comparison = CompareCore(baseRun, diffRun, options, history);
        if (comparison.History.Benchmarks.Count == 0)
        {
            return comparison;
        }

        // The history's own spread against what the fallback would say on the same two runs.
        var fallback = CompareCore(baseRun, diffRun, options, null);
        return comparison with { FallbackShare = ShareOf(fallback, "fallback (the same two runs, no history)") };
    }

    public static GateableShare ShareOf(GateResult comparison, string basis)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var judged = comparison.Judged;
        return new GateableShare(basis, judged.Count, FlagRule.ReportedThresholds.ToDictionary(t => t, t => judged.Count(c => c.GateableAt(t))));
    }

    private static GateResult CompareCore(BenchmarkRun baseRun, BenchmarkRun diffRun, GateOptions options, IReadOnlyList<BenchmarkRun>? history)
    {
        var baseById = baseRun.Results.ToDictionary(r => r.Id);
        var diffById = diffRun.Results.ToDictionary(r => r.Id);
        var common = baseById.Keys.Where(diffById.ContainsKey).OrderBy(id => id.Key, StringComparer.Ordinal).ToList();
        if (common.Count == 0)
        {
            throw new PublishException(
                $"The two runs have no benchmark in common ('{baseRun.SourceDirectory}': {baseRun.Results.Count} benchmarks, '{diffRun.SourceDirectory}': {diffRun.Results.Count}). " +
                "Benchmarks are matched by class, method and every parameter: compare runs of the same benchmarks.");
        }

        var model = HistoryModel.Learn(WithBase(history ?? [], baseRun));
        var ok = common.Where(id => !baseById[id].Failed && !diffById[id].Failed).ToList();
        var canaries = ok.Where(id => IsCanary(baseRun, baseById[id]) || IsCanary(diffRun, diffById[id])).ToHashSet();
        var changes = ok.ToDictionary(id => id, id => Change(baseById[id], diffById[id], model));
        var plain = changes.Where(c => !canaries.Contains(c.Key) && double.IsFinite(c.Value)).Select(c => c.Value).ToList();
        var shift = plain.Count > 0 ? NoiseModel.Median(plain) : 0;

        var calibrations = FallbackCalibrator.Calibrate(ok.Where(id => !model.Benchmarks.ContainsKey(id)).ToList(), changes, shift, baseById, diffById);
        var noise = ok.ToDictionary(id => id, id => Noise(id, baseById[id], diffById[id], model, calibrations));
        var runWide = RunWideDecision.Decide(plain, changes.Where(c => canaries.Contains(c.Key)).Select(c => (c.Value, noise[c.Key])).ToList(), model, options);
        var cpu = CpuTimeGate.Create(ok, baseById, diffById, model, canaries, runWide);

        var compared = common.Select(id => CompareOne(
            baseById[id], diffById[id], options, model, runWide, changes.GetValueOrDefault(id, double.NaN), noise.GetValueOrDefault(id),
            canaries.Contains(id), InjectedSlowdown(diffRun, diffById[id]), cpu)).ToList();
        var added = diffById.Keys.Where(id => !baseById.ContainsKey(id)).OrderBy(id => id.Key, StringComparer.Ordinal).ToList();
        var missing = baseById.Keys.Where(id => !diffById.ContainsKey(id)).OrderBy(id => id.Key, StringComparer.Ordinal).ToList();
        return new GateResult(baseRun, diffRun, options, model, runWide, [.. calibrations.Values.Distinct().OrderBy(c => c.Group, StringComparer.Ordinal)], compared, added, missing);
    }

    private static bool IsCanary(BenchmarkRun run, BenchmarkResult result) => run.Declarations.IsCanary(result);

    private static double? InjectedSlowdown(BenchmarkRun run, BenchmarkResult result) => run.Declarations.InjectedSlowdown(result);

    /// <summary>The history with the base run as its newest member, unless it already is in it (a baseline/ copy of a run).</summary>
    private static List<BenchmarkRun> WithBase(IReadOnlyList<BenchmarkRun> history, BenchmarkRun baseRun)
    {
        var runs = history.ToList();
        if (runs.Count > 0 && !runs.Any(r => r.StartedUtc == baseRun.StartedUtc && r.Results.Count == baseRun.Results.Count))
        {
            runs.Add(baseRun);
        }

        return runs;
    }

    /// <summary>Today's log change against the history's center, or (the fallback) against the base run's value.</summary>
    private static double Change(BenchmarkResult baseResult, BenchmarkResult diffResult, HistoryModel model) =>
        model.Benchmarks.TryGetValue(baseResult.Id, out var h)
            ? NoiseModel.RunValueLog(diffResult) - h.CenterLog
            : NoiseModel.RunValueLog(diffResult) - NoiseModel.RunValueLog(baseResult);

    private static NoiseEstimate? Noise(BenchmarkId id, BenchmarkResult baseResult, BenchmarkResult diffResult, HistoryModel model, Dictionary<BenchmarkId, FallbackCalibration> calibrations)
    {
        if (model.Benchmarks.TryGetValue(id, out var history))
        {
            return history.Noise;
        }

        var within = NoiseModel.Within(baseResult, diffResult);
        if (!(within.PooledSigma > 0) || within.DegreesOfFreedom < 1)
        {
            return null;
        }

        var calibration = calibrations.GetValueOrDefault(id, FallbackCalibrator.DefaultCalibration);
        var factor = double.IsNaN(calibration.Factor) ? 2 + within.Factor : Math.Max(within.Factor, calibration.Factor);
        var se = within.PooledSigma * Math.Sqrt(factor);
        // A run's own spread: the change's variance is two runs' worth.
        return new NoiseEstimate(se, within.DegreesOfFreedom, within.Basis, 1, se / Math.Sqrt(2))
        {
            LaunchShare = within.Basis == NoiseBasis.Launches ? within.Factor / factor : double.NaN,
            IterationShare = within.Basis == NoiseBasis.Launches ? NoiseModel.IterationShare(baseResult, diffResult, within.PooledSigma) : double.NaN,
        };
    }

    private static BenchmarkJudgement CompareOne(
        BenchmarkResult baseResult, BenchmarkResult diffResult, GateOptions options, HistoryModel model, RunWideShift? runWide,
        double change, NoiseEstimate? noise, bool canary, double? injected, CpuTimeGate cpu)
    {
        if (baseResult.Failed || diffResult.Failed || !double.IsFinite(change))
        {
            return new BenchmarkJudgement(baseResult.Id, baseResult, diffResult, TimeChange.Same, null, null, null, false, canary, injected, null, null, null);
        }

        var history = model.Benchmarks.GetValueOrDefault(baseResult.Id);
        var takenOut = runWide?.TakenOutLog ?? 0;
        var own = change - takenOut;
        var allocation = CountGate.Allocation(baseResult, diffResult, model, options);
        var workItems = CountGate.WorkItems(baseResult, diffResult, history, model, options);
        if (noise is not { IsKnown: true })
        {
            return new BenchmarkJudgement(baseResult.Id, baseResult, diffResult, TimeChange.Untestable, Math.Exp(change), Math.Exp(own), noise, false, canary, injected, null, allocation, workItems);
        }

        // What was taken out is itself an estimate: its error adds to the change's (the fallback's calibration already holds the run-wide median's).
        var extra = runWide is null ? 0
            : runWide.Cause is ShiftCause.Code && runWide.CanariesMoved ? runWide.CanaryStandardError ?? 0
            : history is not null && runWide.TakenOutLog != 0 && double.IsFinite(runWide.StandardError) ? runWide.StandardError
            : 0;
        noise = noise with { StandardError = Math.Sqrt((noise.StandardError * noise.StandardError) + (extra * extra)) };

        var todayNs = Math.Exp(NoiseModel.RunValueLog(diffResult));
        var time = FlagRule.Judge(own, noise, options, todayNs);
        var gateable = FlagRule.Gateable(noise, options.ThresholdPercent, todayNs / Math.Exp(change));
        var cpuTime = cpu.Judge(baseResult, diffResult, noise, options);
        return new BenchmarkJudgement(baseResult.Id, baseResult, diffResult, time, Math.Exp(change), Math.Exp(own), noise, gateable, canary, injected, cpuTime, allocation, workItems);
    }
}
