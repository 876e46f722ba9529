using System.Globalization;
using System.Text;
using AsyncBench.Protocol;

namespace AsyncBench.Publishing;

/// <summary>Facts about a run that are not in the JSON: the suite's git commit and the machine label.</summary>
public sealed record RunLabel(string Commit, string Machine);

/// <summary>One markdown page per workload: environment header, a table, chart and verdict line per setting.</summary>
public static class WorkloadPage
{
    public const string CellLegend =
        "Each cell: the median time of one batch [the 95% confidence interval of the median: Harrell–Davis with " +
        "Maritz–Jarrett, Perfolizer, from the raw measurements of all launches pooled, so it leaves out part of the spread between " +
        "processes: the rules page's intervals, built from launch medians, include it]; `×` the ratio to the class's declared baseline at " +
        "the same Count (below 1 is faster); units per second " +
        "(Count ÷ median); allocated bytes and completed thread-pool work items per batch; where the workload " +
        "declares one, its ideal floor (its `AsyncBench.FloorNs` metric: the wait per unit × ⌈Count ÷ min(concurrency, " +
        "the target's own bound)⌉), efficiency = floor ÷ median and the strategy's declared concurrency (a floor above the median is said so instead: the case's units waited less than the floor assumes, e.g. a real target that answered this case faster than when its latency was measured, so no efficiency above 100 % is shown); pool threads " +
        "when a measured iteration started → ended (median) and the benchmark process's CPU time per batch (client cpu); what the fixture observed per batch (median over " +
        "iterations; peaks are the max): the mock server's requests (every attempt, refused ones included), peak in flight, " +
        "429 refusals (and their share of the attempts), measured wait per " +
        "request, its CPU time and what bound the cell (wait, server CPU or client), or the serial devices' " +
        "conversations, peak concurrent conversations and protocol errors; then every other metric the run's declarations " +
        "describe (e.g. the client's units in flight and unit latency), by its display name and unit. " +
        "`not run`: the run did not include that case.";

    /// <summary>Pages the publisher writes itself; a namespace of the same name gets <c>-benchmarks</c> (the Rules namespace's page is not the rules page).</summary>
    private static readonly string[] ReservedStems = ["rules", "index", "trend"];

    public static string FileName(string workload)
    {
        var stem = FileStem(workload).ToLowerInvariant();
        return (ReservedStems.Contains(stem) ? stem + "-benchmarks" : stem) + ".md";
    }

    public static string ChartFileName(ResultTable table) =>
        $"{FileStem(table.Workload).ToLowerInvariant()}-{FileStem(table.Type)}{string.Concat(table.Setting.Select(p => $"-{p.Key}-{Sanitize(p.Value)}"))}.svg";

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
        EnvironmentHeader(md, run, label);
        md.Append(CellLegend).Append("\n\n");
        foreach (var byClass in tables.Where(t => t.Workload == workload).GroupBy(t => t.ClassName))
        {
            md.Append("## ").Append(byClass.First().Type).Append("\n\n");
            foreach (var table in byClass)
            {
                md.Append("### ").Append(table.SettingText).Append("\n\n");
                md.Append(table.Baseline is { } baseline
                    ? $"Baseline: `{baseline}` (declared by the class). "
                    : "No baseline declared (the report has no declarations sidecar for this class, or the class marks no `[Benchmark(Baseline = true)]`): no ratios. ");
                md.Append(Verdict.TableLine(table)).Append("\n\n");
                if (SvgChart.Render(table) is { } svg)
                {
                    var file = ChartFileName(table);
                    charts[file] = svg;
                    md.Append("![").Append(table.Type).Append(", ").Append(table.SettingText).Append(": median time against Count](").Append(file).Append(")\n\n");
                }

                Table(md, table, run.Declarations);
                md.Append('\n');
            }
        }

        var classes = tables.Where(t => t.Workload == workload).Select(t => t.ClassName).ToHashSet(StringComparer.Ordinal);
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

    public static void EnvironmentHeader(StringBuilder md, BenchmarkRun run, RunLabel label)
    {
        var env = run.Environment;
        md.Append("| Environment | |\n|---|---|\n");
        md.Append("| CPU | ").Append(env.Processor).Append(", ").Append(env.PhysicalCores).Append(" physical / ").Append(env.LogicalCores).Append(" logical cores, ").Append(env.Architecture).Append(" |\n");
        md.Append("| OS | ").Append(env.OperatingSystem).Append(" |\n");
        md.Append("| Runtime | ").Append(env.Runtime).Append(" |\n");
        md.Append("| BenchmarkDotNet | ").Append(env.BenchmarkDotNetVersion).Append(" |\n");
        md.Append("| Suite commit | ").Append(label.Commit).Append(" |\n");
        md.Append("| Machine | ").Append(label.Machine).Append(" |\n");
        md.Append("| Run started | ").Append(run.StartedUtc is { } s ? s.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) : "unknown").Append(" (the benchmark machine's clock) |\n");
        foreach (var target in run.Results.Where(r => r.Metric(MetricIds.TargetLatencyMs) is not null).GroupBy(r => r.Id.Type).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var latencies = target.Select(r => r.Metric(MetricIds.TargetLatencyMs)!.Value).Order().ToList();
            md.Append("| Real target | ").Append(target.Key).Append(": ").Append(Format.Time(latencies[latencies.Count / 2] * 1e6))
                .Append(" per request or round trip, measured in setup (median over ").Append(latencies.Count.ToString(CultureInfo.InvariantCulture)).Append(" cases) |\n");
        }

