using System.Globalization;
using System.Text;
using Perfolizer.Mathematics.SignificanceTesting.Base;
using Perfolizer.Mathematics.SignificanceTesting.MannWhitney;
using Perfolizer.Metrology;
using Pragmastat;

namespace AsyncBench.Publishing;

public enum TimeChange
{
    Same,
    Faster,
    Slower,

    /// <summary>No spread could be estimated (fewer than two measurements on a side): no verdict possible.</summary>
    Untestable,
}

/// <summary>
/// One benchmark present in both runs. <see cref="Ratio"/> is today's value ÷ the reference (the
/// history's center, or the base run); <see cref="OwnRatio"/> is the same with the run-wide shift taken
/// out when that shift is the machine's drift. <see cref="Gateable"/> is false when the benchmark's own
/// noise band is wider than the threshold: its verdict is then reported, never counted as a regression.
/// </summary>
public sealed record ComparedBenchmark(
    BenchmarkId Id,
    BenchmarkResult Base,
    BenchmarkResult Diff,
    TimeChange Time,
    double? Ratio,
    double? OwnRatio,
    NoiseEstimate? Noise,
    double? NoiseBandPercent,
    bool Gateable,
    double? PValue,
    MetricVerdict? Allocation,
    MetricVerdict? WorkItems)
{
    public string? AllocationChange => Allocation?.Text;

    public string? WorkItemChange => WorkItems?.Text;

    /// <summary>More bytes allocated, past the threshold, where the history shows allocations are deterministic.</summary>
    public bool AllocationRegressed => Allocation is { Gated: true, Increased: true };

    public bool WorkItemsRegressed => WorkItems is { Gated: true, Increased: true };
}

/// <summary>
/// A change of a count (allocated bytes, completed work items). <see cref="Gated"/>: the history shows the
/// count is deterministic for this benchmark, so a change is the code's; otherwise it is reported with its
/// spread and does not fail the run.
/// </summary>
public sealed record MetricVerdict(string Text, bool Gated, bool Increased);

/// <summary>
/// The whole run's shift: the median over benchmarks of their log change. Within <see cref="DriftBandPercent"/>
/// it is the machine's drift and is taken out of every benchmark's change; past it, it is a change of the
/// run (code, runtime or machine), and every benchmark is judged on its whole change.
/// </summary>
public sealed record RunWideShift(double Ratio, double DriftBandPercent, bool IsDrift, NoiseEstimate? Drift);

public sealed record CompareOptions(double ThresholdPercent = CompareOptions.DefaultThresholdPercent)
{
    public const double DefaultThresholdPercent = 10;

    /// <summary>Significance level of the Mann–Whitney confirmation on launch medians (fallback only).</summary>
    public const double Alpha = 0.05;

    /// <summary>
    /// The chance that an unchanged benchmark lands outside its noise band (the prediction interval):
    /// over 100 benchmarks about one, below the A/A goal of at most 5 %.
    /// </summary>
    public const double BandAlpha = 0.01;

    /// <summary>Absolute noise floor: a time difference smaller than this is "same" whatever its ratio.</summary>
    public const double NoiseFloorNs = 1_000;

    /// <summary>Allocated bytes changed when they differ by more than this many bytes and by the threshold.</summary>
    public const double AllocationFloorBytes = 256;

    /// <summary>Completed work items changed when they differ by more than this many items and by the threshold.</summary>
    public const double WorkItemFloor = 2;

    /// <summary>A count is deterministic when its earlier runs' values lie within this fraction of their median.</summary>
    public const double DeterministicTolerance = 0.01;

    public double ThresholdLog => Math.Log(1 + (ThresholdPercent / 100));

    /// <summary>
    /// Without a drift history, how far the whole run may move and still count as the machine's drift:
    /// twice the threshold. Two back-to-back runs on a 2-core machine shared with other work moved by 12 %
    /// as a whole; a machine's own history replaces this guess after <see cref="NoiseModel.MinHistoryRuns"/> runs.
    /// </summary>
    public const double FallbackDriftFactor = 2;

    public double FallbackDriftLog => Math.Log(1 + (FallbackDriftFactor * ThresholdPercent / 100));
}

