using System.Globalization;
using AsyncBench.Benchmarks.Declarations;
using BenchmarkDotNet.Filters;

namespace AsyncBench.Benchmarks.Running;

/// <summary>
/// <c>--pass K --passes N</c>: pass K of a nightly run as passes (<c>scripts/nightly.sh</c>, <c>NIGHTLY_PASSES=N</c>), one launch
/// a case (<c>--profile nightly-pass</c>). A class takes part while K is within its launches: those it declares
/// (<see cref="NightlyLaunchesAttribute"/>), or N. So each class gets the launches its spread needs, spread through the night,
/// and a pass no class takes part in ends the night's passes.
/// </summary>
public sealed record NightPass(int Pass, int Passes)
{
    public const string PassOption = "--pass";
    public const string PassesOption = "--passes";

    /// <summary>The launches a night of <see cref="Passes"/> passes gives <paramref name="benchmarkClass"/>.</summary>
    public int LaunchesOf(Type benchmarkClass) => NightlyLaunchesAttribute.Of(benchmarkClass) ?? Passes;

    public bool TakesPart(Type benchmarkClass) => Pass <= LaunchesOf(benchmarkClass);

    /// <summary>The suite's benchmark classes that take part in this pass, by full name.</summary>
    public IReadOnlyList<string> Classes() =>
        [.. ConfigurationCheck.BenchmarkClasses
            .Where(TakesPart)
            .Select(t => t.FullName!)
            .Order(StringComparer.Ordinal)];

    /// <summary>Keeps the cases of the classes that take part.</summary>
    public IFilter Filter() => new SimpleFilter(b => TakesPart(b.Descriptor.Type));

    /// <summary>Takes both options out of <paramref name="args"/>: null when neither is given; false with the error line when one is wrong or alone, or the profile is not a pass.</summary>
    public static bool TryTake(string[] args, string profile, out NightPass? pass, out string[] rest, out string error)
    {
        var (passValues, kept) = SuiteOptions.Take(args, PassOption);
        var (passesValues, others) = SuiteOptions.Take(kept, PassesOption);
        pass = null;
        rest = others;
        error = string.Empty;
        if (passValues.Count == 0 && passesValues.Count == 0)
        {
            return true;
        }

        if (!TryWhole(passValues, out var k) || !TryWhole(passesValues, out var n) || n < 2)
        {
            error = $"{PassOption} and {PassesOption} go together, whole numbers: the pass (from 1) and the night's passes (from 2), e.g. {PassOption} 1 {PassesOption} 5 " +
                $"(got {PassOption} '{string.Join(' ', passValues)}' {PassesOption} '{string.Join(' ', passesValues)}').";
            return false;
        }

        if (profile != Profiles.NightlyPass)
        {
            error = $"{PassOption} is a pass of the nightly: use it with {Profiles.Option} {Profiles.NightlyPass} (got {Profiles.Option} {profile}).";
            return false;
        }

        pass = new NightPass(k, n);
        return true;
    }

    private static bool TryWhole(IReadOnlyList<string> values, out int value)
    {
        value = 0;
        return values.Count > 0 && int.TryParse(values[^1], NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 1;
    }
}
