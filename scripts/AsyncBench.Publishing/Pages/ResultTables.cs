using System.Globalization;
using AsyncBench.Protocol;
using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Reading.FullJson;

namespace AsyncBench.Publishing.Pages;

/// <summary>One cell of a table: one benchmark, with the numbers derived from it.</summary>
public sealed record TableCell(
    BenchmarkResult Result,
    double? RatioToBaseline,
    double? UnitsPerSecond,
    double? IdealFloorNs,
    double? Efficiency);

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

                tables.Add(new ResultTable(pages[first.Namespace], first.ClassName, first.Type, setting.Key, columns, rows, cells, baselineRow));
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
            return new TableCell(result, null, null, null, null);
        }

        var median = result.Statistics!.Median;
        double? ratio = baseline is { Failed: false } ? median / baseline.Statistics!.Median : null;
        double? throughput = result.Id.LongParameter(Setting.CountParameter) is { } count && median > 0 ? count / (median / 1e9) : null;
        // The floor is the workload's own (its FloorNs metric), never recomputed here from parameter names.
        var floor = result.Metric(MetricIds.FloorNs) is > 0 and var f0 ? f0 : (double?)null;
        double? efficiency = floor is { } f && median > 0 ? f / median : null;
        return new TableCell(result, ratio, throughput, floor, efficiency);
    }

    public static string CountColumn(BenchmarkId id) => id.Parameter(Setting.CountParameter) ?? NoCount;
}
