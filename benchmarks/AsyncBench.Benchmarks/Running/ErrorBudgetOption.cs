using System.Globalization;
using AsyncBench.Benchmarks.Harness;

namespace AsyncBench.Benchmarks.Running;

/// <summary>
/// <c>--error-budget &lt;share&gt;</c> (e.g. <c>2%</c> or <c>0.02</c>): the share of a case's measured units that may fail
/// before the case fails (<see cref="RunErrorBudget"/>); 0, the default, fails a case at its first failed unit, as before.
/// Taken out before BenchmarkDotNet sees the rest, checked like every setting; the last one given wins, as with --profile.
/// </summary>
public static class ErrorBudgetOption
{
    public const string Option = "--error-budget";

    /// <summary>Takes <see cref="Option"/> out of <paramref name="args"/>; <paramref name="share"/> is 0 when it is not given. False with the error line on bad input.</summary>
    public static bool TryTake(string[] args, out double share, out string[] rest, out string error)
    {
        share = 0;
        error = string.Empty;
        var (values, others) = SuiteOptions.Take(args, Option);
        rest = others;
        if (values.Count == 0)
        {
            return true;
        }

        if (values[^1].Length == 0)
        {
            error = $"{Option} takes a share of failed units a case may have, e.g. {Option} 2% (or 0.02); 0 (the default) fails a case at its first failed unit.";
            return false;
        }

        if (!RunErrorBudget.TryParse(values[^1], out share, out var problem))
        {
            error = $"{Option} {problem}";
            return false;
        }

        return true;
    }

    /// <summary>The line the run prints before it starts, so a run with a budget says so; null without one.</summary>
    public static string? Describe(double share) => share > 0
        ? $"== error budget: {RunErrorBudget.Describe(share)} of each case's measured units may fail (counted, shown as Errors [%]); a case fails past it."
        : null;

    /// <summary>Hands the budget to the benchmark processes (<see cref="RunErrorBudget"/>); 0 clears it.</summary>
    public static void Export(double share) =>
        Environment.SetEnvironmentVariable(RunErrorBudget.Variable, share > 0 ? share.ToString("R", CultureInfo.InvariantCulture) : null);
}
