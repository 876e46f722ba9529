namespace AsyncBench.Publishing;

public enum TimeChange
{
    Same,
    Faster,
    Slower,

    /// <summary>No spread could be estimated (fewer than two units on both sides, no history): no verdict possible.</summary>
    Untestable,
}

/// <summary>
/// One benchmark present in both runs. <see cref="Ratio"/> is today's value ÷ the reference (the history's
/// center, or the base run); <see cref="OwnRatio"/> is the same with the run-wide shift that was taken out
/// (<see cref="RunWideShift.TakenOutLog"/>) removed. <see cref="Noise"/> is the uncertainty of that change.
/// </summary>
public sealed record ComparedBenchmark(
    BenchmarkId Id,
    BenchmarkResult Base,
    BenchmarkResult Diff,
    TimeChange Time,
    double? Ratio,
    double? OwnRatio,
    NoiseEstimate? Noise,
    bool Gateable,
    bool Canary,
    double? InjectedSlowdown,
    CpuVerdict? Cpu,
    MetricVerdict? Allocation,
    MetricVerdict? WorkItems)
{
    /// <summary>Today's run value (the geometric mean of its launch medians), ns.</summary>
    public double TodayNs => Math.Exp(NoiseModel.RunValueLog(Diff));

    /// <summary>The reference the change is measured from, ns.</summary>
    public double? ReferenceNs => Ratio is > 0 and var r ? TodayNs / r : null;

    public double Power(double thresholdPercent) => Noise?.Power(thresholdPercent) ?? 0;

    public bool GateableAt(double thresholdPercent) => Gate.Gateable(Noise, thresholdPercent, ReferenceNs ?? 0);

    /// <summary>How far the own change must go to be flagged at <paramref name="thresholdPercent"/>, in percent: the larger of significance and the practical floor.</summary>
    public double? FlagAbovePercent(double thresholdPercent) =>
        Noise is { IsKnown: true } n ? (Math.Exp(Math.Max(n.SignificantLog, Gate.FloorLog(thresholdPercent))) - 1) * 100 : null;

    public string? AllocationChange => Allocation?.Text;

    public string? WorkItemChange => WorkItems?.Text;

    /// <summary>More bytes allocated, where both runs (or the history) show allocations are deterministic.</summary>
    public bool AllocationRegressed => Allocation is { Gated: true, Increased: true };

    public bool WorkItemsRegressed => WorkItems is { Gated: true, Increased: true };

    public bool CpuRegressed => Cpu is { Gated: true, Change: TimeChange.Slower };

    /// <summary>A slowdown that fails the run: gateable, slower, and not a canary (canaries speak for the machine).</summary>
    public bool TimeRegressed => Gateable && !Canary && Time == TimeChange.Slower;
}

/// <summary>
/// Process CPU time per operation beside wall time: its change, its noise, and whether it gates (its noise
/// is smaller than wall time's and a threshold change would be flagged with the required power).
/// </summary>
public sealed record CpuVerdict(double BaseNs, double DiffNs, double Ratio, double OwnRatio, NoiseEstimate? Noise, TimeChange Change, bool Quieter, bool Gated);

/// <summary>
/// A change of a count (allocated bytes, completed work items). <see cref="Gated"/>: the runs show the count
/// is deterministic for this benchmark, so a change is the code's; otherwise it is reported with its spread
/// and does not fail the run.
/// </summary>
public sealed record MetricVerdict(string Text, bool Gated, bool Increased);

/// <summary>What the run-wide shift was taken to be.</summary>
public enum ShiftCause
{
    /// <summary>The run's shift and the canaries' agree within noise: the machine's (or noise), taken out.</summary>
    Machine,

    /// <summary>The run moved past its band while the canaries did not move with it: the platform or the code. Kept in; a regression when slower.</summary>
    Code,

    /// <summary>No canaries: the run's shift is within the stated fallback band, taken out as the machine's drift.</summary>
    Drift,

    /// <summary>No canaries: the run moved past the stated fallback band; kept in, a regression when slower (it may be the machine: add canaries to tell).</summary>
    Unattributed,
}

