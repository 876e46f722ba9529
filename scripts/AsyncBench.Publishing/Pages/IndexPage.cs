using System.Globalization;
using System.Text;
using AsyncBench.Publishing.Formatting;
using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Rules;
using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publishing.Pages;

/// <summary>A run's index page: its environment, how precise its numbers are (<see cref="RunPrecision"/>), and links to every page.</summary>
public static class IndexPage
{
    public const string FileName = "index.md";

    public static string Render(BenchmarkRun run, RunLabel label, IReadOnlyList<string> workloads, int runsOfMachine, bool hasRules, RunPrecision? precision)
    {
        var md = new StringBuilder("# AsyncBench run\n\n");
        WorkloadPage.FaultInjectionBanner(md, run, listBenchmarks: true);
        WorkloadPage.ReviewerBanner(md, run);
        WorkloadPage.EnvironmentHeader(md, run, label);
        md.Append(CultureInfo.InvariantCulture, $"{run.Results.Count} benchmarks from {run.ReportFiles.Count} report(s); {run.Results.Count(r => r.Failed)} failed.\n\n");
        if (precision is not null)
        {
            md.Append(PrecisionSentence(precision)).Append("\n\n");
        }

        foreach (var workload in workloads)
        {
            md.Append("- [").Append(workload).Append("](").Append(WorkloadPage.FileName(workload)).Append(")\n");
        }

        if (hasRules)
        {
            md.Append("- [The rules, measured](").Append(RulesPage.FileName).Append(")\n");
        }

        md.Append("- [Trend on this machine](").Append(TrendPage.FileName).Append(CultureInfo.InvariantCulture, $") ({runsOfMachine} run(s))\n");
        md.Append("- Raw BenchmarkDotNet reports: `").Append(Publisher.RawFolder).Append("/`\n");
        return md.ToString();
    }

    /// <summary>The index page's precision line: the run's intervals in one sentence.</summary>
    public static string PrecisionSentence(RunPrecision precision)
    {
        ArgumentNullException.ThrowIfNull(precision);
        return string.Create(CultureInfo.InvariantCulture,
                $"Precision: the median case's 99.9% confidence interval (BenchmarkDotNet's, around the mean) is ±{Format.Number(precision.MedianMarginPercent)}% of its mean, and {precision.Over50Percent} of {precision.Cases} cases exceed ±50%; ") +
            (double.IsFinite(precision.MedianHarrellDavisPercent) ? string.Create(CultureInfo.InvariantCulture, $"the median case's 99% interval of the median (Harrell–Davis) is ±{Format.Number(precision.MedianHarrellDavisPercent)}%; ") : string.Empty) +
            string.Create(CultureInfo.InvariantCulture, $"{precision.TypicalLaunches} launch(es) (processes) per case.");
    }
}