        foreach (var difference in run.EnvironmentDifferences)
        {
            md.Append("| Warning | ").Append(difference).Append(" |\n");
        }

        md.Append('\n');
    }

    private static void Table(StringBuilder md, ResultTable table, RunDeclarations declarations)
    {
        md.Append("| Benchmark |");
        foreach (var column in table.Columns)
        {
            md.Append(' ').Append(column == ResultTables.NoCount ? "result" : $"Count={column}").Append(" |");
        }

        md.Append("\n|---|").Append(string.Concat(table.Columns.Select(_ => "---|"))).Append('\n');
        foreach (var row in table.Rows)
        {
            md.Append("| ").Append(row).Append(" |");
            foreach (var column in table.Columns)
            {
                md.Append(' ').Append(Cell(table.Cell(row, column), declarations)).Append(" |");
            }

            md.Append('\n');
        }
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
        var median = Intervals.Median(cell.Result);
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

    /// <summary>Metrics the lines above state in their own words; any other metric the sidecar describes gets a generic line.</summary>
    private static readonly HashSet<string> StatedAbove = new(StringComparer.Ordinal)
    {
        MetricIds.FloorNs, MetricIds.Concurrency, MetricIds.TargetLatencyMs, MetricIds.ThreadsBefore, MetricIds.ThreadsAfter,
        MetricIds.HttpRequests, MetricIds.HttpPeakInFlight, MetricIds.HttpRefused, MetricIds.HttpRefusedShare, MetricIds.HttpServerWaitMs,
        MetricIds.HttpServerCpuMs, MetricIds.HttpBound, MetricIds.SerialConversations, MetricIds.SerialPeakConcurrent, MetricIds.SerialProtocolErrors,
    };

    /// <summary>
    /// What the pool and the fixtures observed, from the case's metrics; nothing for a metric the case lacks. Every other
    /// metric the run's sidecar describes (e.g. the client's units in flight and unit latency) follows on one line, by its
    /// own display name and unit, so no metric the suite emits is dropped from the page.
    /// </summary>
    public static IEnumerable<string> Observed(BenchmarkResult result, RunDeclarations? declarations = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Metric(MetricIds.ThreadsBefore) is { } before && result.Metric(MetricIds.ThreadsAfter) is { } after)
        {
            yield return $"pool {Number(before)}→{Number(after)} threads"
                + (result.Metric(MetricIds.CpuTimeNs) is { } cpuTime ? $" · client cpu {Format.Time(cpuTime)}" : string.Empty);
        }

        if (result.Metric(MetricIds.HttpRequests) is { } requests)
        {
            var parts = new List<string>
            {
                $"server: {Number(requests)} req",
                $"peak {Number(result.Metric(MetricIds.HttpPeakInFlight) ?? 0)}",
                $"{Number(result.Metric(MetricIds.HttpRefused) ?? 0)} refused" + (result.Metric(MetricIds.HttpRefusedShare) is { } share and > 0 ? $" ({Format.Number(share)} % of attempts)" : string.Empty),
            };
            if (result.Metric(MetricIds.HttpServerWaitMs) is { } wait)
            {
                parts.Add($"wait {Format.Time(wait * 1e6)}");
            }

            if (result.Metric(MetricIds.HttpServerCpuMs) is { } cpu)
            {
                parts.Add($"cpu {Format.Time(cpu * 1e6)}");
            }

            if (result.Metric(MetricIds.HttpBound) is { } bound)
            {
                parts.Add("bound: " + BoundName(bound));
            }

            yield return string.Join(" · ", parts);
        }

        if (result.Metric(MetricIds.SerialConversations) is { } conversations)
        {
            yield return $"devices: {Number(conversations)} conv · peak {Number(result.Metric(MetricIds.SerialPeakConcurrent) ?? 0)} · {Number(result.Metric(MetricIds.SerialProtocolErrors) ?? 0)} errors"
                + (result.Metric(MetricIds.SerialHostCpuMs) is { } hostCpu ? $" · cpu {Format.Time(hostCpu * 1e6)}" : string.Empty);
        }

        var others = (result.Metrics ?? new Dictionary<string, double>())
            .Where(m => !StatedAbove.Contains(m.Key) && declarations?.Describes(m.Key) == true)
            .OrderBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => (Metric: declarations!.Metric(m.Key)!, m.Value))
            .Select(m => $"{m.Metric.DisplayName} {Answers.FormatValue(m.Value, m.Metric.Unit)}")
            .ToList();
        if (others.Count > 0)
        {
            yield return string.Join(" · ", others);
        }
    }

    private static string BoundName(double bound) => (int)bound switch
    {
        MetricIds.BoundByWait => "wait",
        MetricIds.BoundByServerCpu => "server CPU",
        MetricIds.BoundByClient => "client",
        _ => "?",
    };

    private static string Number(double value) => Format.Number(value);

    private static string Sanitize(string value) =>
        string.Concat(value.Select(c => char.IsLetterOrDigit(c) || c == '-' ? c : '_'));
}
