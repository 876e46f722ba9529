
namespace AsyncBench.Publishing.Comparing;

public sealed record GateOptions(double ThresholdPercent = GateOptions.DefaultThresholdPercent)
{
    /// <summary>The slowdown the nightly gate must catch (issue 16: a 15 % slowdown of a single benchmark).</summary>
    public const double DefaultThresholdPercent = 15;

    /// <summary>Allocated bytes changed when they differ by more than this many bytes and by the practical floor.</summary>
    public const double AllocationFloorBytes = 64;

    /// <summary>Completed work items changed when they differ by more than this many items per operation and by the practical floor.</summary>
    public const double WorkItemFloor = 0.5;

    /// <summary>Allocations agree (deterministic) when their runs lie within this many bytes, or this share of their median if larger.</summary>
    public const double AllocationToleranceBytes = 8;

    public const double AllocationToleranceShare = 0.001;

    /// <summary>
    /// A per-operation work-item count that is a whole number in a run of at least this many operations says
    /// every operation did the same count (a varying count is a whole number by chance about once in this many).
    /// </summary>
    public const long MinOperationsForWholeCounts = 20;

    public double FloorLog => FlagRule.FloorLog(ThresholdPercent);
}
