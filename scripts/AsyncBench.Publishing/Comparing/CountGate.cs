using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publishing.Comparing;

/// <summary>
/// A change of a count (allocated bytes, completed work items). <see cref="Gated"/>: the runs show the count
/// is deterministic for this benchmark, so a change is the code's; otherwise it is reported with its spread
/// and does not fail the run.
/// </summary>
public sealed record CountJudgement(CountKind Kind, double Reference, double Today, CountBasis Basis, int EarlierRuns, double SeenMin, double SeenMax, bool Gated, bool Increased)
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
    /// <summary>The same in <see cref="CountJudgement.EarlierRuns"/> earlier runs: gated.</summary>
    SameInEarlierRuns,

    /// <summary>The same in every launch (process) of the one earlier run, which kept each launch's (a run merged from passes): gated.</summary>
    SameInEveryLaunch,

    /// <summary>A whole number per operation in both runs (every operation did the same count): gated.</summary>
    WholePerOperation,

    /// <summary>Different between the earlier runs or their launches (<see cref="CountJudgement.SeenMin"/> to <see cref="CountJudgement.SeenMax"/>): not gated.</summary>
    VariesBetweenRuns,

    /// <summary>Different between today's launches (<see cref="CountJudgement.TodayMin"/> to <see cref="CountJudgement.TodayMax"/>): not a change of the code's, not gated.</summary>
    VariesBetweenTodaysLaunches,

    /// <summary>Allocations with one earlier run, which cannot show them deterministic: not gated.</summary>
    OneEarlierRun,

    /// <summary>Work items that are not a whole number per operation, with no earlier runs to show them the same: not gated.</summary>
    VariesBetweenOperations,
}

/// <summary>The gate's counts (allocated bytes, completed work items): changed past their floors, and gated where deterministic.</summary>
internal static class CountGate
{
    /// <summary>
    /// Allocated bytes per operation. BenchmarkDotNet measures them in the last launch only, so determinism is
    /// shown by processes: deterministic when at least two earlier values agree within the tolerance, the base
    /// run's and the history's, a value per launch where a run kept each launch's (a run merged from passes) and
    /// one per run otherwise; then any change past the floors is the code's and gates. Otherwise a change is
    /// reported with the values' range, not gated. Each run's value is the median of its launches'; today's launches, where
    /// the run kept them, must agree too (a count that varies between tonight's processes is not a change of the code's).
    /// </summary>
    internal static CountJudgement? Allocation(BenchmarkResult baseResult, BenchmarkResult diffResult, HistoryModel model, GateOptions options)
    {
        if (baseResult.AllocatedBytesPerLaunch is not { Count: > 0 } baseValues || diffResult.AllocatedBytesPerLaunch is not { Count: > 0 } diffValues)
        {
            return null;
        }

        var seen = model.AllocationsSeen.GetValueOrDefault(baseResult.Id) ?? baseValues;
        var median = NoiseModel.Median(seen);
        var tolerance = Math.Max(GateOptions.AllocationToleranceBytes, GateOptions.AllocationToleranceShare * median);
        var deterministic = seen.Count >= 2 && seen.Max() - seen.Min() <= tolerance;
        var reference = deterministic ? median : NoiseModel.Median(baseValues);
        var d = NoiseModel.Median(diffValues);
        var delta = d - reference;
        if (Math.Abs(delta) <= Math.Max(GateOptions.AllocationFloorBytes, tolerance) || (reference > 0 && Math.Abs(Math.Log(d / reference)) <= options.FloorLog && d > 0))
        {
            return null;
        }

        var runs = EarlierRuns(baseResult.Id, model, r => r.AllocatedBytesPerLaunch.Count > 0);
        var todayAgrees = diffValues.Max() - diffValues.Min() <= tolerance;
        var basis = !todayAgrees ? CountBasis.VariesBetweenTodaysLaunches
            : deterministic ? (runs >= 2 ? CountBasis.SameInEarlierRuns : CountBasis.SameInEveryLaunch)
            : seen.Count >= 2 ? CountBasis.VariesBetweenRuns : CountBasis.OneEarlierRun;
        return new CountJudgement(CountKind.AllocatedBytes, reference, d, basis, runs, seen.Min(), seen.Max(), deterministic && todayAgrees, delta > 0)
        {
            Seen = seen.Count,
            TodayMin = diffValues.Min(),
            TodayMax = diffValues.Max(),
        };
    }

