namespace AsyncBench.Publishing;

/// <summary>The gate's counts (allocated bytes, completed work items): changed past their floors, and gated where deterministic.</summary>
internal static class CountComparer
{
    /// <summary>
    /// Allocated bytes per operation. BenchmarkDotNet measures them in the last launch only, so determinism is
    /// shown by runs: deterministic when at least two earlier runs (the base and the history) agree within the
    /// tolerance; then any change past the floors is the code's and gates. Otherwise a change is reported
    /// with the runs' range, not gated.
    /// </summary>
    internal static MetricVerdict? Allocation(BenchmarkResult baseResult, BenchmarkResult diffResult, HistoryModel model, CompareOptions options)
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

        var basis = deterministic ? CountBasis.SameInEarlierRuns : seen.Count >= 2 ? CountBasis.VariesBetweenRuns : CountBasis.OneEarlierRun;
        return new MetricVerdict(CountKind.AllocatedBytes, reference, d, basis, seen.Count, seen.Min(), seen.Max(), deterministic, delta > 0);
    }

    /// <summary>
    /// Completed work items per operation. Deterministic when a whole number per operation in both runs,
    /// each of at least <see cref="CompareOptions.MinOperationsForWholeCounts"/> operations (every operation did
    /// the same count: no history needed), or the same in at least two earlier runs.
    /// </summary>
    internal static MetricVerdict? WorkItems(BenchmarkResult baseResult, BenchmarkResult diffResult, BenchmarkHistory? history, HistoryModel model, CompareOptions options)
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

        var basis = whole ? CountBasis.WholePerOperation
            : agree ? CountBasis.SameInEarlierRuns
            : seen.Count >= 2 ? CountBasis.VariesBetweenRuns
            : CountBasis.VariesBetweenOperations;
        return new MetricVerdict(CountKind.WorkItems, reference, d, basis, seen.Count, seen.Min(), seen.Max(), deterministic, delta > 0);
    }

    private static bool IsWholePerOperation(BenchmarkResult result) =>
        result.CompletedWorkItemsPerOperation is { } v && result.Operations >= CompareOptions.MinOperationsForWholeCounts && Math.Abs(v - Math.Round(v)) <= 1e-9 * Math.Max(1, v);
}