/// <summary>
/// The whole run's shift: the median over the non-canary benchmarks of their log change, with its standard
/// error, beside the canaries' own shift (their inverse-variance weighted mean). <see cref="TakenOutLog"/> is
/// what was removed from every benchmark's change; <see cref="RunChangeLog"/> is the run's own change that
/// was not the machine's (run − canaries; without canaries, the run's shift when it was kept in).
/// </summary>
public sealed record RunWideShift(
    double ShiftLog,
    double StandardError,
    int Benchmarks,
    double? CanaryShiftLog,
    double? CanaryStandardError,
    int Canaries,
    bool CanariesMoved,
    ShiftCause Cause,
    double TakenOutLog,
    double RunChangeLog,
    double BandLog,
    NoiseEstimate? Drift)
{
    public double Ratio => Math.Exp(ShiftLog);

    public double? CanaryRatio => CanaryShiftLog is { } c ? Math.Exp(c) : null;

    public bool RunMoved => Cause is ShiftCause.Code or ShiftCause.Unattributed;

    public bool IsDrift => !RunMoved;
}

public sealed record CompareOptions(double ThresholdPercent = CompareOptions.DefaultThresholdPercent)
{
    /// <summary>The slowdown the nightly gate must catch (issue 16: a 15 % slowdown of a single benchmark).</summary>
    public const double DefaultThresholdPercent = 15;

    /// <summary>Allocated bytes changed when they differ by more than this many bytes and by the practical floor.</summary>
    public const double AllocationFloorBytes = 64;

    /// <summary>Completed work items changed when they differ by more than this many items per operation and by the practical floor.</summary>
    public const double WorkItemFloor = 0.5;

    /// <summary>Allocations agree (deterministic) when their runs lie within this many bytes, or this share of their median if larger.</summary>
    public const double AllocationToleranceBytes = 8;

    public const double AllocationToleranceShare = 0.001;

    /// <summary>
    /// A per-operation work-item count that is a whole number in a run of at least this many operations says
    /// every operation did the same count (a varying count is a whole number by chance about once in this many).
    /// </summary>
    public const long MinOperationsForWholeCounts = 20;

    public double ThresholdLog => Gate.Log(ThresholdPercent);

    public double FloorLog => Gate.FloorLog(ThresholdPercent);
}

/// <summary>How a fallback group's between-run spread was calibrated: runs differ by √<see cref="Factor"/> × the launch spread.</summary>
public sealed record FallbackCalibration(string Group, int Benchmarks, double Factor, double LaunchOnlyFactor);

/// <summary>Gateable counts at the reported thresholds, for one basis (the history, or the fallback on the same two runs).</summary>
public sealed record GateableShare(string Basis, int Benchmarks, IReadOnlyDictionary<double, int> AtThreshold);

