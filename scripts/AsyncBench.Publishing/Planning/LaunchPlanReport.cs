using System.Globalization;
using System.Text;
using AsyncBench.Publishing.Comparing;
using AsyncBench.Publishing.Formatting;

namespace AsyncBench.Publishing.Planning;

/// <summary>Writes a launch plan (<see cref="LaunchPlanner"/>) as markdown: per class its spread, cost, launches and gateable cases.</summary>
public static class LaunchPlanReport
{
    public static string Markdown(LaunchPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var md = new StringBuilder("# Launch plan\n\n");
        var threshold = Format.Number(plan.ThresholdPercent);
        md.Append(CultureInfo.InvariantCulture, $"Sized from {plan.PilotRuns} pilot run{(plan.PilotRuns == 1 ? string.Empty : "s")}: each case's spread between launches ")
          .Append("(1 σ of its log launch medians, each run's launches around that run's own mean) and what a launch of it costs ")
          .Append(CultureInfo.InvariantCulture, $"(its measured iterations + {Format.Number(plan.LaunchOverheadSeconds)} s for the process). ")
          .Append(CultureInfo.InvariantCulture, $"Gateable: a true {threshold} % slowdown flagged with {Format.Number(FlagRule.RequiredPower * 100)} % power by the gate's rule on the launch spread alone ")
          .Append("(σ √(2/L), Student's t with 2L − 2 degrees of freedom). The gate also adds what whole runs differ by, so a night gates at most this many.\n\n");

        var table = new MarkdownTable().Column("class").Column("cases", ColumnAlignment.Right).Column("launch spread, median", ColumnAlignment.Right)
            .Column("a launch of the class", ColumnAlignment.Right).Column("pilot launches", ColumnAlignment.Right).Column($"gateable at {threshold} %, pilot", ColumnAlignment.Right)
            .Column("planned launches", ColumnAlignment.Right).Column($"gateable at {threshold} %, planned", ColumnAlignment.Right)
            .Column($"not within {LaunchPlanner.MaxLaunches} launches", ColumnAlignment.Right);
        foreach (var c in plan.Classes)
        {
            table.Row(
                $"`{c.Class}`",
                c.Cases.Count,
                Format.Percent(Math.Exp(c.MedianSigma) - 1),
                Seconds(c.SecondsPerLaunch),
                c.PilotLaunches,
                c.GateableAtPilot,
                $"**{c.Launches}**",
                c.Gateable,
                c.NotWithinMaxLaunches);
        }

        table.Row(
            "all",
            plan.Cases,
            string.Empty,
            Seconds(plan.SecondsPerLaunch),
            Minutes(plan.PilotMinutes),
            Share(plan.GateableAtPilot, plan.Cases),
            Minutes(plan.Minutes),
            Share(plan.Gateable, plan.Cases),
            plan.NotWithinMaxLaunches);
        table.AppendTo(md);

        md.Append(CultureInfo.InvariantCulture, $"\nPlanned: {Minutes(plan.Minutes)} of benchmark processes within {Minutes(plan.BudgetMinutes)} (builds and publishing come on top); ")
          .Append(CultureInfo.InvariantCulture, $"the pilot's launches: {Minutes(plan.PilotMinutes)}. Declare a class's planned launches with `[NightlyLaunches(n)]` ")
          .Append("(the nightly's passes run each class that many times); a class planned at the night's passes needs no attribute.\n");
        return md.ToString();
    }

    private static string Seconds(double seconds) => seconds >= 60 ? Minutes(seconds / 60) : Format.Significant(seconds) + " s";

    private static string Minutes(double minutes) => Format.Significant(minutes) + " min";

    private static string Share(int n, int of) => $"{n} ({Format.Percent((double)n / of)})";
}
