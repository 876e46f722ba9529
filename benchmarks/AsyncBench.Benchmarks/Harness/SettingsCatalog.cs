namespace AsyncBench.Benchmarks.Harness;

/// <summary>
/// Every <see cref="IChecksSettings"/> of the suite, ordered by type name (then namespace) so the first problem reported
/// and the list of known variables are the same on every run, wherever in the suite each type's folder is.
/// </summary>
public static class SettingsCatalog
{
    public static IReadOnlyList<IChecksSettings> All { get; } = Gather(typeof(SettingsCatalog).Assembly.GetTypes());

    /// <summary>An instance of each settings type among <paramref name="types"/>; throws when two claim one variable.</summary>
    public static IReadOnlyList<IChecksSettings> Gather(IEnumerable<Type> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        var settings = types
            .Where(t => t is { IsInterface: false, IsAbstract: false, ContainsGenericParameters: false } && typeof(IChecksSettings).IsAssignableFrom(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ThenBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (IChecksSettings)Activator.CreateInstance(t)!)
            .ToList();
        var owner = new Dictionary<string, IChecksSettings>(StringComparer.Ordinal);
        foreach (var part in settings)
        {
            foreach (var variable in part.Variables)
            {
                if (!owner.TryAdd(variable, part))
                {
                    throw new InvalidOperationException($"The setting '{variable}' is claimed by both {owner[variable].GetType().FullName} and {part.GetType().FullName}: declare each setting once, where it is read.");
                }
            }
        }

        return settings;
    }
}
