using System.Globalization;
using AsyncBench.Protocol;
using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publishing.Pages;

/// <summary>One cell of a table: one benchmark, with the numbers derived from it.</summary>
public sealed record TableCell(
    BenchmarkResult Result,
    double? RatioToBaseline,
    double? UnitsPerSecond,
    double? IdealFloorNs,
    double? Efficiency,
    Estimate? Median);

/// <summary>What the baseline's cell of a column held, for the line under the table.</summary>
public enum BaselineCell
{
    /// <summary>The class declared no baseline.</summary>
    None,
    Succeeded,
    NotRun,
    Failed,
}

/// <summary>
/// One column (one Count) of a table, ranked by median: the fastest row, its time over the baseline's (where the baseline
/// succeeded), the runner-up and its time over the fastest's, and whether the two are within noise (their medians'
/// intervals overlap, or without intervals the lead is under 5%). <see cref="Winner"/> is null when nothing succeeded.
/// </summary>
public sealed record FastestInColumn(string Column, string? Winner, BaselineCell Baseline, double? OverBaseline, string? RunnerUp, double? RunnerUpOverWinner, bool WithinNoise);

/// <summary>
/// One table of a workload page: one benchmark class at one setting of its parameters other than
/// Count (e.g. LatencyMs=20); rows are the class's benchmarks (methods with their arguments) in the
/// report's order, columns are Count values. <see cref="Baseline"/> is the row the class declared as its
/// baseline, null when it declared none (or the run has no declarations sidecar for it).
/// </summary>
public sealed record ResultTable(
    string Workload,
    string ClassName,
    string Type,
    Setting Setting,
    IReadOnlyList<string> Columns,
    IReadOnlyList<string> Rows,
    IReadOnlyDictionary<(string Row, string Column), TableCell> Cells,
    string? Baseline)
{
    public TableCell? Cell(string row, string column) => Cells.TryGetValue((row, column), out var cell) ? cell : null;

    /// <summary>Per column, the fastest row by median (the line under the table).</summary>
    public IReadOnlyList<FastestInColumn> Fastest { get; init; } = [];

    /// <summary>Per column, each method the table runs over several values of its one argument (<see cref="Sweep"/>).</summary>
    public IReadOnlyList<Sweep> Sweeps { get; init; } = [];
}

/// <summary>One value of a sweep: the argument's value, the row, and the case's median with its interval.</summary>
public sealed record SweepPoint(long Value, string Row, Estimate Median);

/// <summary>
/// A method run at one Count over several values of its one argument (a reviewer's run sweeps
/// <c>ParallelForEachAsync</c> over <c>maxDegreeOfParallelism</c> 1, 2, 4, ... up to the Count), in increasing order, and
/// where more stops paying: <see cref="StopsPayingAt"/>, the smallest value that no larger value ran faster than beyond
/// the intervals (its interval wholly below); the largest value where every smaller one was beaten so. Null where a point
/// has no interval (one measurement): then it is not decided.
/// </summary>
public sealed record Sweep(string Method, string Argument, string Column, IReadOnlyList<SweepPoint> Points, long? StopsPayingAt)
{
    /// <summary>More kept paying to the largest value run: every smaller value was beaten beyond the intervals by a larger one.</summary>
    public bool PaysToTheEnd => StopsPayingAt == Points[^1].Value;
}

public static class ResultTables
{
    /// <summary>The column label used when a class has no Count parameter.</summary>
    public const string NoCount = "all";

