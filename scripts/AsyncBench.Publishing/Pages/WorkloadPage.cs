using System.Globalization;
using System.Text;
using AsyncBench.Protocol;
using AsyncBench.Publishing.Formatting;
using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Rules;

namespace AsyncBench.Publishing.Pages;

/// <summary>One markdown page per workload: environment header, a table, chart and fastest line (FastestLine) per setting.</summary>
public static class WorkloadPage
{
    public const string CellLegend =
        "Each cell: the median time of one batch [the 95% confidence interval of the median: Harrell–Davis with " +
        "Maritz–Jarrett, Perfolizer, from the raw measurements of all launches pooled, so it leaves out part of the spread between " +
        "processes: the rules page's intervals, built from launch medians, include it]; `×` the ratio to the class's declared baseline at " +
        "the same Count (below 1 is faster); units per second " +
        "(Count ÷ median); allocated bytes and completed thread-pool work items per batch; where the workload " +
        "declares one, its ideal floor (its `AsyncBench.FloorNs` metric: the wait per unit × ⌈Count ÷ min(concurrency, " +
        "the target's own bound)⌉), efficiency = floor ÷ median and the strategy's declared concurrency (a floor above the median is said so instead: the case's units waited less than the floor assumes, e.g. a real target that answered this case faster than when its latency was measured, so no efficiency above 100 % is shown); " +
        "then one line per source that observed the case (e.g. `pool:` the thread pool, `client:` the benchmark process, a target's own such as `server:`), " +
        "each metric the run declares stated as its declaration says, per batch (median over iterations; peaks are the max); " +
        "\"What the cells observed\" under the tables describes each. " +
        "`not run`: the run did not include that case.";

    /// <summary>Pages the publisher writes itself; a namespace of the same name gets <c>-benchmarks</c> (the Rules namespace's page is not the rules page).</summary>
    private static readonly string[] ReservedStems = ["rules", "index", "trend"];

    public static string FileName(string workload)
    {
        var stem = FileStem(workload).ToLowerInvariant();
        return (ReservedStems.Contains(stem) ? stem + "-benchmarks" : stem) + ".md";
    }

    public static string ChartFileName(ResultTable table) =>
        $"{FileStem(table.Workload).ToLowerInvariant()}-{FileStem(table.Type)}{string.Concat(table.Setting.Parameters.Select(p => $"-{p.Key}-{Sanitize(p.Value)}"))}.svg";

    /// <summary>A name fit for a file: generic brackets, commas and dots as '_' (GenericBenchmarks&lt;Int32&gt; → GenericBenchmarks_Int32_).</summary>
    public static string FileStem(string name) => Sanitize(name);

    /// <summary>The page's markdown and the charts it embeds (file name → SVG).</summary>
    public static (string Markdown, IReadOnlyDictionary<string, string> Charts) Render(
        string workload, BenchmarkRun run, RunLabel label, IReadOnlyList<ResultTable> tables)
    {
        var charts = new Dictionary<string, string>(StringComparer.Ordinal);
        var md = new StringBuilder();
        md.Append("# ").Append(workload).Append(" workload\n\n");
        FaultInjectionBanner(md, run, listBenchmarks: false);
        ReviewerBanner(md, run);
        EnvironmentHeader(md, run, label);
        md.Append(CellLegend).Append("\n\n");
        foreach (var byClass in tables.Where(t => t.Workload == workload).GroupBy(t => t.ClassName))
        {
            md.Append("## ").Append(byClass.First().Type).Append("\n\n");
            foreach (var table in byClass)
            {
                md.Append("### ").Append(table.Setting.Title).Append("\n\n");
                md.Append(table.Baseline is { } baseline
                    ? $"Baseline: `{baseline}` (declared by the class). "
                    : "No baseline declared (the report has no declarations sidecar for this class, or the class marks no `[Benchmark(Baseline = true)]`): no ratios. ");
                md.Append(FastestLine.TableLine(table)).Append("\n\n");
                if (SvgChart.Render(table) is { } svg)
                {
                    var file = ChartFileName(table);
                    charts[file] = svg;
                    md.Append("![").Append(table.Type).Append(", ").Append(table.Setting.Title).Append(": median time against Count](").Append(file).Append(")\n\n");
                }

                Table(md, table, run.Declarations);
                md.Append('\n');
                foreach (var sweep in table.Sweeps)
                {
                    SweepSection(md, sweep);
                }
            }
        }

        var classes = tables.Where(t => t.Workload == workload).Select(t => t.ClassName).ToHashSet(StringComparer.Ordinal);
        ObservedLegend(md, run.Results.Where(r => !r.Failed && classes.Contains(r.Id.ClassName)), run.Declarations);
        var failed = run.Results.Where(r => r.Failed && classes.Contains(r.Id.ClassName)).ToList();
        if (failed.Count > 0)
        {
            md.Append("## Failed benchmarks\n\n");
            md.Append("These produced no valid time (the benchmark threw, its check failed, or it did not finish); they are shown as `failed` above and left out of every ratio and verdict.\n\n");
            foreach (var result in failed)
            {
                md.Append("- `").Append(result.Id.Key).Append("`\n");
            }

            md.Append('\n');
        }

        return (md.ToString(), charts);
    }

