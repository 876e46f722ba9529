using System.Globalization;

namespace AsyncBench.Benchmarks.Harness;

/// <summary>
/// The run's error budget (<c>--error-budget</c>; Running.ErrorBudgetOption reads it), which the suite hands to its
/// benchmark processes in <see cref="Variable"/>: the share of a case's measured units that may fail (as k6's and NBomber's
/// failure thresholds). Unset (the default, 0), the first failed unit fails the case, as before budgets existed. Set, a
/// failed unit is counted, not thrown (<see cref="UnitObservation"/>), and the case fails only when its failed share over
/// all its measured iterations passes the budget. The budget is part of every case's identity (<see cref="Identity"/>):
/// a case with failed units in its time is never compared with one that had none allowed.
/// </summary>
public static class RunErrorBudget
{
    /// <summary>Set by the suite for its benchmark processes: the budget as a fraction, e.g. 0.02. Not a user setting.</summary>
    public const string Variable = "ASYNCBENCH_ERROR_BUDGET";

    /// <summary>The run's budget as a fraction of the measured units; null when the run has none (the first failure fails the case).</summary>
    public static double? Share =>
        SettingValues.Value(Variable) is { } text && double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) is > 0 and var share ? share : null;

    /// <summary>
    /// Reads a budget as a share: "2%" (percent) or "0.02" (a fraction), from 0 up to but not including 100 %. False with
    /// the problem (the option's name is the caller's) on anything else; "2" alone is refused, since it could mean either.
    /// </summary>
    public static bool TryParse(string text, out double share, out string problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        share = 0;
        problem = string.Empty;
        var trimmed = text.Trim();
        var percent = trimmed.EndsWith('%');
        var number = percent ? trimmed[..^1].TrimEnd() : trimmed;
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            problem = $"takes a share of failed units, e.g. 2% or 0.02 (got '{text}').";
            return false;
        }

        share = percent ? value / 100 : value;
        if (!percent && value >= 1)
        {
            problem = $"'{text}' is not a fraction below 1: write {value.ToString(CultureInfo.InvariantCulture)}% for a share in percent, or e.g. 0.02.";
            return false;
        }

        if (share >= 1)
        {
            problem = $"'{text}' would let every unit fail: give a share below 100%, e.g. 2%.";
            return false;
        }

        return true;
    }

    /// <summary>A share as the pages and messages write it: "2 %", "0.5 %".</summary>
    public static string Describe(double share) => (share * 100).ToString("0.###", CultureInfo.InvariantCulture) + " %";

    /// <summary>A budget as the option and a case's identity write it: "2%", "0.5%".</summary>
    public static string IdentityText(double share) => (share * 100).ToString("0.###", CultureInfo.InvariantCulture) + "%";

    /// <summary>
    /// The run's budget as every case of the run carries it in its identity (e.g. "2%"): the run's setting, like its
    /// distribution, even for a case that never failed, since only the budget let its failures through. Null without one,
    /// so a default run's cases keep today's identity.
    /// </summary>
    public static string? Identity => Share is { } share ? IdentityText(share) : null;
}
