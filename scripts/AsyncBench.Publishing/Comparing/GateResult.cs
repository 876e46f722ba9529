using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publishing.Comparing;

// The gate's records: what Gate returns and GateReport (markdown) and GateJson (compare --json) render.

/// <summary>Gateable counts at the reported thresholds, for one basis (the history, or the fallback on the same two runs).</summary>
public sealed record GateableShare(string Basis, int Benchmarks, IReadOnlyDictionary<double, int> AtThreshold);

public sealed record GateResult(
    BenchmarkRun Base,
    BenchmarkRun Diff,
    GateOptions Options,
    HistoryModel History,
    RunWideShift? RunWide,
    IReadOnlyList<FallbackCalibration> Calibrations,
    IReadOnlyList<BenchmarkJudgement> Compared,
    IReadOnlyList<BenchmarkId> New,
    IReadOnlyList<BenchmarkId> Missing)
{
    /// <summary>With a history: the same two runs judged by the fallback alone, to set the history's gateable share against.</summary>
    public GateableShare? FallbackShare { get; init; }

    public IReadOnlyList<BenchmarkJudgement> Slower => [.. Compared.Where(c => c.Gateable && !c.Canary && c.Time == TimeChange.Slower)];

    public IReadOnlyList<BenchmarkJudgement> Faster => [.. Compared.Where(c => c.Gateable && !c.Canary && c.Time == TimeChange.Faster)];

    /// <summary>Too noisy to gate at the threshold: listed with their measured spread and power, whatever they did today.</summary>
    public IReadOnlyList<BenchmarkJudgement> NotGateable => [.. Compared.Where(c => !c.Gateable && !c.Canary && !c.Base.Failed && !c.Diff.Failed)];

    public IReadOnlyList<BenchmarkJudgement> Canaries => [.. Compared.Where(c => c.Canary && !c.Base.Failed && !c.Diff.Failed)];

    public IReadOnlyList<BenchmarkJudgement> Injected => [.. Compared.Where(c => c.InjectedSlowdown is > 0)];

    public IReadOnlyList<BenchmarkJudgement> Failed => [.. Compared.Where(c => c.Diff.Failed || c.Base.Failed)];

    /// <summary>Benchmarks that can be judged (both runs succeeded, not canaries): the denominator of the gateable share.</summary>
    public IReadOnlyList<BenchmarkJudgement> Judged => [.. Compared.Where(c => !c.Canary && !c.Base.Failed && !c.Diff.Failed)];

    /// <summary>The run, canaries aside, slower past its band and the practical floor, and not the machine's.</summary>
    public bool RunWideSlower => RunWide is { RunMoved: true } wide && wide.RunChangeLog > 0;

    /// <summary>A regression fails the run: a gateable benchmark slower, the whole run slower, CPU time slower where it gates, a gated count up, or a newly failing benchmark.</summary>
    public bool HasRegression =>
        Slower.Count > 0 || RunWideSlower
        || Compared.Any(c => !c.Canary && (c.AllocationRegressed || c.WorkItemsRegressed || c.CpuRegressed))
        || Compared.Any(c => c.Diff.Failed && !c.Base.Failed);

    /// <summary>The judged benchmarks whose runs measured CPU time.</summary>
    public IReadOnlyList<BenchmarkJudgement> WithCpuTime => [.. Judged.Where(c => c.Cpu is not null)];

    /// <summary>CPU time against wall time per namespace: their median standard errors, and how many benchmarks CPU time is quieter for and gates.</summary>
    public IReadOnlyList<CpuTimeByNamespace> CpuByNamespace =>
        [.. WithCpuTime.GroupBy(c => c.Id.Namespace).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var wall = g.Where(c => c.Noise is { IsKnown: true }).Select(c => c.Noise!.StandardError).ToList();
            var cpu = g.Where(c => c.Cpu!.Noise is { IsKnown: true }).Select(c => c.Cpu!.Noise!.StandardError).ToList();
            return new CpuTimeByNamespace(
                g.Key,
                g.Count(),
                wall.Count > 0 ? NoiseModel.Median(wall) : null,
                cpu.Count > 0 ? NoiseModel.Median(cpu) : null,
                g.Count(c => c.Cpu!.Quieter),
                g.Count(c => c.Cpu!.Gated));
        })];

    public GateableShare Share => Gate.ShareOf(this, History.Benchmarks.Count > 0 ? "history" : "fallback");

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

/// <summary>One namespace's CPU time against its wall time: the median standard error of each (null where none is known).</summary>
public sealed record CpuTimeByNamespace(string Namespace, int Benchmarks, double? MedianWallStandardError, double? MedianCpuStandardError, int Quieter, int Gated);
