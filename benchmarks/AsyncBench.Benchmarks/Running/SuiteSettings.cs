using AsyncBench.Benchmarks.Faults;
using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Observing;
using AsyncBench.Fixtures;

namespace AsyncBench.Benchmarks.Running;

/// <summary>
/// The settings of no single workload: the fixture host's path, the observer's folder, the A/B run's assembly,
/// the fault injection (checked by <see cref="ConfigurationCheck"/> against the run's selection), and the
/// publisher's and tests' variables, accepted here so a run that sets them is not refused.
/// </summary>
public sealed class SuiteSettings : IChecksSettings
{
    public IReadOnlyList<string> Variables { get; } =
    [
        FixtureHostProcess.HostPathVariable,
        CaseObserver.DirectoryVariable,
        AbRun.AssemblyVariable,
        InjectedSlowdown.Variable,
        RunErrorBudget.Variable, // set by the suite itself from --error-budget before the check (a real target's probe reads it)
        "ASYNCBENCH_MACHINE",
        "ASYNCBENCH_COMMIT",
        "ASYNCBENCH_UPDATE_GOLDEN",
        "ASYNCBENCH_UPDATE_DOCS",
    ];

    public string? Check()
    {
        var variable = FixtureHostProcess.HostPathVariable;
        return SettingValues.Value(variable) is { } path && !File.Exists(path)
            ? $"{variable}='{path}' does not exist. Point it at a built AsyncBench.FixtureHost.dll, or unset it to use the one built with the suite."
            : null;
    }
}
