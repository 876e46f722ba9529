using AsyncBench.Publishing.Reading;

namespace AsyncBench.Publishing.Statistics;

/// <summary>Which cases a group holds: one class, one namespace (a workload), or every case.</summary>
public enum CaseGroupLevel
{
    Class,
    Namespace,
    All,
}

/// <summary>A group of points and its name (the class's or namespace's full name; empty for all cases).</summary>
public sealed record CaseGroup<T>(CaseGroupLevel Level, string Name, IReadOnlyList<T> Members);

/// <summary>
/// The grouping every between-run estimate uses (the gate's fallback calibration, its CPU-time fallback, the claims'
/// between-run component): a case's variance is learnt from the points of its class when the class has enough of
/// them, else of its namespace, else of all cases. Cases of one class share fixtures and code paths, so their run
/// to run spread is most alike; wider groups trade that likeness for enough points to estimate anything.
/// </summary>
public sealed class CaseGroups<T>
{
    private readonly Dictionary<string, CaseGroup<T>> classes;
    private readonly Dictionary<string, CaseGroup<T>> namespaces;
    private readonly CaseGroup<T> all;
    private readonly int minimum;

    /// <param name="points">The points, in the order each group keeps them.</param>
    /// <param name="idOf">The case a point belongs to.</param>
    /// <param name="minimum">How many points a group needs to be used.</param>
    public CaseGroups(IReadOnlyList<T> points, Func<T, BenchmarkId> idOf, int minimum)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(idOf);
        classes = points.GroupBy(p => idOf(p).ClassName).ToDictionary(g => g.Key, g => new CaseGroup<T>(CaseGroupLevel.Class, g.Key, [.. g]), StringComparer.Ordinal);
        namespaces = points.GroupBy(p => idOf(p).Namespace).ToDictionary(g => g.Key, g => new CaseGroup<T>(CaseGroupLevel.Namespace, g.Key, [.. g]), StringComparer.Ordinal);
        all = new CaseGroup<T>(CaseGroupLevel.All, string.Empty, points);
        this.minimum = minimum;
    }

    /// <summary>Every class with enough points, then every namespace with enough (in the order of their first point).</summary>
    public IEnumerable<CaseGroup<T>> Large =>
        classes.Values.Concat(namespaces.Values).Where(g => g.Members.Count >= minimum);

    /// <summary>The group a case's variance is learnt from: its class's, else its namespace's, else all cases'; null when none has enough points.</summary>
    public CaseGroup<T>? For(BenchmarkId id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return classes.TryGetValue(id.ClassName, out var byClass) && byClass.Members.Count >= minimum ? byClass
            : namespaces.TryGetValue(id.Namespace, out var byNamespace) && byNamespace.Members.Count >= minimum ? byNamespace
            : all.Members.Count >= minimum ? all
            : null;
    }
}