public sealed record Comparison(
    BenchmarkRun Base,
    BenchmarkRun Diff,
    CompareOptions Options,
    HistoryModel History,
    RunWideShift? RunWide,
    IReadOnlyList<FallbackCalibration> Calibrations,
    IReadOnlyList<ComparedBenchmark> Compared,
    IReadOnlyList<BenchmarkId> New,
    IReadOnlyList<BenchmarkId> Missing)
{
    /// <summary>With a history: the same two runs judged by the fallback alone, to set the history's gateable share against.</summary>
    public GateableShare? FallbackShare { get; init; }

    public IReadOnlyList<ComparedBenchmark> Slower => [.. Compared.Where(c => c.Gateable && !c.Canary && c.Time == TimeChange.Slower)];

    public IReadOnlyList<ComparedBenchmark> Faster => [.. Compared.Where(c => c.Gateable && !c.Canary && c.Time == TimeChange.Faster)];

    /// <summary>Too noisy to gate at the threshold: listed with their measured spread and power, whatever they did today.</summary>
    public IReadOnlyList<ComparedBenchmark> NotGateable => [.. Compared.Where(c => !c.Gateable && !c.Canary && !c.Base.Failed && !c.Diff.Failed)];

    public IReadOnlyList<ComparedBenchmark> Canaries => [.. Compared.Where(c => c.Canary && !c.Base.Failed && !c.Diff.Failed)];

    public IReadOnlyList<ComparedBenchmark> Injected => [.. Compared.Where(c => c.InjectedSlowdown is > 0)];

    public IReadOnlyList<ComparedBenchmark> Failed => [.. Compared.Where(c => c.Diff.Failed || c.Base.Failed)];

    /// <summary>Benchmarks that can be judged (both runs succeeded, not canaries): the denominator of the gateable share.</summary>
    public IReadOnlyList<ComparedBenchmark> Judged => [.. Compared.Where(c => !c.Canary && !c.Base.Failed && !c.Diff.Failed)];

    /// <summary>The run, canaries aside, slower past its band and the practical floor, and not the machine's.</summary>
    public bool RunWideSlower => RunWide is { RunMoved: true } wide && wide.RunChangeLog > 0;

    /// <summary>A regression fails the run: a gateable benchmark slower, the whole run slower, CPU time slower where it gates, a gated count up, or a newly failing benchmark.</summary>
    public bool HasRegression =>
        Slower.Count > 0 || RunWideSlower
        || Compared.Any(c => !c.Canary && (c.AllocationRegressed || c.WorkItemsRegressed || c.CpuRegressed))
        || Compared.Any(c => c.Diff.Failed && !c.Base.Failed);

    public GateableShare Share => Comparer.ShareOf(this, History.Benchmarks.Count > 0 ? "history" : "fallback");

    /// <summary>Geometric mean of today ÷ reference over benchmarks that succeeded in both runs.</summary>
    public double? GeometricMeanRatio
    {
        get
        {
            var ratios = Compared.Where(c => c.Ratio is > 0).Select(c => c.Ratio!.Value).ToList();
            return ratios.Count == 0 ? null : Math.Exp(ratios.Average(Math.Log));
        }
    }
}

/// <summary>
/// Compares today's run with its reference, benchmark by benchmark (matched by full ID), at the level where
/// the variance is:
/// <list type="number">
/// <item>A run's value is the mean of its log launch medians; within the run it is known to σ_launch ÷ √launches.</item>
/// <item>A run also shares what its launches cannot show (the machine that night). With at least
/// <see cref="NoiseModel.MinHistoryRuns"/> earlier runs, each benchmark's own run-to-run spread (each run's
/// run-wide offset taken out) gives the change's standard error, σ_run √(1 + 1/K), K − 1 degrees of freedom.
/// Otherwise (the fallback) the between-run component is calibrated across benchmarks: within a class (or
/// namespace, or the whole run: the first with <see cref="MinCalibrationBenchmarks"/> benchmarks) the residual
/// changes are set against the launch spread, SE² = σ²_within × max(1/L₁ + 1/L₂, c), with c the median of
/// residual² ÷ σ²_within divided by the median of F(1, df) (so the median benchmark is exactly calibrated and a few
/// real changes do not move it); with too few benchmarks c = 2 + 1/L₁ + 1/L₂ (a run's own component as large as one launch's spread).</item>
/// <item>The run-wide shift (non-canary median) and the canaries' shift decide what is taken out (<see cref="ShiftCause"/>).</item>
/// <item>Flagged: the own change is significant at <see cref="Gate.Alpha"/> one-sided (Student's t) and past the
/// practical floor; gateable: power at the threshold ≥ <see cref="Gate.RequiredPower"/>.</item>
/// </list>
/// Counts gate where they are deterministic; CPU time gates where it is quieter than wall time.
/// </summary>
public static class Comparer
{
    public const int MinCalibrationBenchmarks = 10;

    /// <summary>Below this many non-canary benchmarks a run-wide shift is not told from theirs: nothing is taken out or judged as the run's.</summary>
    public const int MinRunWideBenchmarks = 5;

    public static Comparison Compare(BenchmarkRun baseRun, BenchmarkRun diffRun, CompareOptions options, IReadOnlyList<BenchmarkRun>? history = null)
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

