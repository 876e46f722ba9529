using System.Collections.Concurrent;
using System.Reflection;
using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Observing;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Running;

namespace AsyncBench.Benchmarks.Declarations;

/// <summary>
/// The quick profile's cut (<see cref="Running.Profiles.Quick"/>): every benchmark of a class, every method and argument,
/// at the class's declared settings only: the settings its claims read (<see cref="ClaimAttribute.Setting"/>, sets through
/// [ClaimsFrom] included) and its <see cref="QuickSettingAttribute"/>s. So the first run answers every target × strategy
/// and every rule's claims, without the parameter sweeps (the sweep profile's). A class without [Params] has one setting
/// and is kept whole; a class with [Params] and no declared setting is refused before BenchmarkDotNet starts
/// (<see cref="Problems"/>), so a new target cannot be left out unseen. Against a real target a [FixtureOnly] parameter
/// runs at one value (<see cref="CaseFacts.VariesOnlyWhatApplies"/>) and is not compared.
/// </summary>
public static class QuickCases
{
    public static IFilter Filter { get; } = new SimpleFilter(IsKept);

    private static readonly ConcurrentDictionary<Type, IReadOnlyList<IReadOnlyDictionary<string, string>>> ByClass = new();

    /// <summary>True when <paramref name="benchmark"/>'s [Params] are one of its class's declared settings.</summary>
    public static bool IsKept(BenchmarkCase benchmark)
    {
        ArgumentNullException.ThrowIfNull(benchmark);
        var realTarget = CaseFacts.FloorSource(benchmark) is { RealTargetVariable: not null };
        var parameters = benchmark.Parameters.Items
            .Where(p => !p.IsArgument && !(realTarget && IsFixtureOnly(benchmark.Descriptor.Type, p.Name)))
            .ToDictionary(p => p.Name, p => p.ToDisplayText());
        var settings = ByClass.GetOrAdd(benchmark.Descriptor.Type, SettingsOf);
        return settings.Count == 0
            ? parameters.Count == 0
            : settings.Any(setting => parameters.All(p => setting.TryGetValue(p.Key, out var value) && value == p.Value));
    }

    /// <summary>The settings <paramref name="type"/> declares: its claims' (each once), then its [QuickSetting]s; one that does not parse is left to <see cref="Problems"/>.</summary>
    public static IReadOnlyList<string> Declared(Type type) =>
        [.. ClaimAttribute.Of(type).Select(c => c.Setting).Concat(QuickSettingAttribute.Of(type)).Distinct(StringComparer.Ordinal)];

    /// <summary>What is wrong with <paramref name="type"/>'s quick setting, one sentence each; empty when nothing is.</summary>
    public static IEnumerable<string> Problems(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var cases = ClaimValidator.Cases(type);
        var names = cases.SelectMany(c => c.Parameters.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (names.Count > 0 && Declared(type).Count == 0)
        {
            yield return $"it has [Params] ({string.Join(", ", names)}) but no claim and no [QuickSetting(...)], so the quick profile would run none of its cases; " +
                $"declare the setting a first run measures, e.g. [QuickSetting(\"{string.Join("&", names.Select(n => $"{n}={cases[0].Parameters[n]}"))}\")].";
        }

        foreach (var setting in QuickSettingAttribute.Of(type))
        {
            if (ClaimValidator.SettingProblem(setting, cases) is { } problem)
            {
                yield return $"[QuickSetting(\"{setting}\")]: {problem}";
            }
        }
    }

    /// <summary>Null when every class of <paramref name="types"/> declares a usable quick setting; else the error line for the first that does not, naming it.</summary>
    public static string? Check(IEnumerable<Type> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        return types.OrderBy(t => t.FullName, StringComparer.Ordinal)
            .SelectMany(t => Problems(t).Select(problem => $"{t.FullName}: {problem}"))
            .FirstOrDefault();
    }

    private static IReadOnlyList<IReadOnlyDictionary<string, string>> SettingsOf(Type type) =>
        [.. Declared(type).Select(setting => ClaimValidator.TryParsePairs(setting, '&', out var pairs) ? pairs : null).OfType<IReadOnlyDictionary<string, string>>()];

    private static bool IsFixtureOnly(Type type, string parameter) =>
        type.GetProperty(parameter)?.IsDefined(typeof(FixtureOnlyAttribute), inherit: true) == true;
}
