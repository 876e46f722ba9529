using System.Globalization;
using AsyncBench.Protocol;

namespace AsyncBench.Publishing;

/// <summary>One cell of a table: one benchmark, with the numbers derived from it.</summary>
public sealed record TableCell(
    BenchmarkResult Result,
    double? RatioToSerial,
    double? UnitsPerSecond,
    double? IdealFloorNs,
    double? Efficiency);

/// <summary>
/// One table of a workload page: one benchmark class at one setting of its non-Count parameters
/// (e.g. LatencyMs=20); rows are strategies, columns are Count values.
/// </summary>
public sealed record ResultTable(
    string Workload,
    string ClassName,
    string Type,
    IReadOnlyList<KeyValuePair<string, string>> Setting,
    IReadOnlyList<string> Columns,
    IReadOnlyList<string> Rows,
    IReadOnlyDictionary<(string Row, string Column), TableCell> Cells)
{
    public string SettingText => Setting.Count == 0 ? "all benchmarks" : string.Join(", ", Setting.Select(p => $"{p.Key}={p.Value}"));

    public TableCell? Cell(string row, string column) => Cells.TryGetValue((row, column), out var cell) ? cell : null;
}

public static class ResultTables
{
    /// <summary>The column label used when a class has no Count parameter.</summary>
    public const string NoCount = "all";

    /// <summary>Splits a run into tables, workloads and classes in a fixed order so pages are stable.</summary>
    public static IReadOnlyList<ResultTable> Build(IEnumerable<BenchmarkResult> results)
    {
        var tables = new List<ResultTable>();
        foreach (var byClass in results.GroupBy(r => r.Id.ClassName).OrderBy(g => WorkloadRank(g.First().Id)).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var classParameters = ClassParameters(byClass);
            var settings = byClass
                .GroupBy(r => SettingKey(r.Id, classParameters))
                .OrderBy(g => g.Key, SettingComparer.Instance);
            foreach (var setting in settings)
            {
                var first = setting.First().Id;
                var settingParameters = first.Parameters.Where(p => classParameters.Contains(p.Key) && p.Key != SuiteCatalog.CountParameter).ToList();
                var columns = setting.Select(r => CountColumn(r.Id)).Distinct().OrderBy(c => long.TryParse(c, CultureInfo.InvariantCulture, out var n) ? n : long.MaxValue).ToList();
                var rows = setting
                    .GroupBy(r => SuiteCatalog.Strategy(r.Id, classParameters))
                    .OrderBy(g => SuiteCatalog.StrategySortKey(g.First().Id, g.Key))
                    .Select(g => g.Key)
                    .ToList();
                var cells = new Dictionary<(string, string), TableCell>();
                foreach (var result in setting)
                {
                    var column = CountColumn(result.Id);
                    var baseline = setting.FirstOrDefault(r => r.Id.Method == SuiteCatalog.Baseline && CountColumn(r.Id) == column && SuiteCatalog.Strategy(r.Id, classParameters) == SuiteCatalog.Baseline);
                    cells[(SuiteCatalog.Strategy(result.Id, classParameters), column)] = Derive(result, baseline);
                }

                tables.Add(new ResultTable(SuiteCatalog.Workload(first), first.ClassName, first.Type, settingParameters, columns, rows, cells));
            }
        }

        return tables;
    }

    /// <summary>Parameters every benchmark of a class has: the class's [Params]. The rest are method arguments.</summary>
    public static IReadOnlySet<string> ClassParameters(IEnumerable<BenchmarkResult> classResults)
    {
        HashSet<string>? common = null;
        foreach (var result in classResults)
        {
            var names = result.Id.Parameters.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
            if (common is null)
            {
                common = names;
            }
            else
            {
                common.IntersectWith(names);
            }
        }

        return common ?? [];
    }

    public static int WorkloadRank(BenchmarkId id)
    {
        var index = SuiteCatalog.WorkloadOrder.ToList().IndexOf(SuiteCatalog.Workload(id));
        return index < 0 ? SuiteCatalog.WorkloadOrder.Count : index;
    }

    private static TableCell Derive(BenchmarkResult result, BenchmarkResult? baseline)
    {
        if (result.Failed)
        {
            return new TableCell(result, null, null, null, null);
        }

        var median = result.Statistics!.Median;
        double? ratio = baseline is { Failed: false } ? median / baseline.Statistics!.Median : null;
        double? throughput = result.Id.LongParameter(SuiteCatalog.CountParameter) is { } count && median > 0 ? count / (median / 1e9) : null;
        // The floor is the workload's own (its FloorNs metric), never recomputed here from parameter names.
        var floor = result.Metric(MetricIds.FloorNs) is > 0 and var f0 ? f0 : (double?)null;
        double? efficiency = floor is { } f && median > 0 ? f / median : null;
        return new TableCell(result, ratio, throughput, floor, efficiency);
    }

    private static string CountColumn(BenchmarkId id) => id.Parameter(SuiteCatalog.CountParameter) ?? NoCount;

    private static string SettingKey(BenchmarkId id, IReadOnlySet<string> classParameters) =>
        string.Join("&", id.Parameters.Where(p => classParameters.Contains(p.Key) && p.Key != SuiteCatalog.CountParameter).Select(p => $"{p.Key}={p.Value}"));

    /// <summary>Orders settings such as "LatencyMs=0" before "LatencyMs=20", numerically where values are numbers.</summary>
    private sealed class SettingComparer : IComparer<string>
    {
        public static SettingComparer Instance { get; } = new();

        public int Compare(string? x, string? y)
        {
            var left = (x ?? string.Empty).Split('&');
            var right = (y ?? string.Empty).Split('&');
            for (var i = 0; i < Math.Min(left.Length, right.Length); i++)
            {
                var l = left[i].Split('=', 2);
                var r = right[i].Split('=', 2);
                var byName = string.CompareOrdinal(l[0], r[0]);
                if (byName != 0)
                {
                    return byName;
                }

                var lv = l.Length > 1 ? l[1] : string.Empty;
                var rv = r.Length > 1 ? r[1] : string.Empty;
                var byValue = double.TryParse(lv, CultureInfo.InvariantCulture, out var ln) && double.TryParse(rv, CultureInfo.InvariantCulture, out var rn)
                    ? ln.CompareTo(rn)
                    : string.CompareOrdinal(lv, rv);
                if (byValue != 0)
                {
                    return byValue;
                }
            }

            return left.Length.CompareTo(right.Length);
        }
    }
}
