using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publishing.Comparing;

// The gate's records: what Comparer returns and ComparisonReport (markdown) and ComparisonJson (compare --json) render.

/// <summary>What a benchmark's time did between the runs, as the gate judged it.</summary>
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
public sealed record MetricVerdict(CountKind Kind, double Reference, double Today, CountBasis Basis, int EarlierRuns, double SeenMin, double SeenMax, bool Gated, bool Increased)
{
    /// <summary>How many earlier values the basis rests on: one per run, or one per launch where runs kept each launch's.</summary>
    public int Seen { get; init; } = EarlierRuns;

    /// <summary>The range of today's launches' values (one value when the run kept only BenchmarkDotNet's).</summary>
    public double TodayMin { get; init; } = Today;

    public double TodayMax { get; init; } = Today;
}

/// <summary>Which count changed.</summary>
public enum CountKind
{
    AllocatedBytes,
    WorkItems,
}

/// <summary>What showed a count deterministic (gated) or not.</summary>
public enum CountBasis
{
    /// <summary>The same in <see cref="MetricVerdict.EarlierRuns"/> earlier runs: gated.</summary>
    SameInEarlierRuns,

    /// <summary>The same in every launch (process) of the one earlier run, which kept each launch's (a run merged from passes): gated.</summary>
    SameInEveryLaunch,

    /// <summary>A whole number per operation in both runs (every operation did the same count): gated.</summary>
    WholePerOperation,

    /// <summary>Different between the earlier runs or their launches (<see cref="MetricVerdict.SeenMin"/> to <see cref="MetricVerdict.SeenMax"/>): not gated.</summary>
    VariesBetweenRuns,

    /// <summary>Different between today's launches (<see cref="MetricVerdict.TodayMin"/> to <see cref="MetricVerdict.TodayMax"/>): not a change of the code's, not gated.</summary>
    VariesBetweenTodaysLaunches,

    /// <summary>Allocations with one earlier run, which cannot show them deterministic: not gated.</summary>
    OneEarlierRun,

    /// <summary>Work items that are not a whole number per operation, with no earlier runs to show them the same: not gated.</summary>
    VariesBetweenOperations,
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