    public static GateableShare ShareOf(Comparison comparison, string basis)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var judged = comparison.Judged;
        return new GateableShare(basis, judged.Count, Gate.ReportedThresholds.ToDictionary(t => t, t => judged.Count(c => c.GateableAt(t))));
    }

    private static Comparison CompareCore(BenchmarkRun baseRun, BenchmarkRun diffRun, CompareOptions options, IReadOnlyList<BenchmarkRun>? history)
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

        var model = NoiseModel.Learn(WithBase(history ?? [], baseRun));
        var ok = common.Where(id => !baseById[id].Failed && !diffById[id].Failed).ToList();
        var canaries = ok.Where(id => IsCanary(baseRun, baseById[id]) || IsCanary(diffRun, diffById[id])).ToHashSet();
        var changes = ok.ToDictionary(id => id, id => Change(baseById[id], diffById[id], model));
        var plain = changes.Where(c => !canaries.Contains(c.Key) && double.IsFinite(c.Value)).Select(c => c.Value).ToList();
        var shift = plain.Count > 0 ? NoiseModel.Median(plain) : 0;

        var calibrations = Calibrate(ok.Where(id => !model.Benchmarks.ContainsKey(id)).ToList(), changes, shift, baseById, diffById);
        var noise = ok.ToDictionary(id => id, id => Noise(id, baseById[id], diffById[id], model, calibrations));
        var runWide = RunWide(plain, changes.Where(c => canaries.Contains(c.Key)).Select(c => (c.Value, noise[c.Key])).ToList(), model, options);
        var cpu = CpuContext.Create(ok, baseById, diffById, model, canaries, runWide);

        var compared = common.Select(id => CompareOne(
            baseById[id], diffById[id], options, model, runWide, changes.GetValueOrDefault(id, double.NaN), noise.GetValueOrDefault(id),
            canaries.Contains(id), InjectedSlowdown(diffRun, diffById[id]), cpu)).ToList();
        var added = diffById.Keys.Where(id => !baseById.ContainsKey(id)).OrderBy(id => id.Key, StringComparer.Ordinal).ToList();
        var missing = baseById.Keys.Where(id => !diffById.ContainsKey(id)).OrderBy(id => id.Key, StringComparer.Ordinal).ToList();
        return new Comparison(baseRun, diffRun, options, model, runWide, [.. calibrations.Values.Distinct().OrderBy(c => c.Group, StringComparer.Ordinal)], compared, added, missing);
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

    /// <summary>
    /// The fallback's between-run calibration, per group: each benchmark's residual change (the run-wide
    /// shift taken out) squared, over its pooled within-run variance; the median of that over the group,
    /// divided by the median of F(1, df), is the factor the within-run variance is multiplied by.
    /// Returns the calibration each fallback benchmark uses.
    /// </summary>
    private static Dictionary<BenchmarkId, FallbackCalibration> Calibrate(
        List<BenchmarkId> ids, Dictionary<BenchmarkId, double> changes, double shift, Dictionary<BenchmarkId, BenchmarkResult> baseById, Dictionary<BenchmarkId, BenchmarkResult> diffById)
    {
        var points = ids
            .Select(id => (Id: id, Within: NoiseModel.Within(baseById[id], diffById[id]), Change: changes[id]))
            .Where(p => double.IsFinite(p.Change) && p.Within.PooledSigma > 0)
            .ToList();
        var groups = new Dictionary<string, FallbackCalibration>(StringComparer.Ordinal);
        FallbackCalibration For(string group, List<(BenchmarkId Id, (double PooledSigma, double Factor, int DegreesOfFreedom, NoiseBasis Basis) Within, double Change)> members)
        {
            if (!groups.TryGetValue(group, out var calibration))
            {
                var ratios = members.Select(m => Math.Pow(m.Change - shift, 2) / (m.Within.PooledSigma * m.Within.PooledSigma)).ToList();
                var df = NoiseModel.Median([.. members.Select(m => (double)m.Within.DegreesOfFreedom)]);
                var fMedian = Math.Pow(Gate.Quantile(0.75, df), 2);
                var launchOnly = NoiseModel.Median([.. members.Select(m => m.Within.Factor)]);
                calibration = new FallbackCalibration(group, members.Count, Math.Max(launchOnly, NoiseModel.Median(ratios) / fMedian), launchOnly);
                groups[group] = calibration;
            }

            return calibration;
        }

        var byClass = points.GroupBy(p => p.Id.ClassName).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var byNamespace = points.GroupBy(p => p.Id.Namespace).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var result = new Dictionary<BenchmarkId, FallbackCalibration>();
        foreach (var p in points)
        {
            result[p.Id] = byClass[p.Id.ClassName].Count >= MinCalibrationBenchmarks ? For(p.Id.ClassName, byClass[p.Id.ClassName])
                : byNamespace[p.Id.Namespace].Count >= MinCalibrationBenchmarks ? For(p.Id.Namespace, byNamespace[p.Id.Namespace])
                : points.Count >= MinCalibrationBenchmarks ? For("the whole run", points)
                : DefaultCalibration;
        }

        return result;
    }

    /// <summary>Too few benchmarks to calibrate on: a run's own between-run component taken as large as one launch's spread.</summary>
    private static readonly FallbackCalibration DefaultCalibration = new("(too few benchmarks to calibrate: between-run component = one launch's spread)", 0, double.NaN, double.NaN);

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

        var calibration = calibrations.GetValueOrDefault(id, DefaultCalibration);
        var factor = double.IsNaN(calibration.Factor) ? 2 + within.Factor : Math.Max(within.Factor, calibration.Factor);
        var se = within.PooledSigma * Math.Sqrt(factor);
        // A run's own spread: the change's variance is two runs' worth.
        return new NoiseEstimate(se, within.DegreesOfFreedom, within.Basis, 1, se / Math.Sqrt(2))
        {
            LaunchShare = within.Basis == NoiseBasis.Launches ? within.Factor / factor : double.NaN,
        };
    }

    /// <summary>
    /// The run-wide decision. With canaries: the run's shift minus theirs, significant (normal, both standard
    /// errors) and past the practical floor, is the platform's or the code's (kept in; what the canaries moved
    /// is the machine's and is taken out when they moved significantly); otherwise the run's shift is the
    /// machine's and is taken out. Without canaries, with a drift history: within the prediction band of the
    /// earlier runs' offsets (at least the floor) it is drift and taken out. Without either: a shift past the
    /// practical floor and significant against its own standard error is kept in (the gate cannot tell a slower
    /// machine from slower code without canaries, so it reports it); a smaller one is taken out.
    /// </summary>
    private static RunWideShift? RunWide(List<double> plain, List<(double Change, NoiseEstimate? Noise)> canaries, HistoryModel model, CompareOptions options)
    {
        if (plain.Count < MinRunWideBenchmarks)
        {
            return null;
        }

        var shift = NoiseModel.Median(plain);
        // The median's standard error: √(π/2) × σ ÷ √n, with σ from the median absolute deviation.
        var shiftSe = plain.Count >= 3 ? 1.2533 * NoiseModel.RobustSigma(plain) / Math.Sqrt(plain.Count) : double.NaN;
        var z = Gate.Critical(double.PositiveInfinity);
        var known = canaries.Where(c => double.IsFinite(c.Change) && c.Noise is { IsKnown: true }).ToList();
        if (known.Count > 0)
        {
            var weights = known.Select(c => 1 / (c.Noise!.StandardError * c.Noise.StandardError)).ToList();
            var canaryShift = known.Select((c, i) => c.Change * weights[i]).Sum() / weights.Sum();
            var canarySe = 1 / Math.Sqrt(weights.Sum());
            var moved = Math.Abs(canaryShift) > z * canarySe;
            var own = shift - canaryShift;
            var ownSe = Math.Sqrt((double.IsNaN(shiftSe) ? 0 : shiftSe * shiftSe) + (canarySe * canarySe));
            var band = Math.Max(z * ownSe, options.FloorLog);
            // The code's (or the platform's) only when the run itself moved past the floor, and beyond its canaries in that
            // direction. A run that moved less than its canaries, or against them, is the machine's whole effect on benchmarks
            // that feel it less: an A/A pair of whole-suite nights had canaries 11.8 % faster (CPU), the run 3.5 % faster (I/O
            // waits do not speed up with the CPU), and "run − canaries" called 49 benchmarks slower.
            var runPast = Math.Abs(shift) > Math.Max(double.IsNaN(shiftSe) ? 0 : z * shiftSe, options.FloorLog);
            var runMoved = runPast && Math.Abs(own) > band && Math.Sign(own) == Math.Sign(shift);
            var machinePart = moved && Math.Sign(canaryShift) == Math.Sign(shift) ? canaryShift : 0;
            return new RunWideShift(shift, shiftSe, plain.Count, canaryShift, canarySe, known.Count, moved,
                runMoved ? ShiftCause.Code : ShiftCause.Machine, runMoved ? machinePart : shift, own, band, model.Drift);
        }

        var fallbackBand = model.Drift is { } drift
            ? Math.Max(drift.SignificantLog, options.FloorLog)
            : Math.Max(double.IsNaN(shiftSe) ? 0 : z * shiftSe, options.FloorLog);
        var past = Math.Abs(shift) > fallbackBand;
        return new RunWideShift(shift, shiftSe, plain.Count, null, null, 0, false,
            past ? ShiftCause.Unattributed : ShiftCause.Drift, past ? 0 : shift, shift, fallbackBand, model.Drift);
    }

    private static ComparedBenchmark CompareOne(
        BenchmarkResult baseResult, BenchmarkResult diffResult, CompareOptions options, HistoryModel model, RunWideShift? runWide,
        double change, NoiseEstimate? noise, bool canary, double? injected, CpuContext cpu)
    {
        if (baseResult.Failed || diffResult.Failed || !double.IsFinite(change))
        {
            return new ComparedBenchmark(baseResult.Id, baseResult, diffResult, TimeChange.Same, null, null, null, false, canary, injected, null, null, null);
        }

        var history = model.Benchmarks.GetValueOrDefault(baseResult.Id);
        var takenOut = runWide?.TakenOutLog ?? 0;
        var own = change - takenOut;
        var allocation = Allocation(baseResult, diffResult, model, options);
        var workItems = WorkItems(baseResult, diffResult, history, model, options);
        if (noise is not { IsKnown: true })
        {
            return new ComparedBenchmark(baseResult.Id, baseResult, diffResult, TimeChange.Untestable, Math.Exp(change), Math.Exp(own), noise, false, canary, injected, null, allocation, workItems);
        }

        // What was taken out is itself an estimate: its error adds to the change's (the fallback's calibration already holds the run-wide median's).
        var extra = runWide is null ? 0
            : runWide.Cause is ShiftCause.Code && runWide.CanariesMoved ? runWide.CanaryStandardError ?? 0
            : history is not null && runWide.TakenOutLog != 0 && double.IsFinite(runWide.StandardError) ? runWide.StandardError
            : 0;
        noise = noise with { StandardError = Math.Sqrt((noise.StandardError * noise.StandardError) + (extra * extra)) };

        var todayNs = Math.Exp(NoiseModel.RunValueLog(diffResult));
        var time = Judge(own, noise, options, todayNs);
        var gateable = Gate.Gateable(noise, options.ThresholdPercent, todayNs / Math.Exp(change));
        var cpuVerdict = cpu.Judge(baseResult, diffResult, noise, options);
        return new ComparedBenchmark(baseResult.Id, baseResult, diffResult, time, Math.Exp(change), Math.Exp(own), noise, gateable, canary, injected, cpuVerdict, allocation, workItems);
    }

    /// <summary>The flag rule: significant beyond the noise (one-sided at α), past the practical floor and the absolute floor.</summary>
    public static TimeChange Judge(double ownLog, NoiseEstimate noise, CompareOptions options, double todayNs)
    {
        ArgumentNullException.ThrowIfNull(noise);
        ArgumentNullException.ThrowIfNull(options);
        var past = Math.Abs(ownLog) > Math.Max(noise.SignificantLog, options.FloorLog)
            && Math.Abs(todayNs - (todayNs / Math.Exp(ownLog))) > Gate.AbsoluteFloorNs;
        return !past ? TimeChange.Same : ownLog > 0 ? TimeChange.Slower : TimeChange.Faster;
    }

    /// <summary>
    /// Allocated bytes per operation. BenchmarkDotNet measures them in the last launch only, so determinism is
    /// shown by runs: deterministic when at least two earlier runs (the base and the history) agree within the
    /// tolerance; then any change past the floors is the code's and gates. Otherwise a change is reported
    /// with the runs' range, not gated.
    /// </summary>
    private static MetricVerdict? Allocation(BenchmarkResult baseResult, BenchmarkResult diffResult, HistoryModel model, CompareOptions options)
    {
        if (baseResult.AllocatedBytesPerOperation is not { } b || diffResult.AllocatedBytesPerOperation is not { } d)
        {
            return null;
        }

        var seen = model.AllocationsSeen.GetValueOrDefault(baseResult.Id) ?? [b];
        var median = NoiseModel.Median(seen);
        var tolerance = Math.Max(CompareOptions.AllocationToleranceBytes, CompareOptions.AllocationToleranceShare * median);
        var deterministic = seen.Count >= 2 && seen.Max() - seen.Min() <= tolerance;
        var reference = deterministic ? median : b;
        var delta = d - reference;
        if (Math.Abs(delta) <= Math.Max(CompareOptions.AllocationFloorBytes, tolerance) || (reference > 0 && Math.Abs(Math.Log(d / reference)) <= options.FloorLog && d > 0))
        {
            return null;
        }

        var gate = deterministic
            ? $"gated: the same in {seen.Count} earlier runs"
            : seen.Count >= 2 ? $"not gated: varies between runs ({Format.Bytes(seen.Min())}–{Format.Bytes(seen.Max())})" : "not gated: one earlier run cannot show it deterministic";
        return new MetricVerdict($"{Format.Bytes(reference)} → {Format.Bytes(d)} ({(reference == 0 ? "new" : Format.SignedPercent(delta / reference))}; {gate})", deterministic, delta > 0);
    }

    /// <summary>
    /// Completed work items per operation. Deterministic when a whole number per operation in both runs,
    /// each of at least <see cref="CompareOptions.MinOperationsForWholeCounts"/> operations (every operation did
    /// the same count: no history needed), or the same in at least two earlier runs.
    /// </summary>
    private static MetricVerdict? WorkItems(BenchmarkResult baseResult, BenchmarkResult diffResult, BenchmarkHistory? history, HistoryModel model, CompareOptions options)
    {
        if (baseResult.CompletedWorkItemsPerOperation is not { } b || diffResult.CompletedWorkItemsPerOperation is not { } d)
        {
            return null;
        }

        // Earlier runs, where there are two or more, decide; otherwise whole numbers per operation in both runs do.
        var seen = history?.WorkItems is { Count: >= 2 } h ? h : model.Runs.Count >= 2
            ? [.. model.Runs.Select(r => r.Results.FirstOrDefault(x => x.Id == baseResult.Id)?.CompletedWorkItemsPerOperation).Where(v => v is not null).Select(v => v!.Value)]
            : (IReadOnlyList<double>)[b];
        var agree = seen.Count >= 2 && seen.Max() - seen.Min() <= 1e-6 * Math.Max(1, Math.Abs(NoiseModel.Median(seen)));
        var whole = seen.Count < 2 && IsWholePerOperation(baseResult) && IsWholePerOperation(diffResult);
        var deterministic = whole || agree;
        var reference = agree ? NoiseModel.Median(seen) : b;
        var delta = d - reference;
        if (Math.Abs(delta) <= CompareOptions.WorkItemFloor || (reference > 0 && d > 0 && Math.Abs(Math.Log(d / reference)) <= options.FloorLog))
        {
            return null;
        }

        var gate = whole ? "gated: a whole number per operation in both runs"
            : agree ? $"gated: the same in {seen.Count} earlier runs"
            : seen.Count >= 2 ? $"not gated: varies between runs ({Format.Significant(seen.Min())}–{Format.Significant(seen.Max())})"
            : "not gated: varies between operations";
        return new MetricVerdict($"{Format.Significant(reference)} → {Format.Significant(d)} ({(reference == 0 ? "new" : Format.SignedPercent(delta / reference))}; {gate})", deterministic, delta > 0);
    }

    private static bool IsWholePerOperation(BenchmarkResult result) =>
        result.CompletedWorkItemsPerOperation is { } v && result.Operations >= CompareOptions.MinOperationsForWholeCounts && Math.Abs(v - Math.Round(v)) <= 1e-9 * Math.Max(1, v);

    /// <summary>
    /// CPU time per operation, judged like wall time: against its history's spread, or (fallback) the spread of
    /// the residual CPU changes across the benchmark's class, namespace or run (robust σ, the first with
    /// <see cref="MinCalibrationBenchmarks"/>). The same run-wide decision applies: what wall time took out
    /// as the machine's is taken out of CPU time as CPU time's own shift (run-wide median, or the canaries').
    /// </summary>
    private sealed class CpuContext
    {
        private readonly HistoryModel model;
        private readonly double takenOut;
        private readonly Dictionary<BenchmarkId, NoiseEstimate> fallback;

        private CpuContext(HistoryModel model, double takenOut, Dictionary<BenchmarkId, NoiseEstimate> fallback)
        {
            this.model = model;
            this.takenOut = takenOut;
            this.fallback = fallback;
        }

        public static CpuContext Create(List<BenchmarkId> ok, Dictionary<BenchmarkId, BenchmarkResult> baseById, Dictionary<BenchmarkId, BenchmarkResult> diffById, HistoryModel model, HashSet<BenchmarkId> canaries, RunWideShift? runWide)
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
            var byClass = residuals.GroupBy(r => r.Key.ClassName).ToDictionary(g => g.Key, g => g.Select(r => r.Residual).ToList(), StringComparer.Ordinal);
            var byNamespace = residuals.GroupBy(r => r.Key.Namespace).ToDictionary(g => g.Key, g => g.Select(r => r.Residual).ToList(), StringComparer.Ordinal);
            var all = residuals.Select(r => r.Residual).ToList();
            var noise = new Dictionary<BenchmarkId, NoiseEstimate>();
            foreach (var (id, _) in residuals)
            {
                var group = byClass[id.ClassName].Count >= MinCalibrationBenchmarks ? byClass[id.ClassName]
                    : byNamespace[id.Namespace].Count >= MinCalibrationBenchmarks ? byNamespace[id.Namespace]
                    : all.Count >= MinCalibrationBenchmarks ? all
                    : null;
                if (group is not null)
                {
                    var se = NoiseModel.RobustSigma(group);
                    noise[id] = new NoiseEstimate(se, group.Count - 1, NoiseBasis.Launches, 1, se / Math.Sqrt(2));
                }
            }

            return new CpuContext(model, takenOut, noise);
        }

        public CpuVerdict? Judge(BenchmarkResult baseResult, BenchmarkResult diffResult, NoiseEstimate wall, CompareOptions options)
        {
            var history = model.Benchmarks.GetValueOrDefault(baseResult.Id);
            if (CpuChange(baseResult, diffResult, history) is not { } change)
            {
                return null;
            }

            var noise = history?.CpuNoise ?? fallback.GetValueOrDefault(baseResult.Id);
            var own = change - takenOut;
            var diffNs = diffResult.Metric(NoiseModel.CpuMetricId)!.Value;
            var verdict = noise is { IsKnown: true } ? Comparer.Judge(own, noise, options, diffNs) : TimeChange.Untestable;
            var quieter = noise is { IsKnown: true } && noise.StandardError < wall.StandardError;
            var gated = quieter && Gate.Gateable(noise, options.ThresholdPercent, diffNs / Math.Exp(change));
            return new CpuVerdict(baseResult.Metric(NoiseModel.CpuMetricId)!.Value, diffNs, Math.Exp(change), Math.Exp(own), noise, verdict, quieter, gated);
        }

        private static double? CpuChange(BenchmarkResult baseResult, BenchmarkResult diffResult, BenchmarkHistory? history)
        {
            var b = baseResult.Metric(NoiseModel.CpuMetricId);
            var d = diffResult.Metric(NoiseModel.CpuMetricId);
            if (b is not > 0 || d is not > 0)
            {
                return null;
            }

            return history?.CpuCenterLog is { } center ? Math.Log(d.Value) - center : Math.Log(d.Value / b.Value);
        }
    }
}
