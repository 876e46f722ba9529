using AsyncBench.Benchmarks.Faults;
using AsyncBench.Benchmarks.Harness;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.ConsoleArguments;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;

namespace AsyncBench.Benchmarks.Running;

/// <summary>
/// Checks every <c>ASYNCBENCH_*</c> variable, the job name and every class's quick setting (<see cref="Declarations.QuickCases"/>) in the host process, before BenchmarkDotNet
/// builds or launches anything, so a bad setting is one line, not a stack trace per case. Each workload checks its
/// own settings (<see cref="IChecksSettings"/>); a real target is reached and its latency measured there.
/// </summary>
public static class ConfigurationCheck
{
    /// <summary>The variables AsyncBench reads, gathered from each part's <see cref="IChecksSettings"/>.</summary>
    public static IReadOnlyList<string> KnownVariables { get; } = [.. SettingsCatalog.All.SelectMany(part => part.Variables)];

    /// <summary>BenchmarkDotNet's --job names (its ConfigParser.AvailableJobs, case-insensitive).</summary>
    public static IReadOnlyList<string> JobNames { get; } = ["default", "dry", "short", "medium", "long", "verylong"];

    /// <summary>BenchmarkDotNet's job of that --job name (one of <see cref="JobNames"/>, checked before).</summary>
    public static Job JobNamed(string name) => name.ToLowerInvariant() switch
    {
        "dry" => Job.Dry,
        "short" => Job.ShortRun,
        "medium" => Job.MediumRun,
        "long" => Job.LongRun,
        "verylong" => Job.VeryLongRun,
        _ => Job.Default,
    };

    /// <summary>Null when everything is usable; otherwise the one line to print after "error: ".</summary>
    /// <param name="args">BenchmarkDotNet's options, --profile taken out.</param>
    /// <param name="profile">The run's profile, whose filter decides which benchmarks the run has.</param>
    public static string? Check(IReadOnlyList<string> args, string profile = Profiles.Quick)
    {
        return CheckJob(args)
            ?? Declarations.QuickCases.Check(BenchmarkClasses)
            ?? CheckUnknownVariables()
            ?? SettingsCatalog.All.Select(part => part.Check()).FirstOrDefault(problem => problem is not null)
            ?? CheckSlowdown(args, profile)
            ?? CheckCommittedSlowdown();
    }

    /// <summary>
    /// The committed fault injection (<see cref="InjectedSlowdown.FileName"/>, embedded in this build): its syntax, not
    /// together with the variable, and each rule against every benchmark of the suite (a nightly may select a part of it,
    /// but a rule that matches no benchmark at all is a typo that would pass a power trial unseen).
    /// </summary>
    private static string? CheckCommittedSlowdown()
    {
        if (InjectedSlowdown.CommittedText() is not { } text)
        {
            return null;
        }

        if (!InjectedSlowdown.TryParseCommitted(text, out var committed, out var error))
        {
            return error;
        }

        if (InjectedSlowdown.FromEnvironment().IsOn)
        {
            return $"{InjectedSlowdown.Variable} is set and this build commits {InjectedSlowdown.FileName}: one fault injection at a time. Unset the variable.";
        }

        var config = BenchmarkConfig.Create(Profiles.Full, withProfileJob: false);
        var names = BenchmarkClasses.SelectMany(t => BenchmarkConverter.TypeToBenchmarks(t, config).BenchmarksCases).Select(FullNameProvider.GetBenchmarkName).ToList();
        return committed.Rules.FirstOrDefault(rule => !names.Any(rule.Matches)) is { } unmatched
            ? $"{InjectedSlowdown.FileName}: '{unmatched.Pattern}' matches none of the suite's {names.Count} benchmark(s). A rule names full benchmark names, e.g. '*.SqlitePointLookupBenchmarks.Serial(Count: 100)=15'; correct it, or remove the file."
            : null;
    }

    /// <summary>
    /// The fault-injection setting: its syntax and range, then each rule against the benchmarks this run selects
    /// (its --filter and the profile's cut), so a rule that would slow nothing down fails instead of passing unseen.
    /// Last, because the profile's cut reads the real targets' latencies measured above.
    /// </summary>
    private static string? CheckSlowdown(IReadOnlyList<string> args, string profile)
    {
        if (!InjectedSlowdown.TryParse(Environment.GetEnvironmentVariable(InjectedSlowdown.Variable), out var slowdown, out var error))
        {
            return error;
        }

        if (!slowdown.IsOn || RunBenchmarkNames(args, profile) is not { } names)
        {
            return null;
        }

        return slowdown.Rules.FirstOrDefault(rule => !names.Any(rule.Matches)) is { } unmatched
            ? $"{InjectedSlowdown.Variable}='{Environment.GetEnvironmentVariable(InjectedSlowdown.Variable)}': '{unmatched.Pattern}' matches none of the {names.Count} benchmark(s) this run selects. " +
              "A rule names full benchmark names, e.g. '*.SqlitePointLookupBenchmarks.Serial(Count: 100)' (the FullName in the full JSON); correct it, widen --filter, or unset " + InjectedSlowdown.Variable + "."
            : null;
    }

    /// <summary>The full names of the benchmarks a run with these options selects; null when BenchmarkDotNet will reject the options itself.</summary>
    private static List<string>? RunBenchmarkNames(IReadOnlyList<string> args, string profile)
    {
        var (parsed, config, _) = ConfigParser.Parse([.. SuiteRunner.WithDefaultSelection([.. args])], NullLogger.Instance, BenchmarkConfig.Create(profile, withProfileJob: false));
        if (!parsed)
        {
            return null;
        }

        return [.. BenchmarkClasses
            .SelectMany(t => BenchmarkConverter.TypeToBenchmarks(t, config).BenchmarksCases)
            .Select(FullNameProvider.GetBenchmarkName)];
    }

    /// <summary>The suite's benchmark classes: public, concrete, with at least one [Benchmark] method.</summary>
    public static IReadOnlyList<Type> BenchmarkClasses { get; } =
        [.. typeof(ConfigurationCheck).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true } && t.GetMethods().Any(m => m.IsDefined(typeof(BenchmarkAttribute), inherit: true)))];

    private static string? CheckJob(IReadOnlyList<string> args) =>
        SuiteOptions.Take(args, SuiteOptions.Job).Values.FirstOrDefault(name => !JobNames.Contains(name, StringComparer.OrdinalIgnoreCase)) is { } name
            ? $"--job '{name}' is not a BenchmarkDotNet job; use one of: {string.Join(", ", JobNames)} (or --profile quick|full)."
            : null;

    private static string? CheckUnknownVariables()
    {
        foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>().Order(StringComparer.Ordinal))
        {
            if (name.StartsWith("ASYNCBENCH_", StringComparison.Ordinal) && !KnownVariables.Contains(name))
            {
                return $"{name}='{Environment.GetEnvironmentVariable(name)}' is not an AsyncBench setting (misspelt?); the settings are: {string.Join(", ", KnownVariables.Take(5))}. Unset it or correct its name.";
            }
        }

        return null;
    }
}
