using System.Reflection;

namespace AsyncBench.Benchmarks.Observing;

/// <summary>
/// Gathers every metric the suite can emit from the types that declare them (<see cref="IDeclaresMetrics"/>): the
/// suite's own (<see cref="SuiteMetrics"/>: pool, client, case) first, then the others by their type's full name, so
/// the order (a cell's lines, the sidecar) is the same on every run.
/// </summary>
public static class MetricCatalog
{
    private static readonly MethodInfo MetricsOfDeclarer = typeof(MetricCatalog).GetMethod(nameof(MetricsOf), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Every metric the types of <paramref name="assembly"/> declare; throws when two declare the same id.</summary>
    public static IReadOnlyList<ObservedMetric> Gather(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return Gather(assembly.GetTypes());
    }

    /// <summary>Every metric the declaring types among <paramref name="types"/> declare; throws when two declare the same id.</summary>
    public static IReadOnlyList<ObservedMetric> Gather(IEnumerable<Type> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        var declarers = types
            .Where(t => t is { IsInterface: false, IsAbstract: false, ContainsGenericParameters: false } && typeof(IDeclaresMetrics).IsAssignableFrom(t))
            .OrderBy(t => t == typeof(SuiteMetrics) ? 0 : 1)
            .ThenBy(t => t.FullName, StringComparer.Ordinal);
        var metrics = new List<ObservedMetric>();
        var declaredBy = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var type in declarers)
        {
            foreach (var metric in (IReadOnlyList<ObservedMetric>)MetricsOfDeclarer.MakeGenericMethod(type).Invoke(null, null)!)
            {
                if (!declaredBy.TryAdd(metric.Id, type))
                {
                    throw new InvalidOperationException($"The metric '{metric.Id}' is declared by both {declaredBy[metric.Id].FullName} and {type.FullName}: declare each metric once, where it is measured.");
                }

                metrics.Add(metric);
            }
        }

        return metrics;
    }

    private static IReadOnlyList<ObservedMetric> MetricsOf<T>()
        where T : IDeclaresMetrics => T.Metrics;
}
