namespace AsyncBench.Benchmarks.Harness;

/// <summary>
/// The <c>ASYNCBENCH_*</c> settings one part of the suite reads, checked before BenchmarkDotNet starts. Each
/// workload implements it in its own folder (a public class with a parameterless constructor) and
/// <see cref="SettingsCatalog"/> finds it, so a new target's settings are known and checked without an edit to
/// <see cref="Running.ConfigurationCheck"/>.
/// </summary>
public interface IChecksSettings
{
    /// <summary>The environment variables this part reads.</summary>
    IReadOnlyList<string> Variables { get; }

    /// <summary>
    /// Null when each variable is unset or usable; otherwise the one line to print after "error: ", naming the
    /// variable, its value and what to do. A check that reaches a real target records its latency
    /// (<see cref="Observing.RealTargets"/>).
    /// </summary>
    string? Check();
}