    /// <summary>
    /// Splits a run into tables: pages by namespace, classes and rows in the order the reports list
    /// them, settings in numeric order, so pages are stable. The baseline is the declared one.
    /// </summary>
    public static IReadOnlyList<ResultTable> Build(BenchmarkRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var pages = PageNames(run.Results.Select(r => r.Id.Namespace));
        var tables = new List<ResultTable>();
        var order = new Dictionary<BenchmarkResult, int>(ReferenceEqualityComparer.Instance);
        foreach (var (result, index) in run.Results.Select((r, i) => (r, i)))
        {
            order[result] = index;
        }

        foreach (var byClass in run.Results.GroupBy(r => r.Id.ClassName).OrderBy(g => pages[g.First().Id.Namespace], StringComparer.Ordinal).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var classParameters = Setting.ClassParameters(byClass.Select(r => r.Id));
            var settings = byClass
                .GroupBy(r => Setting.Of(r.Id, classParameters, withCount: false))
                .OrderBy(g => g.Key);
            foreach (var setting in settings)
            {
                var first = setting.First().Id;
                var columns = setting.Select(r => CountColumn(r.Id)).Distinct().OrderBy(c => long.TryParse(c, CultureInfo.InvariantCulture, out var n) ? n : long.MaxValue).ToList();
                var rows = setting
                    .GroupBy(r => RowLabel(r.Id, classParameters))
                    .OrderBy(g => g.Min(r => order[r]))
                    .Select(g => g.Key)
                    .ToList();
                var baselines = setting.Where(run.Declarations.IsBaseline).ToList();
                var baselineRow = baselines.Select(r => RowLabel(r.Id, classParameters)).Distinct(StringComparer.Ordinal).Take(2).ToList() is [var only] ? only : null;
                var cells = new Dictionary<(string, string), TableCell>();
                foreach (var result in setting)
                {
                    var column = CountColumn(result.Id);
                    var baseline = baselineRow is null ? null : baselines.FirstOrDefault(b => CountColumn(b.Id) == column);
                    cells[(RowLabel(result.Id, classParameters), column)] = Derive(result, baseline);
                }

                var table = new ResultTable(pages[first.Namespace], first.ClassName, first.Type, setting.Key, columns, rows, cells, baselineRow);
                tables.Add(table with { Fastest = [.. columns.Select(c => Fastest(table, c))], Sweeps = [.. columns.SelectMany(c => Sweeps(setting, c, classParameters))] });
            }
        }

        return tables;
    }