    /// <summary>
    /// A sweep (<see cref="Sweep"/>): its values in order with each median and interval, and one sentence saying where more
    /// stopped paying, as the analysis found it.
    /// </summary>
    private static void SweepSection(StringBuilder md, Sweep sweep)
    {
        var count = sweep.Column == ResultTables.NoCount ? string.Empty : $" at Count={sweep.Column}";
        md.Append(CultureInfo.InvariantCulture, $"`{sweep.Method}` over `{sweep.Argument}`{count}, in order:\n\n");
        var table = new MarkdownTable().Column(sweep.Argument).Column("Median [95% interval]");
        foreach (var point in sweep.Points)
        {
            var interval = point.Median.HasInterval ? $" [{Format.Time(point.Median.Lower)}, {Format.Time(point.Median.Upper)}]" : " (no interval)";
            table.Row(point.Value.ToString(CultureInfo.InvariantCulture), Format.Time(point.Median.Value) + interval);
        }

        table.AppendTo(md);
        md.Append('\n');
        var first = sweep.Points[0].Value;
        var last = sweep.Points[^1].Value;
        md.Append(sweep.StopsPayingAt switch
        {
            null => $"Where a larger `{sweep.Argument}` stops paying is not decided: a case has no interval (one measurement), and medians alone do not show it beyond noise.",
            _ when sweep.PaysToTheEnd => $"A larger `{sweep.Argument}` paid up to the largest value run: at every value from {first} below {last}, a larger one ran faster beyond the intervals.",
            var at => $"A larger `{sweep.Argument}` stops paying past {at}: no larger value, up to {last}, ran faster beyond the intervals.",
        }).Append("\n\n");
    }

    /// <summary>
    /// On every page of a fault-injection run (ASYNCBENCH_SLOWDOWN, declared per benchmark in the sidecar): a line
    /// that says so before anything else, and on the index the benchmarks slowed down and by how much.
    /// </summary>
    public static void FaultInjectionBanner(StringBuilder md, BenchmarkRun run, bool listBenchmarks)
    {
        ArgumentNullException.ThrowIfNull(md);
        ArgumentNullException.ThrowIfNull(run);
        var injected = run.Declarations.Injected;
        if (injected.Count == 0)
        {
            return;
        }

        md.Append(CultureInfo.InvariantCulture, $"> **Fault injection:** {injected.Count} benchmark(s) of this run were made slower on purpose (`ASYNCBENCH_SLOWDOWN`), ")
            .Append("marked \"slowed on purpose\" in their cells. The run tests a regression gate; its numbers are not the suite's.\n");
        if (listBenchmarks)
        {
            md.Append(">\n");
            foreach (var benchmark in injected)
            {
                md.Append("> - `").Append(benchmark.FullName).Append("`: +").Append(Format.Number(benchmark.InjectedSlowdownPercent!.Value)).Append(" %\n");
            }
        }

        md.Append('\n');
    }

    /// <summary>A reviewer's run says, first, that its answers are at the reviewer's setting, not the suite's declared one.</summary>
    public static void ReviewerBanner(StringBuilder md, BenchmarkRun run)
    {
        ArgumentNullException.ThrowIfNull(md);
        ArgumentNullException.ThrowIfNull(run);
        if (run.Declarations.ReviewerSetting is { } setting)
        {
            md.Append("> **A reviewer's run:** at `").Append(setting).Append("`, given on the command line instead of the suite's declared setting. ")
                .Append("Its answers hold at that setting; it is published apart from the machine's history and `latest`.\n\n");
        }
    }

