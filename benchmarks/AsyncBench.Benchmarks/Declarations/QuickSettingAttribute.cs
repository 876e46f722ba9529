using System.Reflection;

namespace AsyncBench.Benchmarks.Declarations;

/// <summary>
/// The setting the quick profile runs a class at, for a class whose claims name none (<see cref="QuickCases"/>): every
/// [Params] of the class named once, "Count=100&amp;LatencyMs=20", at values it runs. A class with claims is run at its
/// claims' settings and may add one here; a class without [Params] has one setting and needs none. Checked before
/// BenchmarkDotNet starts (<see cref="QuickCases.Problems"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class QuickSettingAttribute(string setting) : Attribute
{
    public string Setting { get; } = setting;

    /// <summary>The settings <paramref name="type"/> declares with this attribute, in order.</summary>
    public static IReadOnlyList<string> Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return [.. type.GetCustomAttributes<QuickSettingAttribute>(inherit: false).Select(a => a.Setting)];
    }
}
