namespace AsyncBench.Benchmarks.Harness;

/// <summary>
/// Declares how many units a benchmark method keeps in flight at most: a fixed number, or the value of one
/// of the case's parameters or arguments (e.g. <c>Count</c>, <c>maxDegreeOfParallelism</c>). Read by
/// <see cref="Observing.CaseFacts"/> for the Concurrency and FloorNs metrics and the quick profile's cut,
/// so a new strategy states its concurrency here, next to its code, and nowhere else.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class ConcurrencyAttribute : Attribute
{
    public ConcurrencyAttribute(int units) => Units = units;

    public ConcurrencyAttribute(string parameter) => Parameter = parameter;

    /// <summary>A fixed concurrency (1 for one unit at a time); 0 when <see cref="Parameter"/> says it.</summary>
    public int Units { get; }

    /// <summary>The parameter or argument whose value is the concurrency; -1 means <see cref="Environment.ProcessorCount"/> (Parallel.ForEachAsync's default).</summary>
    public string? Parameter { get; }
}

/// <summary>
/// The least time a unit must spend at its target, declared by a workload's benchmark class from its own
/// parameters: the per-unit wait (latency plus line time) and how many units the target itself can serve at
/// once (devices, a server's limit). A class without one has no floor (CPU-bound or local-disk work).
/// </summary>
/// <param name="UnitWaitMs">What one unit must wait at the target, in milliseconds.</param>
/// <param name="TargetBound">Units the target serves at once at most (one conversation per serial device, a server's in-flight limit); null if unbounded.</param>
public sealed record WorkloadFloor(double UnitWaitMs, int? TargetBound = null);

/// <summary>A benchmark class whose units wait on a target, so its cases have an ideal floor.</summary>
public interface IDeclaresFloor
{
    /// <summary>
    /// The environment variable naming the real (external) target this class will use instead of its
    /// built-in fixture, or null when it uses the fixture. Set: parameters marked
    /// <see cref="FixtureOnlyAttribute"/> are not varied, and the floor uses the measured latency.
    /// </summary>
    string? RealTargetVariable { get; }

    /// <param name="measuredTargetLatencyMs">The measured latency (round trip) of the real target, when there is one.</param>
    WorkloadFloor Floor(double? measuredTargetLatencyMs);
}

/// <summary>
/// A [Params] property that only shapes the built-in fixture (e.g. the mock server's latency). Against a
/// real target it has no effect, so only its first declared value is run: it must not multiply cases.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class FixtureOnlyAttribute : Attribute
{
}
