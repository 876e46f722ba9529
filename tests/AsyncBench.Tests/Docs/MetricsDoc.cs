using System.Text;
using AsyncBench.Benchmarks.Observing;
using AsyncBench.Protocol;

namespace AsyncBench.Tests.Docs;

/// <summary>
/// docs/metrics.md, written from the suite's metric catalog (<see cref="MetricCatalog"/>): one table per type that declares
/// metrics (<see cref="IDeclaresMetrics"/>), in the catalog's order, so the page cannot drift from what the suite emits.
/// </summary>
internal static class MetricsDoc
{
    /// <summary>Set to 1 to write docs/metrics.md from the catalog instead of only comparing it (accepted by the suite's settings check).</summary>
    public const string UpdateVariable = "ASYNCBENCH_UPDATE_DOCS";

    public const string RelativePath = "docs/metrics.md";

    public const string RegenerateCommand = $"{UpdateVariable}=1 dotnet test tests/AsyncBench.Tests --filter MetricsDoc";

    /// <summary>Each declaring type of the suite with its metrics, in the order of <see cref="ObservedMetric.Declared"/>.</summary>
    public static IReadOnlyList<(Type Declarer, IReadOnlyList<ObservedMetric> Metrics)> Declarers()
    {
        var order = ObservedMetric.Declared.Select((m, i) => (m.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        return [.. typeof(ObservedMetric).Assembly.GetTypes()
            .Select(t => (Declarer: t, Metrics: MetricCatalog.Gather([t])))
            .Where(d => d.Metrics.Count > 0)
            .OrderBy(d => order[d.Metrics[0].Id])];
    }

    /// <summary>The declaring type's source file, relative to the repository's root: its namespace is its folder.</summary>
    public static string SourceFile(Type declarer)
    {
        const string Suite = "AsyncBench.Benchmarks";
        var folder = declarer.Namespace![Suite.Length..].TrimStart('.').Replace('.', '/');
        return $"benchmarks/{Suite}/{folder}/{declarer.Name}.cs";
    }

    public static string Render()
    {
        var md = new StringBuilder()
            .Append("# Metrics\n\n")
            .Append("<!-- Generated from the suite's metric catalog by tests/AsyncBench.Tests/Docs/MetricsDoc.cs: do not edit by hand.\n")
            .Append("     A test fails when this file differs from the catalog; to regenerate: ").Append(RegenerateCommand).Append(" -->\n\n")
            .Append("Besides BenchmarkDotNet's own columns, every case carries what was observed while it ran, as BenchmarkDotNet ")
            .Append("`Metric`s: in the console summary, the markdown/CSV/HTML tables (with a legend), the full JSON ")
            .Append("(`Benchmarks[].Metrics[]`, by `Descriptor.Id`) and the declarations sidecar, from which the publisher renders ")
            .Append("each by its declaration without knowing its id. Each metric is declared once, next to the code that measures ")
            .Append("it, by a type implementing [`IDeclaresMetrics`](../benchmarks/AsyncBench.Benchmarks/Observing/IDeclaresMetrics.cs); ")
            .Append("[`MetricCatalog`](../benchmarks/AsyncBench.Benchmarks/Observing/MetricCatalog.cs) finds every such type by ")
            .Append("reflection, so a new target declares its metrics in its own folder and edits no list. How they are measured: ")
            .Append("[measuring.md](measuring.md#observed-metrics-how-they-are-measured).\n\n")
            .Append("Per declaring type: the column BenchmarkDotNet shows, the id, who observed it (the line of a page's cell it ")
            .Append("goes on), how a cell states it, how an iteration's values become the case's one value, the unit, and the ")
            .Append("legend. BenchmarkDotNet's own `").Append(MetricIds.AllocatedBytes).Append("` and `").Append(MetricIds.CompletedWorkItems)
            .Append("` are read from its columns, not declared here. BenchmarkDotNet shows a zero metric as `-`.\n");
        foreach (var (declarer, metrics) in Declarers())
        {
            md.Append("\n## ").Append(declarer.Name).Append("\n\n")
                .Append("Declared in [`").Append(SourceFile(declarer)).Append("`](../").Append(SourceFile(declarer)).Append(").\n\n")
                .Append("| Column | Id | Source | Cell | Aggregation | Unit | Legend |\n")
                .Append("|---|---|---|---|---|---|---|\n");
            foreach (var metric in metrics)
            {
                var declared = metric.ToDeclaration();
                md.Append("| `").Append(Cell(metric.DisplayName)).Append("` | `").Append(metric.Id).Append("` | ").Append(metric.Source)
                    .Append(" | `").Append(Cell(metric.Cell)).Append("` | ").Append(declared.Aggregation.ToLowerInvariant())
                    .Append(" | ").Append(metric.Unit).Append(" | ").Append(Cell(Legend(metric))).Append(" |\n");
            }
        }

        return md.ToString();
    }

    private static string Legend(ObservedMetric metric)
    {
        var legend = metric.Legend;
        if (metric.ValueNames is { Count: > 0 } names && names.Any(n => n.Value.Length > 0))
        {
            legend += ". Values: " + string.Join(", ", names.Where(n => n.Value.Length > 0).Select(n => $"{n.Key} = {n.Value}"));
        }

        if (metric.BoundByCpuOf is { } cpu)
        {
            legend += $". Derived by the diagnoser from `{cpu}`, the case's median and its floor";
        }

        return legend;
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
