using System.Globalization;
using AsyncBench.Benchmarks.Declarations;
using BenchmarkDotNet.Filters;

namespace AsyncBench.Benchmarks.Running;

/// <summary>
/// <c>--pass K --passes N</c>: pass K of a nightly run as passes (<c>scripts/nightly.sh</c>, <c>NIGHTLY_PASSES=N</c>), one launch
/// a case (<c>--profile nightly-pass</c>), or of the evidence run (<c>--profile evidence</c>, <c>scripts/evidence.sh</c>), where every class takes part in every pass. A class takes part while K is within its launches: those it declares
/// (<see cref="NightlyLaunchesAttribute"/>), or N. So each class gets the launches its spread needs, spread through the night,
/// and a pass no class takes part in ends the night's passes.
/// </summary>
/// <param name="EveryClass">The evidence profile's passes: every class takes part in every pass, whatever launches it declares for the nightly.</param>
public sealed record NightPass(int Pass, int Passes, bool EveryClass = false)
{
    public const string PassOption = "--pass";
    public const string PassesOption = "--passes";

    /// <summary>The launches a night of <see cref="Passes"/> passes gives <paramref name="benchmarkClass"/>.</summary>
    public int LaunchesOf(Type benchmarkClass) => EveryClass ? Passes : NightlyLaunchesAttribute.Of(benchmarkClass) ?? Passes;

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

        if (profile is not (Profiles.NightlyPass or Profiles.Evidence))
        {
            error = $"{PassOption} is a pass of the nightly or the evidence run: use it with {Profiles.Option} {Profiles.NightlyPass} or {Profiles.Option} {Profiles.Evidence} (got {Profiles.Option} {profile}).";
            return false;
        }

        pass = new NightPass(k, n, EveryClass: profile == Profiles.Evidence);
        return true;
    }

    private static bool TryWhole(IReadOnlyList<string> values, out int value)
    {
        value = 0;
        return values.Count > 0 && int.TryParse(values[^1], NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 1;
    }
}
