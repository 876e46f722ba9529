using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publishing.Planning;

/// <summary>
/// One case of a pilot: its spread between launches (1 σ of its log launch medians, pooled over the pilot runs, and the
/// degrees of freedom it was estimated with), its value, what one launch of it costs, and the fewest launches a side
/// with which the gate would see the threshold's slowdown (null: not within <see cref="LaunchPlanner.MaxLaunches"/>).
/// </summary>
public sealed record CaseSpread(BenchmarkId Id, double Sigma, int DegreesOfFreedom, double ReferenceNs, double SecondsPerLaunch, int PilotLaunches, int? LaunchesNeeded);

/// <summary>One class's part of a launch plan: its cases, their median spread, what a launch of the class costs, and how many it gets.</summary>
public sealed record ClassPlan(string Class, IReadOnlyList<CaseSpread> Cases, int PilotLaunches, int Launches)
{
    public double MedianSigma => NoiseModel.Median([.. Cases.Where(c => double.IsFinite(c.Sigma)).Select(c => c.Sigma)]);

    /// <summary>Seconds one launch of every case of the class takes (a pass of the class).</summary>
    public double SecondsPerLaunch => Cases.Sum(c => c.SecondsPerLaunch);

    public int GateableWith(int launches) => Cases.Count(c => c.LaunchesNeeded <= launches);

    public int GateableAtPilot => GateableWith(PilotLaunches);

    public int Gateable => GateableWith(Launches);

    /// <summary>Cases no number of launches up to <see cref="LaunchPlanner.MaxLaunches"/> makes gateable.</summary>
    public int NotWithinMaxLaunches => Cases.Count(c => c.LaunchesNeeded is null);
}

/// <summary>
/// Launches per class for a night of a given length, sized from pilot runs (Kalibera and Jones: repeat at the level where
/// the variance is, as often as a pilot says). A prediction from the launch spread alone: the gate also adds what whole
/// runs differ by (its fallback's calibration, or the history), so a night gates at most this many.
/// </summary>
public sealed record LaunchPlan(double ThresholdPercent, double BudgetMinutes, double LaunchOverheadSeconds, int PilotRuns, IReadOnlyList<ClassPlan> Classes)
{
    public int Cases => Classes.Sum(c => c.Cases.Count);

    public int Gateable => Classes.Sum(c => c.Gateable);

    public int GateableAtPilot => Classes.Sum(c => c.GateableAtPilot);

    public double Minutes => Classes.Sum(c => c.Launches * c.SecondsPerLaunch) / 60;

    public double PilotMinutes => Classes.Sum(c => c.PilotLaunches * c.SecondsPerLaunch) / 60;

    /// <summary>Seconds one launch of every case takes (a pass of the whole plan).</summary>
    public double SecondsPerLaunch => Classes.Sum(c => c.SecondsPerLaunch);

    public int NotWithinMaxLaunches => Classes.Sum(c => c.NotWithinMaxLaunches);
}