    /// <summary>
    /// Completed work items per operation. Deterministic when the same in at least two earlier values (the runs',
    /// a value per launch where a run kept each launch's), or, with one value, a whole number per operation in both
    /// runs, each of at least <see cref="GateOptions.MinOperationsForWholeCounts"/> operations (every operation did
    /// the same count). Today's launches, where the run kept them, must agree too.
    /// </summary>
    internal static CountJudgement? WorkItems(BenchmarkResult baseResult, BenchmarkResult diffResult, BenchmarkHistory? history, HistoryModel model, GateOptions options)
    {
        if (baseResult.WorkItemsPerLaunch is not { Count: > 0 } baseValues || diffResult.WorkItemsPerLaunch is not { Count: > 0 } diffValues)
        {
            return null;
        }

        // Earlier runs, where there are two or more, decide; else the base run's launches; else whole numbers per operation in both runs.
        var seen = history?.WorkItems is { Count: >= 2 } h ? h : model.Runs.Count >= 2
            ? [.. model.Runs.Select(r => r.Results.FirstOrDefault(x => x.Id == baseResult.Id)).Where(x => x is not null).SelectMany(x => x!.WorkItemsPerLaunch)]
            : baseValues;
        var agree = seen.Count >= 2 && seen.Max() - seen.Min() <= 1e-6 * Math.Max(1, Math.Abs(NoiseModel.Median(seen)));
        var whole = seen.Count < 2 && IsWholePerOperation(baseResult) && IsWholePerOperation(diffResult);
        var deterministic = whole || agree;
        var reference = agree ? NoiseModel.Median(seen) : NoiseModel.Median(baseValues);
        var d = NoiseModel.Median(diffValues);
        var delta = d - reference;
        if (Math.Abs(delta) <= GateOptions.WorkItemFloor || (reference > 0 && d > 0 && Math.Abs(Math.Log(d / reference)) <= options.FloorLog))
        {
            return null;
        }

        var runs = EarlierRuns(baseResult.Id, model, r => r.WorkItemsPerLaunch.Count > 0);
        var todayAgrees = diffValues.Max() - diffValues.Min() <= 1e-6 * Math.Max(1, Math.Abs(d));
        var basis = !todayAgrees ? CountBasis.VariesBetweenTodaysLaunches
            : whole ? CountBasis.WholePerOperation
            : agree ? (runs >= 2 ? CountBasis.SameInEarlierRuns : CountBasis.SameInEveryLaunch)
            : seen.Count >= 2 ? CountBasis.VariesBetweenRuns
            : CountBasis.VariesBetweenOperations;
        return new CountJudgement(CountKind.WorkItems, reference, d, basis, runs, seen.Min(), seen.Max(), deterministic && todayAgrees, delta > 0)
        {
            Seen = seen.Count,
            TodayMin = diffValues.Min(),
            TodayMax = diffValues.Max(),
        };
    }

    /// <summary>How many earlier runs (the history with the base run; the base run alone without one) measured the count.</summary>
    private static int EarlierRuns(BenchmarkId id, HistoryModel model, Func<BenchmarkResult, bool> measured) =>
        model.Runs.Count == 0 ? 1 : Math.Max(1, model.Runs.Count(r => r.Results.Any(x => x.Id == id && !x.Failed && measured(x))));

    private static bool IsWholePerOperation(BenchmarkResult result) =>
        result.CompletedWorkItemsPerOperation is { } v && result.Operations >= GateOptions.MinOperationsForWholeCounts && Math.Abs(v - Math.Round(v)) <= 1e-9 * Math.Max(1, v);
}