    /// <summary>
    /// A page per namespace, named by what follows the namespace all benchmarks share
    /// (AsyncBench.Benchmarks.Http → Http), or by its last part when there is one namespace.
    /// </summary>
    public static IReadOnlyDictionary<string, string> PageNames(IEnumerable<string> namespaces)
    {
        var distinct = namespaces.Distinct(StringComparer.Ordinal).ToList();
        var split = distinct.Select(n => n.Split('.', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var common = 0;
        while (split.Count > 1 && split.All(parts => parts.Length > common + 1 && parts[common] == split[0][common]))
        {
            common++;
        }

        return distinct.Zip(split).ToDictionary(
            p => p.First,
            p => p.Second.Length == 0 ? "Benchmarks" : split.Count == 1 ? p.Second[^1] : string.Join('.', p.Second[common..]),
            StringComparer.Ordinal);
    }

    /// <summary>A row label: the method plus its arguments (e.g. <c>ParallelForEachAsync(maxDegreeOfParallelism=64)</c>), never the class's [Params].</summary>
    public static string RowLabel(BenchmarkId id, IReadOnlySet<string> classParameters)
    {
        var arguments = id.Parameters.Where(p => !classParameters.Contains(p.Key)).ToList();
        return arguments.Count == 0 ? id.Method : $"{id.Method}({string.Join(", ", arguments.Select(a => $"{a.Key}={a.Value}"))})";
    }

    private static TableCell Derive(BenchmarkResult result, BenchmarkResult? baseline)
    {
        if (result.Failed)
        {
            return new TableCell(result, null, null, null, null, null);
        }

        var median = result.Statistics!.Median;
        double? ratio = baseline is { Failed: false } ? median / baseline.Statistics!.Median : null;
        double? throughput = result.Id.LongParameter(Setting.CountParameter) is { } count && median > 0 ? count / (median / 1e9) : null;
        // The floor is the workload's own (its FloorNs metric), never recomputed here from parameter names.
        var floor = result.Metric(MetricIds.FloorNs) is > 0 and var f0 ? f0 : (double?)null;
        double? efficiency = floor is { } f && median > 0 ? f / median : null;
        return new TableCell(result, ratio, throughput, floor, efficiency, Intervals.Median(result));
    }

    public static string CountColumn(BenchmarkId id) => id.Parameter(Setting.CountParameter) ?? NoCount;

    /// <summary>
    /// The column's rows ranked by median: the fastest, how it compares with the declared baseline, and its lead over the
    /// runner-up (<see cref="WithinNoise"/>).
    /// </summary>
    private static FastestInColumn Fastest(ResultTable table, string column)
    {
        var ranked = table.Rows
            .Select(row => (Row: row, Cell: table.Cell(row, column)))
            .Where(c => c.Cell is { Result.Failed: false })
            .Select(c => (c.Row, Result: c.Cell!.Result))
            .OrderBy(c => c.Result.Statistics!.Median)
            .ToList();
        if (ranked.Count == 0)
        {
            return new FastestInColumn(column, null, BaselineCell.None, null, null, null, false);
        }

        var (winner, result) = ranked[0];
        var baseline = table.Baseline is { } b ? table.Cell(b, column) : null;
        var state = table.Baseline is null ? BaselineCell.None : baseline is null ? BaselineCell.NotRun : baseline.Result.Failed ? BaselineCell.Failed : BaselineCell.Succeeded;
        double? overBaseline = state == BaselineCell.Succeeded ? result.Statistics!.Median / baseline!.Result.Statistics!.Median : null;
        if (ranked.Count == 1)
        {
            return new FastestInColumn(column, winner, state, overBaseline, null, null, false);
        }

        var (runnerUp, next) = ranked[1];
        return new FastestInColumn(column, winner, state, overBaseline, runnerUp, next.Statistics!.Median / result.Statistics!.Median, WithinNoise(result, next));
    }

    /// <summary>
    /// A column's sweeps: each method with exactly one argument of its own (not a class parameter) that ran, succeeded, at
    /// three or more positive whole values (a value of 0 or below, e.g. -1 for "unbounded", is no point on the axis).
    /// </summary>
    private static IEnumerable<Sweep> Sweeps(IEnumerable<BenchmarkResult> setting, string column, IReadOnlySet<string> classParameters)
    {
        var candidates = setting
            .Where(r => !r.Failed && CountColumn(r.Id) == column)
            .Select(r => (Result: r, Own: r.Id.Parameters.Where(p => !classParameters.Contains(p.Key)).ToList()))
            .Where(r => r.Own.Count == 1 && long.TryParse(r.Own[0].Value, CultureInfo.InvariantCulture, out var v) && v > 0)
            .GroupBy(r => (r.Result.Id.Method, r.Own[0].Key));
        foreach (var group in candidates)
        {
            var points = group
                .Select(r => new SweepPoint(long.Parse(r.Own[0].Value, CultureInfo.InvariantCulture), RowLabel(r.Result.Id, classParameters), Intervals.Median(r.Result)))
                .DistinctBy(p => p.Value)
                .OrderBy(p => p.Value)
                .ToList();
            if (points.Count >= 3)
            {
                yield return new Sweep(group.Key.Method, group.Key.Key, column, points, StopsPayingAt(points));
            }
        }
    }

    /// <summary>The smallest value no larger value ran faster than beyond the intervals; null where a point has no interval.</summary>
    public static long? StopsPayingAt(IReadOnlyList<SweepPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0 || points.Any(p => !p.Median.HasInterval))
        {
            return null;
        }

        for (var i = 0; i < points.Count; i++)
        {
            if (points.Skip(i + 1).All(later => later.Median.Upper >= points[i].Median.Lower))
            {
                return points[i].Value;
            }
        }

        return points[^1].Value;
    }

    /// <summary>Within noise: the two medians' intervals overlap, or (without intervals) the runner-up is under 5% slower.</summary>
    public static bool WithinNoise(BenchmarkResult winner, BenchmarkResult runnerUp)
    {
        ArgumentNullException.ThrowIfNull(winner);
        ArgumentNullException.ThrowIfNull(runnerUp);
        var a = Intervals.Median(winner);
        var b = Intervals.Median(runnerUp);
        return a.HasInterval && b.HasInterval
            ? b.Lower <= a.Upper
            : runnerUp.Statistics!.Median / winner.Statistics!.Median < 1.05;
    }
}