    public static void EnvironmentHeader(StringBuilder md, BenchmarkRun run, RunLabel label)
    {
        var env = run.Environment;
        var table = new MarkdownTable().Column("Environment").Column(string.Empty)
            .Row("CPU", $"{env.Processor}, {env.PhysicalCores} physical / {env.LogicalCores} logical cores, {env.Architecture}")
            .Row("OS", env.OperatingSystem)
            .Row("Runtime", env.Runtime)
            .Row("BenchmarkDotNet", env.BenchmarkDotNetVersion)
            .Row("Suite commit", label.Commit)
            .Row("Machine", label.Machine)
            .Row("Run started", (run.StartedUtc is { } s ? s.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "unknown") + " (the benchmark machine's clock)");
        foreach (var target in run.TargetLatencies)
        {
            table.Row("Real target", string.Create(CultureInfo.InvariantCulture, $"{target.Type}: {Format.Time(target.MedianMs * 1e6)} per request or round trip, measured in setup (median over {target.Cases} cases)"));
        }

        foreach (var difference in run.EnvironmentDifferences)
        {
            table.Row("Warning", difference);
        }

        table.AppendTo(md);
        md.Append('\n');
    }

    private static void Table(StringBuilder md, ResultTable table, RunDeclarations declarations)
    {
        var markdownTable = new MarkdownTable().Column("Benchmark");
        foreach (var column in table.Columns)
        {
            markdownTable.Column(column == ResultTables.NoCount ? "result" : $"Count={column}");
        }

        foreach (var row in table.Rows)
        {
            markdownTable.Row([row, .. table.Columns.Select(column => Cell(table.Cell(row, column), declarations))]);
        }

        markdownTable.AppendTo(md);
    }

    private static string Cell(TableCell? cell, RunDeclarations declarations)
    {
        if (cell is null)
        {
            return "not run";
        }

        var injected = declarations.InjectedSlowdownPercent(cell.Result) is { } percent
            ? $"**slowed on purpose: +{Format.Number(percent)} %**<br>"
            : string.Empty;
        if (cell.Result.Failed)
        {
            return injected + "**failed**";
        }

        var stats = cell.Result.Statistics!;
        var median = cell.Median!;
        var lines = new List<string>
        {
            $"**{Format.Time(stats.Median)}**" + (median.HasInterval ? $" [{Format.Time(median.Lower)}, {Format.Time(median.Upper)}]" : $" (n={stats.N}, no interval)"),
        };
        var second = new List<string>();
        if (cell.RatioToBaseline is { } ratio)
        {
            second.Add($"×{Format.Ratio(ratio)}");
        }

        if (cell.UnitsPerSecond is { } rate)
        {
            second.Add($"{Format.Significant(rate)}/s");
        }

        if (second.Count > 0)
        {
            lines.Add(string.Join(" · ", second));
        }

        var third = new List<string>();
        if (cell.Result.AllocatedBytesPerOperation is { } bytes)
        {
            third.Add(Format.Bytes(bytes));
        }

        if (cell.Result.CompletedWorkItemsPerOperation is { } items)
        {
            third.Add($"{Format.Significant(items)} work items");
        }

        if (third.Count > 0)
        {
            lines.Add(string.Join(" · ", third));
        }

        if (cell.IdealFloorNs is { } floor && cell.Efficiency is { } efficiency)
        {
            // A floor above the median is not an efficiency above 100 %: the units waited less than the floor assumes.
            lines.Add($"floor {Format.Time(floor)} · " + (efficiency <= 1 ? $"eff {Format.Percent(efficiency)}" : "above the median: the units waited less than the floor assumes")
                + (cell.Result.Metric(MetricIds.Concurrency) is { } concurrency ? $" · conc {Number(concurrency)}" : string.Empty));
        }

        lines.AddRange(Observed(cell.Result, declarations));
        return injected + string.Join("<br>", lines);
    }

