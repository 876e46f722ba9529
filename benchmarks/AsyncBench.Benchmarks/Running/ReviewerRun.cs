using AsyncBench.Benchmarks.Harness;

namespace AsyncBench.Benchmarks.Running;

/// <summary>
/// A reviewer's run: one at a setting given on the command line (<c>--params</c>, <c>--latency</c>, <c>--seed</c>,
/// <c>--error-budget</c>, <c>--server-limit</c>) instead of
/// the suite's declared one. The declarations sidecar carries the setting on every case
/// (<see cref="Protocol.DeclaredBenchmark.ReviewerSetting"/>), so the pages say whose setting they answer at and the
/// publisher keeps the run out of the machine's history and <c>latest</c>.
/// </summary>
public static class ReviewerRun
{
    /// <summary>Set by the suite for its exporters while a reviewer's run runs: the setting as given. Not a user setting.</summary>
    public const string Variable = "ASYNCBENCH_REVIEWER_SETTING";

    /// <summary>The run's setting as the command line gave it, e.g. <c>--params Count=500 LatencyMs=20 --latency lognormal:median=20ms,p99=200ms --seed 1</c>; null for the declared setting.</summary>
    /// <param name="parameters">--params, or null.</param>
    /// <param name="latency">--latency and --seed, or null.</param>
    /// <param name="errorBudget">--error-budget as a fraction; 0 for none.</param>
    /// <param name="serverLimit">--server-limit, or null.</param>
    public static string? Describe(ParamsOverride? parameters, LatencyOptions? latency, double errorBudget = 0, int? serverLimit = null)
    {
        List<string> parts = [];
        if (parameters is not null)
        {
            parts.Add(ParamsOverride.Option + " " + string.Join(' ', parameters.Settings.Select(s => $"{s.Key}={string.Join(',', s.Value)}")));
        }

        if (latency is not null)
        {
            parts.Add($"{LatencyOptions.Option} {latency.Distribution.Canonical} {LatencyOptions.SeedOption} {latency.Seed}");
        }

        if (errorBudget > 0)
        {
            parts.Add($"{ErrorBudgetOption.Option} {RunErrorBudget.IdentityText(errorBudget)}");
        }

        if (serverLimit is { } limit)
        {
            parts.Add($"{ServerLimitOption.Option} {limit.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }

        return parts.Count == 0 ? null : string.Join(' ', parts);
    }

    /// <summary>
    /// Null, or the error line when <paramref name="setting"/> (<see cref="Describe"/>) is given with the evidence profile: that
    /// profile selects the cases the rules' claims read at their DECLARED settings, for the verdicts of the rules page, so a
    /// reviewer's setting would answer another question under the evidence run's name.
    /// </summary>
    public static string? CheckProfile(string profile, string? setting) =>
        profile == Profiles.Evidence && setting is not null
            ? $"{Profiles.Option} {Profiles.Evidence} runs the cases the rules' claims read at their declared settings, so it takes no reviewer's setting (got {setting}). " +
              $"For the verdicts drop the setting (scripts/evidence.sh); for the answers at your setting run it with {Profiles.Option} {Profiles.Full} (or {Profiles.Quick}) instead."
            : null;

    /// <summary>The setting of the run in progress (<see cref="Variable"/>); null for the declared one.</summary>
    public static string? Current => SettingValues.Value(Variable);
}
