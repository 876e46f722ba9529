using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publishing.Comparing;

/// <summary>
/// The uncertainty of one benchmark's change (today's log run value − the reference), on the log scale:
/// its standard error, the degrees of freedom it was estimated with (∞ for a known value), and where it
/// came from. <see cref="RunSpread"/> is the spread of a single run's value (1 σ, log), for the report.
/// </summary>
public sealed record NoiseEstimate(double StandardError, double DegreesOfFreedom, NoiseBasis Basis, int Runs, double RunSpread)
{
    /// <summary>The one-sided critical value at <see cref="FlagRule.Alpha"/>: Student's t with the estimate's degrees of freedom.</summary>
    public double Critical => FlagRule.Critical(DegreesOfFreedom);

    /// <summary>The smallest change (log) that is significant: critical value × standard error.</summary>
    public double SignificantLog => Critical * StandardError;

    /// <summary>The chance that a true slowdown of <paramref name="thresholdPercent"/> is flagged: see <see cref="FlagRule.Power"/>.</summary>
    public double Power(double thresholdPercent) => FlagRule.Power(this, thresholdPercent);

    /// <summary>The run value's spread as a percentage (e^σ − 1).</summary>
    public double RunSpreadPercent => (Math.Exp(RunSpread) - 1) * 100;

    public bool IsKnown => double.IsFinite(StandardError) && StandardError > 0 && DegreesOfFreedom >= 1;

    /// <summary>
    /// The share of the change's variance that the two runs' launches show (σ²_launch (1/L₁ + 1/L₂) ÷ SE²); the rest is
    /// what whole runs add (the machine that night). NaN where not known (a history estimate, or one launch).
    /// </summary>
    public double LaunchShare { get; init; } = double.NaN;

    /// <summary>
    /// The share of the launch spread's variance that the iterations inside each launch explain (their variance ÷ their
    /// count); the rest is the process itself (its JIT, memory layout, pool and file state). NaN where not known.
    /// </summary>
    public double IterationShare { get; init; } = double.NaN;
}