    /// <summary>
    /// The suite-wide facts the page states in its own words (the floor line, the environment header's real target): every
    /// other metric a declaration describes goes on its source's line.
    /// </summary>
    private static readonly HashSet<string> StatedAbove = new(StringComparer.Ordinal) { MetricIds.FloorNs, MetricIds.Concurrency, MetricIds.TargetLatencyMs };

    /// <summary>The line of a metric whose declaration names no source (a run from before sources were declared).</summary>
    public const string UndeclaredSource = "observed";

    /// <summary>
    /// What observed the case, one line per source ("server: 10 req · peak 10 · 0 refused"), in the order the run declares
    /// its metrics: every metric of the case that a declaration describes (<see cref="RunDeclarations.Described"/>), each as
    /// its declaration states it in a cell (<see cref="CellText"/>). Nothing for a metric the case lacks or nothing describes.
    /// </summary>
    public static IEnumerable<string> Observed(BenchmarkResult result, RunDeclarations? declarations = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        foreach (var line in ObservedMetrics(result, declarations).GroupBy(m => m.Metric.Source ?? UndeclaredSource, StringComparer.Ordinal))
        {
            var parts = line.Select(m => CellText(m.Metric, m.Value)).Where(part => part.Length > 0).ToList();
            if (parts.Count > 0)
            {
                yield return line.Key + ": " + string.Join(" · ", parts);
            }
        }
    }

    /// <summary>
    /// One value as its declaration states it in a cell: its <see cref="DeclaredMetric.Cell"/> with "{value}" the value
    /// (named by <see cref="DeclaredMetric.ValueNames"/>, or formatted with its unit), else "DisplayName value"; empty for
    /// a value named "" (left out).
    /// </summary>
    public static string CellText(DeclaredMetric metric, double value)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var formatted = metric.ValueNames is { } names && names.TryGetValue(value.ToString(CultureInfo.InvariantCulture), out var name)
            ? name
            : Answers.FormatValue(value, metric.Unit);
        if (formatted.Length == 0)
        {
            return string.Empty;
        }

        return metric.Cell is { Length: > 0 } cell ? cell.Replace("{value}", formatted, StringComparison.Ordinal) : $"{metric.DisplayName} {formatted}";
    }

    /// <summary>The case's metrics that a declaration describes, in declared order, but for those <see cref="StatedAbove"/>.</summary>
    private static List<(DeclaredMetric Metric, double Value)> ObservedMetrics(BenchmarkResult result, RunDeclarations? declarations) =>
        declarations is null
            ? []
            : [.. declarations.Described
                .Where(m => !StatedAbove.Contains(m.Id) && result.Metric(m.Id) is not null)
                .Select(m => (m, result.Metric(m.Id)!.Value))];

    /// <summary>
    /// Under the tables: what each line of the cells states, grouped by source, from the declarations of the metrics the
    /// page's cases carry (id, how a cell states it, unit, legend). Nothing when they carry none.
    /// </summary>
    private static void ObservedLegend(StringBuilder md, IEnumerable<BenchmarkResult> results, RunDeclarations declarations)
    {
        var cases = results.ToList();
        var shown = declarations.Described
            .Where(m => !StatedAbove.Contains(m.Id) && cases.Any(r => r.Metric(m.Id) is not null))
            .GroupBy(m => m.Source ?? UndeclaredSource, StringComparer.Ordinal)
            .ToList();
        if (shown.Count == 0)
        {
            return;
        }

        md.Append("## What the cells observed\n\n");
        md.Append("Each line of a cell below its times names its source; each value is a metric the run declares (its id in BenchmarkDotNet's full JSON), described here as the suite describes it.\n\n");
        var legend = new MarkdownTable().Column("Line").Column("In a cell").Column("Metric").Column("Unit").Column("What it is");
        foreach (var source in shown)
        {
            foreach (var metric in source)
            {
                var cell = metric.Cell is { Length: > 0 } c ? c.Replace("{value}", "…", StringComparison.Ordinal) : metric.DisplayName + " …";
                legend.Row(source.Key, cell, $"`{metric.Id}`", metric.Unit, metric.Legend.Length > 0 ? metric.Legend : "not described by the run");
            }
        }

        legend.AppendTo(md);
        md.Append('\n');
    }

    private static string Number(double value) => Format.Number(value);

    private static string Sanitize(string value) =>
        string.Concat(value.Select(c => char.IsLetterOrDigit(c) || c == '-' ? c : '_'));
}