public sealed record Comparison(
    BenchmarkRun Base,
    BenchmarkRun Diff,
    CompareOptions Options,
    HistoryModel History,
    RunWideShift? RunWide,
    double FallbackCalibration,
    IReadOnlyList<ComparedBenchmark> Compared,
    IReadOnlyList<BenchmarkId> New,
    IReadOnlyList<BenchmarkId> Missing)
{
    public IReadOnlyList<ComparedBenchmark> Slower => [.. Compared.Where(c => c.Gateable && c.Time == TimeChange.Slower)];

    public IReadOnlyList<ComparedBenchmark> Faster => [.. Compared.Where(c => c.Gateable && c.Time == TimeChange.Faster)];

    /// <summary>Too noisy to gate at the threshold: listed with their measured spread, whatever they did today.</summary>
    public IReadOnlyList<ComparedBenchmark> NotGateable => [.. Compared.Where(c => !c.Gateable && !c.Base.Failed && !c.Diff.Failed)];

    public IReadOnlyList<ComparedBenchmark> Failed => [.. Compared.Where(c => c.Diff.Failed || c.Base.Failed)];

    /// <summary>
    /// The whole run slower past the machine's drift band and the threshold: a median over every benchmark,
    /// so it stands even when each benchmark alone is too noisy to gate.
    /// </summary>
    public bool RunWideSlower => RunWide is { IsDrift: false } wide && wide.Ratio > 1 + (Options.ThresholdPercent / 100);

    /// <summary>A regression fails the run: a gateable benchmark slower past the threshold and its noise band, the whole run slower, a gated count up, or a newly failing benchmark.</summary>
    public bool HasRegression =>
        Slower.Count > 0 || RunWideSlower || Compared.Any(c => c.AllocationRegressed || c.WorkItemsRegressed) || Compared.Any(c => c.Diff.Failed && !c.Base.Failed);

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
/// Compares today's run with its reference, benchmark by benchmark (matched by full ID), against a
/// noise model of run-to-run variation:
/// <list type="number">
/// <item>Each run's value of a benchmark is the median of its launch medians (one per process).</item>
/// <item>Reference and spread: with at least <see cref="NoiseModel.MinHistoryRuns"/> earlier runs of the
/// machine, the benchmark's center and its own run-to-run spread after each run's run-wide offset is
/// taken out; otherwise (the stated fallback) the base run's value and the spread between the two runs'
/// launches.</item>
/// <item>The run-wide shift (median log change over all benchmarks) is judged against the machine's drift
/// (the spread of the earlier runs' offsets; in the fallback, the threshold). Drift is taken out of every
/// benchmark's change; a shift past it is a real change of the whole run and stays in.</item>
/// <item>A benchmark changed when its change exceeds both the threshold and its noise band (the prediction
/// interval at <see cref="CompareOptions.BandAlpha"/>), and by more than the absolute floor; in the fallback
/// a one-sided Mann–Whitney test (Perfolizer) on launch medians against the reference shifted by the
/// threshold must agree. A benchmark whose band is wider than the threshold is not gateable.</item>
/// </list>
/// Counts (allocated bytes, work items) fail the run only where the history shows them deterministic.
/// </summary>
public static class Comparer
{
    public const int MinCalibrationBenchmarks = 10;

    public static Comparison Compare(BenchmarkRun baseRun, BenchmarkRun diffRun, CompareOptions options, IReadOnlyList<BenchmarkRun>? history = null)
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
        var changes = common
            .Where(id => !baseById[id].Failed && !diffById[id].Failed)
            .ToDictionary(id => id, id => Change(baseById[id], diffById[id], model));
        var runWide = RunWide(changes.Values.Where(double.IsFinite).ToList(), model, options);

        var calibration = FallbackCalibration(changes, baseById, diffById, model, runWide);
        var compared = common.Select(id => CompareOne(baseById[id], diffById[id], options, model, runWide, changes.GetValueOrDefault(id, double.NaN), calibration)).ToList();
        var added = diffById.Keys.Where(id => !baseById.ContainsKey(id)).OrderBy(id => id.Key, StringComparer.Ordinal).ToList();
        var missing = baseById.Keys.Where(id => !diffById.ContainsKey(id)).OrderBy(id => id.Key, StringComparer.Ordinal).ToList();
        return new Comparison(baseRun, diffRun, options, model, runWide, calibration, compared, added, missing);
    }

    /// <summary>
    /// The fallback's check of its own assumption. Its noise band comes from the spread between launches,
    /// but two runs can differ by more than their launches do (the machine's load between the runs reaches
    /// each strategy differently). Over all fallback benchmarks, the residual change (the run-wide shift
    /// taken out) is compared with what the launches predict (σ√2): the median ratio ÷ 0.6745 (the median
    /// of |z| for a normal z) is how many times wider the runs really differ. The bands are widened by it
    /// (never narrowed). The median over many benchmarks stands while a few of them really changed;
    /// with fewer than <see cref="MinCalibrationBenchmarks"/> fallback benchmarks it is 1.
    /// </summary>
    private static double FallbackCalibration(Dictionary<BenchmarkId, double> changes, Dictionary<BenchmarkId, BenchmarkResult> baseById, Dictionary<BenchmarkId, BenchmarkResult> diffById, HistoryModel model, RunWideShift? runWide)
    {
        if (runWide is null)
        {
            return 1;
        }

        var shift = Math.Log(runWide.Ratio);
        var ratios = changes
            .Where(c => !model.Benchmarks.ContainsKey(c.Key) && double.IsFinite(c.Value))
            .Select(c => Math.Abs(c.Value - shift) / (NoiseModel.FromLaunches(baseById[c.Key], diffById[c.Key]).Sigma * Math.Sqrt(2)))
            .Where(double.IsFinite)
            .ToList();
        return ratios.Count < MinCalibrationBenchmarks ? 1 : Math.Max(1, NoiseModel.Median(ratios) / 0.6745);
    }

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

    /// <summary>Today's log change against the history's center, or (the fallback) the Hodges–Lehmann shift from the base run.</summary>
    private static double Change(BenchmarkResult baseResult, BenchmarkResult diffResult, HistoryModel model) =>
        model.Benchmarks.TryGetValue(baseResult.Id, out var h) ? NoiseModel.RunValueLog(diffResult) - h.CenterLog : NoiseModel.ShiftLog(baseResult, diffResult);

    private static RunWideShift? RunWide(IReadOnlyList<double> changes, HistoryModel model, CompareOptions options)
    {
        if (changes.Count == 0)
        {
            return null;
        }

        var shift = NoiseModel.Median(changes);
        // With a drift history the band is its prediction interval; without one (the stated fallback), a
        // run-wide shift up to twice the threshold is taken as the machine's, anything past it as a change of the run.
        var band = model.Drift is { } drift ? Math.Max(drift.Band(CompareOptions.BandAlpha), 0) : options.FallbackDriftLog;
        return new RunWideShift(Math.Exp(shift), (Math.Exp(band) - 1) * 100, Math.Abs(shift) <= band, model.Drift);
    }

    private static ComparedBenchmark CompareOne(BenchmarkResult baseResult, BenchmarkResult diffResult, CompareOptions options, HistoryModel model, RunWideShift? runWide, double change, double calibration)
    {
        if (baseResult.Failed || diffResult.Failed || !double.IsFinite(change))
        {
            return new ComparedBenchmark(baseResult.Id, baseResult, diffResult, TimeChange.Same, null, null, null, null, false, null, null, null);
        }

        var history = model.Benchmarks.GetValueOrDefault(baseResult.Id);
        var fallback = NoiseModel.FromLaunches(baseResult, diffResult);
        var noise = history?.Noise ?? fallback with { Sigma = fallback.Sigma * calibration };
        var drift = runWide is { IsDrift: true } ? Math.Log(runWide.Ratio) : 0;
        var own = change - drift;
        var band = noise.Band(CompareOptions.BandAlpha);
        // Gateable: a change of the threshold would stand out of the benchmark's noise and exceed the absolute floor.
        var referenceNs = Math.Exp(NoiseModel.RunValueLog(diffResult) - own);
        var gateable = band < options.ThresholdLog && referenceNs * (options.ThresholdPercent / 100) > CompareOptions.NoiseFloorNs;
        var allocation = Metric(baseResult.AllocatedBytesPerOperation, diffResult.AllocatedBytesPerOperation, history?.AllocatedBytes, options, CompareOptions.AllocationFloorBytes, Format.Bytes);
        var workItems = Metric(baseResult.CompletedWorkItemsPerOperation, diffResult.CompletedWorkItemsPerOperation, history?.WorkItems, options, CompareOptions.WorkItemFloor, v => Format.Significant(v));
        var bandPercent = double.IsFinite(band) ? (Math.Exp(band) - 1) * 100 : (double?)null;
        if (double.IsNaN(band))
        {
            return new ComparedBenchmark(baseResult.Id, baseResult, diffResult, TimeChange.Untestable, Math.Exp(change), Math.Exp(own), noise, null, false, null, allocation, workItems);
        }

        var diffNs = Math.Exp(NoiseModel.RunValueLog(diffResult));
        var past = Math.Abs(own) > Math.Max(band, options.ThresholdLog) && Math.Abs(diffNs - referenceNs) > CompareOptions.NoiseFloorNs;
        double? p = null;
        if (past && history is null)
        {
            // The fallback's second witness: are today's launches above the reference's, shifted by the threshold?
            p = MannWhitneyP(baseResult, diffResult, drift, own > 0, options);
            past = p is not { } pv || pv < CompareOptions.Alpha;
        }

        var time = !past ? TimeChange.Same : own > 0 ? TimeChange.Slower : TimeChange.Faster;
        return new ComparedBenchmark(baseResult.Id, baseResult, diffResult, time, Math.Exp(change), Math.Exp(own), noise, bandPercent, gateable, p, allocation, workItems);
    }

    /// <summary>
    /// Perfolizer's one-sided Mann–Whitney test of today's launch medians against the base's (times the
    /// drift), with the threshold as the shift to beat; null when a side has fewer than 4 launches (3 against
    /// 3 cannot reach p &lt; 0.05), so only the noise band decides.
    /// </summary>
    private static double? MannWhitneyP(BenchmarkResult baseResult, BenchmarkResult diffResult, double drift, bool slower, CompareOptions options)
    {
        var baseSample = NoiseModel.LaunchMedians(baseResult).Select(v => v * Math.Exp(drift)).ToArray();
        var diffSample = NoiseModel.LaunchMedians(diffResult).ToArray();
        if (baseSample.Length < 4 || diffSample.Length < 4)
        {
            return null;
        }

        var threshold = Threshold.Parse(string.Create(CultureInfo.InvariantCulture, $"{options.ThresholdPercent}%"));
        // Perform(x, y, Greater, t) asks whether x is above y shifted up by t.
        var (x, y) = slower ? (diffSample, baseSample) : (baseSample, diffSample);
        return MannWhitneyTest.Instance.Perform(new Sample(x), new Sample(y), AlternativeHypothesis.Greater, threshold).PValue;
    }

    private static MetricVerdict? Metric(double? baseValue, double? diffValue, IReadOnlyList<double>? history, CompareOptions options, double floor, Func<double, string> format)
    {
        if (baseValue is not { } b || diffValue is not { } d)
        {
            return null;
        }

        var threshold = options.ThresholdPercent / 100;
        var deterministic = history is { Count: >= NoiseModel.MinHistoryRuns } && IsDeterministic(history);
        var reference = deterministic ? NoiseModel.Median(history!) : b;
        var delta = d - reference;
        var relative = reference == 0 ? (d == 0 ? 0 : double.PositiveInfinity) : Math.Abs(delta) / reference;
        if (Math.Abs(delta) <= floor || relative <= threshold)
        {
            return null;
        }

        var spread = history is { Count: > 0 } ? $"; earlier runs {format(history.Min())}–{format(history.Max())}" : string.Empty;
        var gate = deterministic ? "gated: deterministic in " + history!.Count + " earlier runs" : "not gated" + (history is { Count: >= NoiseModel.MinHistoryRuns } ? ": varies between runs" : ": too little history to show it deterministic");
        return new MetricVerdict($"{format(reference)} → {format(d)} ({(reference == 0 ? "new" : Format.SignedPercent(delta / reference))}; {gate}{spread})", deterministic, delta > 0);
    }

    private static bool IsDeterministic(IReadOnlyList<double> values)
    {
        var median = NoiseModel.Median(values);
        return values.Max() - values.Min() <= Math.Abs(median) * CompareOptions.DeterministicTolerance;
    }

    public static string Markdown(Comparison comparison)
    {
        var o = comparison.Options;
        var threshold = Format.Number(o.ThresholdPercent) + "%";
        var md = new StringBuilder("# AsyncBench comparison\n\n");
        md.Append("- Base: `").Append(comparison.Base.SourceDirectory).Append("` (").Append(ReportReader.Describe(comparison.Base.Environment)).Append(")\n");
        md.Append("- Diff: `").Append(comparison.Diff.SourceDirectory).Append("` (").Append(ReportReader.Describe(comparison.Diff.Environment)).Append(")\n");
        if (comparison.Base.Environment != comparison.Diff.Environment)
        {
            md.Append("- **Warning:** the runs come from different environments; differences may be the machine's, not the code's.\n");
        }

        var fromHistory = comparison.Compared.Count(c => c.Noise?.Basis == NoiseBasis.History);
        var fromLaunches = comparison.Compared.Count(c => c.Noise?.Basis == NoiseBasis.Launches);
        var fromIterations = comparison.Compared.Count(c => c.Noise?.Basis == NoiseBasis.Iterations);
        var runs = comparison.History.Runs;
        md.Append("- History: ").Append(runs.Count == 0
            ? "none given (two folders): every benchmark uses the fallback."
            : $"{runs.Count} run(s) of this machine ({Started(runs[0])} … {Started(runs[^1])}, the base included)").Append('\n');
        md.Append(CultureInfo.InvariantCulture, $"- Reference and noise band per benchmark: {fromHistory} against their own history (center and run-to-run spread of at least {NoiseModel.MinHistoryRuns} earlier runs, each run's run-wide offset taken out); ");
        md.Append(CultureInfo.InvariantCulture, $"{fromLaunches} by the fallback (the base run, with one launch's spread between processes taken as a run's); ");
        md.Append(CultureInfo.InvariantCulture, $"{fromIterations} by the fallback with one launch per run (the spread between iterations of one process: it misses the spread between processes, so read their verdicts with care).\n");
        md.Append(CultureInfo.InvariantCulture, $"- Criterion: a benchmark is slower (faster) when today's value (the median of its launch medians) is above (below) the reference by more than the threshold ({threshold}), by more than its noise band (the {Format.Number((1 - CompareOptions.BandAlpha) * 100)}% prediction interval of its run-to-run spread) and by more than {Format.Time(CompareOptions.NoiseFloorNs)}; ");
        md.Append(CultureInfo.InvariantCulture, $"in the fallback, a one-sided Mann–Whitney test of today's launch medians against the base's shifted by the threshold must also give p < {CompareOptions.Alpha} (where each side has at least 4 launches). ");
        md.Append(CultureInfo.InvariantCulture, $"The run-wide shift (the median change over all benchmarks) is the machine's drift when it lies within the drift band (the prediction interval of the earlier runs' offsets; without {NoiseModel.MinHistoryRuns} earlier runs: {Format.Number(CompareOptions.FallbackDriftFactor)} × the threshold), and is then taken out of every benchmark's change; past it, it is a change of the whole run and stays in. ");
        md.Append(CultureInfo.InvariantCulture, $"A benchmark whose noise band is wider than the threshold, or whose threshold change is below {Format.Time(CompareOptions.NoiseFloorNs)}, is not gateable: listed with its spread, never a regression. ");
        md.Append(CultureInfo.InvariantCulture, $"Allocated bytes and completed work items count as changed past {threshold} and {Format.Number(CompareOptions.AllocationFloorBytes)} B ({Format.Number(CompareOptions.WorkItemFloor)} items), and fail the run only where at least {NoiseModel.MinHistoryRuns} earlier runs show them deterministic (within {Format.Number(CompareOptions.DeterministicTolerance * 100)}%). ");
        md.Append("A regression (exit code 1): a gateable benchmark slower, the whole run slower past its drift band and the threshold, a gated count up, or a benchmark that newly fails.\n\n");

        var untestable = comparison.Compared.Count(c => c.Time == TimeChange.Untestable);
        var same = comparison.Compared.Count(c => c.Gateable && c.Time == TimeChange.Same);
        md.Append("## Summary\n\n| | count |\n|---|---:|\n");
        md.Append(CultureInfo.InvariantCulture, $"| compared (in both runs) | {comparison.Compared.Count} |\n");
        md.Append(CultureInfo.InvariantCulture, $"| slower | {comparison.Slower.Count} |\n");
        md.Append(CultureInfo.InvariantCulture, $"| faster | {comparison.Faster.Count} |\n");
        md.Append(CultureInfo.InvariantCulture, $"| same | {same} |\n");
        md.Append(CultureInfo.InvariantCulture, $"| not gateable (noise band wider than {threshold}) | {comparison.NotGateable.Count} |\n");
        md.Append(CultureInfo.InvariantCulture, $"| no spread to judge by | {untestable} |\n");
        md.Append(CultureInfo.InvariantCulture, $"| allocation changed (gated) | {comparison.Compared.Count(c => c.Allocation is not null)} ({comparison.Compared.Count(c => c.Allocation is { Gated: true })}) |\n");
        md.Append(CultureInfo.InvariantCulture, $"| work items changed (gated) | {comparison.Compared.Count(c => c.WorkItems is not null)} ({comparison.Compared.Count(c => c.WorkItems is { Gated: true })}) |\n");
        md.Append(CultureInfo.InvariantCulture, $"| failed (either run) | {comparison.Failed.Count} |\n");
        md.Append(CultureInfo.InvariantCulture, $"| new (diff only) | {comparison.New.Count} |\n");
        md.Append(CultureInfo.InvariantCulture, $"| missing (base only) | {comparison.Missing.Count} |\n\n");

        if (comparison.RunWide is { } wide)
        {
            md.Append("Run-wide shift: ").Append(Format.SignedPercent(wide.Ratio - 1)).Append(" (median over benchmarks); drift band ±").Append(Format.Number(wide.DriftBandPercent)).Append('%')
              .Append(wide.Drift is { } drift ? $" (from the offsets of {drift.Runs} earlier runs, spread ±{Format.Number(drift.SpreadPercent)}%)" : $" (fallback: {Format.Number(CompareOptions.FallbackDriftFactor)} × the threshold)")
              .Append(wide.IsDrift ? ": the machine's drift, taken out of every benchmark's change.\n\n" : ": **past the machine's drift, a change of the whole run** (code, runtime or machine); every benchmark is judged on its whole change.\n\n");
        }

        if (fromLaunches + fromIterations > 0)
        {
            md.Append(CultureInfo.InvariantCulture, $"Fallback calibration: the two runs' benchmarks differ (run-wide shift taken out) by {Format.Number(comparison.FallbackCalibration)} × what the spread between their launches predicts (median over the fallback benchmarks, at least 1); the fallback's noise bands are widened by that factor.\n\n");
        }

        var geo = comparison.GeometricMeanRatio;
        md.Append("Geometric mean of today ÷ reference: ")
          .Append(geo is { } g ? $"{Format.Ratio(g)} ({Format.SignedPercent(g - 1)})" : "n/a")
          .Append(". Verdict: ").Append(comparison.HasRegression ? "**regression**" : "no regression").Append(".\n\n");

        TimeTable(md, "Slower", comparison.Slower.OrderByDescending(c => c.Ratio));
        TimeTable(md, "Faster", comparison.Faster.OrderBy(c => c.Ratio));

        if (comparison.NotGateable.Count > 0)
        {
            md.Append("## Not gateable at ").Append(threshold).Append("\n\nTheir noise band is wider than ").Append(threshold).Append(", so a change of ").Append(threshold)
              .Append(" would not stand out (or, where the band is narrow, ").Append(threshold).Append(" of their time is below ").Append(Format.Time(CompareOptions.NoiseFloorNs)).Append("); measured, not gated.\n\n");
            md.Append("| Benchmark | Run-to-run spread (1 σ) | Noise band | Basis | Today ÷ reference | Outside its band |\n|---|---:|---:|---|---:|---|\n");
            foreach (var c in comparison.NotGateable.OrderByDescending(c => c.Noise?.Sigma ?? double.PositiveInfinity))
            {
                md.Append("| `").Append(c.Id.Key).Append("` | ").Append(c.Noise is { } n && double.IsFinite(n.Sigma) ? "±" + Format.Number(n.SpreadPercent) + "%" : "n/a")
                  .Append(" | ").Append(c.NoiseBandPercent is { } b ? "±" + Format.Number(b) + "%" : "n/a")
                  .Append(" | ").Append(Basis(c)).Append(" | ").Append(c.Ratio is { } r ? Format.Ratio(r) : "n/a")
                  .Append(" | ").Append(c.Time is TimeChange.Slower or TimeChange.Faster ? c.Time.ToString().ToLowerInvariant() : "no").Append(" |\n");
            }

            md.Append('\n');
        }

        var metrics = comparison.Compared.Where(c => c.Allocation is not null || c.WorkItems is not null).ToList();
        if (metrics.Count > 0)
        {
            md.Append("## Allocation and work-item changes\n\n| Benchmark | Allocated per batch | Work items per batch | Time |\n|---|---|---|---|\n");
            foreach (var c in metrics)
            {
                md.Append("| `").Append(c.Id.Key).Append("` | ").Append(c.AllocationChange ?? "same").Append(" | ").Append(c.WorkItemChange ?? "same").Append(" | ").Append(c.Time.ToString().ToLowerInvariant()).Append(" |\n");
            }

            md.Append('\n');
        }

        if (comparison.Failed.Count > 0)
        {
            md.Append("## Failed\n\n");
            foreach (var c in comparison.Failed)
            {
                var where = c.Base.Failed && c.Diff.Failed ? "in both runs" : c.Diff.Failed ? "in diff (newly failing)" : "in base only (fixed in diff)";
                md.Append("- `").Append(c.Id.Key).Append("`: failed ").Append(where).Append('\n');
            }

            md.Append('\n');
        }

        IdList(md, "New (diff only)", comparison.New);
        IdList(md, "Missing (base only)", comparison.Missing);
        return md.ToString();
    }

    private static string Started(BenchmarkRun run) =>
        run.StartedUtc is { } s ? s.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : Path.GetFileName(run.SourceDirectory.TrimEnd('/', '\\'));

    private static string Basis(ComparedBenchmark c) => c.Noise?.Basis switch
    {
        NoiseBasis.History => $"history ({c.Noise.Runs} runs)",
        NoiseBasis.Launches => "fallback: base run, launches",
        NoiseBasis.Iterations => "fallback: base run, one process",
        _ => "n/a",
    };

    private static void TimeTable(StringBuilder md, string title, IEnumerable<ComparedBenchmark> rows)
    {
        var list = rows.ToList();
        if (list.Count == 0)
        {
            return;
        }

        md.Append("## ").Append(title).Append("\n\n| Benchmark | Reference | Today | Today ÷ reference | Drift taken out | Noise band | Basis | p |\n|---|---:|---:|---:|---:|---:|---|---:|\n");
        foreach (var c in list)
        {
            var today = Math.Exp(NoiseModel.RunValueLog(c.Diff));
            md.Append("| `").Append(c.Id.Key).Append("` | ").Append(c.Ratio is { } r0 ? Format.Time(today / r0) : "n/a").Append(" | ").Append(Format.Time(today))
              .Append(" | ").Append(c.Ratio is { } r ? Format.Ratio(r) : "n/a")
              .Append(" | ").Append(c.OwnRatio is { } own ? Format.Ratio(own) : "n/a")
              .Append(" | ").Append(c.NoiseBandPercent is { } b ? "±" + Format.Number(b) + "%" : "n/a")
              .Append(" | ").Append(Basis(c))
              .Append(" | ").Append(c.PValue is { } p ? p.ToString("0.###", CultureInfo.InvariantCulture) : "–").Append(" |\n");
        }

        md.Append('\n');
    }

    private static void IdList(StringBuilder md, string title, IReadOnlyList<BenchmarkId> ids)
    {
        if (ids.Count == 0)
        {
            return;
        }

        md.Append("## ").Append(title).Append("\n\n");
        foreach (var id in ids)
        {
            md.Append("- `").Append(id.Key).Append("`\n");
        }

        md.Append('\n');
    }
}
