using System.Text.RegularExpressions;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace AsyncBench.Benchmarks.Running;

/// <summary>Runs the suite and turns what happened into an exit code: 0 only when every benchmark ran and passed its checks.</summary>
public static partial class SuiteRunner
{
    private static readonly string[] InformationalOptions = ["--list", "--help", "-h", "-?", "--version", "--info"];

    /// <summary>BenchmarkDotNet's options that select benchmarks; without one it would ask on the console which to run.</summary>
    private static readonly string[] SelectionOptions = ["--filter", "-f", "--anyCategories", "--allCategories", "--attribute", "-a"];

    public static int Run(string[] args)
    {
        if (Declarations.DeclarationsOnly.TryRun(args) is { } exported)
        {
            return exported;
        }

        if (!TryTakeProfile(args, out var profile, out var rest, out var error) || !AbRun.TryTake(rest, out var ab, out rest, out error)
            || !PairedRun.TryTake(rest, profile, out var paired, out rest, out error) || !NightPass.TryTake(rest, profile, out var pass, out rest, out error)
            || !LatencyOptions.TryTake(rest, out var latency, out rest, out error) || !ParamsOverride.TryTake(rest, out var parameters, out rest, out error)
            || !ErrorBudgetOption.TryTake(rest, out var budget, out rest, out error) || !ServerLimitOption.TryTake(rest, out var serverLimit, out rest, out error))
        {
            Console.Error.WriteLine($"error: {error}");
            return 2;
        }

        if (paired is not null && ab is not null)
        {
            Console.Error.WriteLine($"error: {AbRun.Option} and {PairedRun.BaseOption} are two kinds of pairs (package versions, commits); run one at a time.");
            return 2;
        }

        var reviewerSetting = ReviewerRun.Describe(parameters, latency, budget, serverLimit);
        if (ReviewerRun.CheckProfile(profile, reviewerSetting) is { } mixed)
        {
            Console.Error.WriteLine($"error: {mixed}");
            return 2;
        }

        if (pass is not null && pass.Classes().Count == 0)
        {
            // scripts/nightly.sh runs passes until one has no class: that is how a night ends, not an error.
            Console.WriteLine($"== pass {pass.Pass} of a night of {pass.Passes}: no benchmark class has {pass.Pass} or more nightly launches; nothing to run.");
            return 0;
        }

        var informational = rest.Any(a => InformationalOptions.Contains(a, StringComparer.OrdinalIgnoreCase));
        // The budget before the check: a real target's probe there counts a failed GET as the cases will, not as a dead server.
        ErrorBudgetOption.Export(budget);
        if (!informational && ConfigurationCheck.Check(rest, profile) is { } problem)
        {
            ErrorBudgetOption.Export(0);
            Console.Error.WriteLine($"error: {problem}");
            return 2;
        }

        var switcher = BenchmarkSwitcher.FromAssembly(typeof(SuiteRunner).Assembly);
        rest = WithDefaultSelection(rest);
        var namesJob = SuiteOptions.Take(rest, SuiteOptions.Job).Values.Count > 0;
        if (informational)
        {
            parameters = null; // --list and --help show the declared cases
        }

        if (parameters is not null && parameters.Plan(rest, BenchmarkConfig.Create(profile, withProfileJob: !namesJob, null, ab, pass, reviewersParams: true), ConfigurationCheck.BenchmarkClasses, out var badParameter) is null)
        {
            ErrorBudgetOption.Export(0);
            Console.Error.WriteLine($"error: {badParameter}");
            return 2;
        }

        // The benchmark processes inherit this variable and leave their observations there (Observing.CaseObserver).
        var observations = Directory.CreateTempSubdirectory("asyncbench-observations-");
        var previous = Environment.GetEnvironmentVariable(Observing.CaseObserver.DirectoryVariable);
        Environment.SetEnvironmentVariable(Observing.CaseObserver.DirectoryVariable, observations.FullName);
        // An A/B run's benchmark processes record which version of the package's assembly they loaded.
        Environment.SetEnvironmentVariable(AbRun.AssemblyVariable, ab?.Assembly);
        // The run's distribution, for the benchmark processes' targets and the declarations sidecar.
        LatencyOptions.Export(latency);
        ServerLimitOption.Export(serverLimit);
        Environment.SetEnvironmentVariable(ReviewerRun.Variable, reviewerSetting);
        // The profile's runtime settings, for every benchmark process (and the fixture host each starts).
        var runtimeSettings = Profiles.RuntimeSettings(profile);
        var previousRuntime = runtimeSettings.Select(s => Environment.GetEnvironmentVariable(s.Key)).ToList();
        foreach (var (name, value) in runtimeSettings)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        var runtimeLine = runtimeSettings.Count == 0 ? null : $"Runtime settings of profile {profile}: {string.Join(", ", runtimeSettings.Select(s => $"{s.Key}={s.Value}"))}";
        foreach (var line in new[] { latency?.Describe(), ErrorBudgetOption.Describe(budget), ServerLimitOption.Describe(serverLimit), runtimeLine }.OfType<string>())
        {
            Console.WriteLine(line);
        }

        List<Summary> summaries;
        var started = DateTime.UtcNow;
        try
        {
            var config = BenchmarkConfig.Create(profile, withProfileJob: !namesJob, observations.FullName, ab, pass, paired, reviewersParams: parameters is not null);
            summaries = parameters is null
                ? [.. switcher.Run(rest, config)]
                : [.. BenchmarkRunner.Run(parameters.Plan(rest, config, ConfigurationCheck.BenchmarkClasses, out _)!)]; // checked above: the same options
        }
        finally
        {
            Environment.SetEnvironmentVariable(Observing.CaseObserver.DirectoryVariable, previous);
            Environment.SetEnvironmentVariable(AbRun.AssemblyVariable, null);
            LatencyOptions.Export(null);
            ErrorBudgetOption.Export(0);
            ServerLimitOption.Export(null);
            Environment.SetEnvironmentVariable(ReviewerRun.Variable, null);
            for (var i = 0; i < runtimeSettings.Count; i++)
            {
                Environment.SetEnvironmentVariable(runtimeSettings[i].Key, previousRuntime[i]);
            }

            observations.Delete(recursive: true);
        }

        if (informational)
        {
            return 0;
        }

        // A critical validation error (e.g. a class without a category) leaves a summary without cases: say that, not "no match".
        var invalid = summaries.SelectMany(s => s.ValidationErrors).Where(v => v.IsCritical).ToList();
        if (invalid.Count > 0 && summaries.All(s => s.BenchmarksCases.Length == 0))
        {
            Console.Error.WriteLine($"error: {invalid.Count} benchmark validation error(s), nothing ran: {invalid[0].Message.ReplaceLineEndings(" ")}");
            return 1;
        }

        if (pass is not null && summaries.All(s => s.BenchmarksCases.Length == 0))
        {
            // The filter leaves no class of this pass (e.g. NIGHTLY_FILTER names none that has this many launches): the night's passes end.
            Console.WriteLine($"== pass {pass.Pass} of a night of {pass.Passes}: none of the selected benchmarks has {pass.Pass} or more nightly launches; nothing to run.");
            return 0;
        }

        if (summaries.Count == 0 || summaries.All(s => s.BenchmarksCases.Length == 0))
        {
            Console.Error.WriteLine("error: no benchmark ran. The options were not understood or the filter matched nothing. The benchmarks are:");
            foreach (var name in BenchmarkNames())
            {
                Console.Error.WriteLine("  " + name);
            }

            Console.Error.WriteLine("Filter with e.g. --filter '*Http*' (see --list flat).");
            return 1;
        }

        if (paired is not null)
        {
            var artifacts = Path.GetDirectoryName(Path.GetFullPath(summaries[0].ResultsDirectoryPath))!;
            var round = Path.Combine(artifacts, PairedRun.RoundFile);
            paired.WriteRound(round, summaries, started, DateTime.UtcNow);
            paired.WriteHeadLaunches(summaries[0].ResultsDirectoryPath, Path.Combine(artifacts, PairedRun.HeadLaunchesFolder));
            Console.WriteLine($"== paired run: {paired.Slots} slot(s) of {paired.Side} and head launches, seed {paired.Seed}; the round's record: {round}");
        }
        else if (ab is not null)
        {
            Console.WriteLine($"To compare the two versions, paired by round:{Environment.NewLine}  dotnet run --project scripts/AsyncBench.Publish -- ab {summaries[0].ResultsDirectoryPath}");
        }
        else if (PublishCommand.For(summaries[0].ResultsDirectoryPath, AppContext.BaseDirectory) is { } publish)
        {
            Console.WriteLine($"To turn this run into pages (tables, charts, the rules' verdicts; failed benchmarks listed):{Environment.NewLine}  {publish}");
        }

        var failures = Failures(summaries).ToList();
        if (failures.Count > 0)
        {
            Console.Error.WriteLine($"error: {failures.Count} benchmark(s) failed; their times, if any, are not valid:");
            foreach (var failure in failures)
            {
                Console.Error.WriteLine("  " + failure);
            }

            return 1;
        }

        return 0;
    }

    /// <summary>Every failed case with its cause: a critical validation error, a build or run failure, or a benchmark that threw.</summary>
    public static IEnumerable<string> Failures(IEnumerable<Summary> summaries)
    {
        foreach (var summary in summaries)
        {
            foreach (var validation in summary.ValidationErrors.Where(v => v.IsCritical))
            {
                yield return $"{validation.BenchmarkCase?.DisplayInfo ?? summary.Title}: {validation.Message}";
            }

            foreach (var benchmark in summary.BenchmarksCases)
            {
                var report = summary[benchmark];
                if (report is null || !report.Success || report.ExecuteResults.Any(r => r.ExitCode is not 0))
                {
                    yield return $"{benchmark.Descriptor.DisplayInfo} [{benchmark.Parameters.DisplayInfo}]: {Cause(report)}";
                }
            }
        }
    }

    /// <summary>
    /// Why a case failed, in one line, from what BenchmarkDotNet kept of it: its build's own error (a timeout, a
    /// compiler error), or the innermost exception its benchmark process printed (the workload's check, a fixture that
    /// would not start), or how its process ended. The log above has the whole story; this line says where to look.
    /// </summary>
    public static string Cause(BenchmarkReport? report)
    {
        if (report is null)
        {
            return "it has no report: the run stopped before it (see the log above)";
        }

        if (!report.GenerateResult.IsGenerateSuccess)
        {
            return $"generating its project failed: {report.GenerateResult.GenerateException?.Message.ReplaceLineEndings(" ") ?? "no reason given"}";
        }

        if (!report.BuildResult.IsBuildSuccess)
        {
            var lines = (report.BuildResult.ErrorMessage ?? string.Empty).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var line = lines.FirstOrDefault(l => l.StartsWith("The configured timeout", StringComparison.Ordinal))
                ?? lines.FirstOrDefault(l => l.Contains(": error ", StringComparison.Ordinal));
            return $"its build failed: {line ?? "see the build output above"}";
        }

        // The benchmark process writes through BenchmarkDotNet's pipe (Results), or to its standard output without one.
        var printed = report.ExecuteResults.SelectMany(r => r.Results.Concat(r.StandardOutput))
            .Select(l => ExceptionLine().Match(l))
            .LastOrDefault(m => m.Success);
        if (printed is not null)
        {
            return $"it threw {printed.Groups["line"].Value}";
        }

        var exitCode = report.ExecuteResults.Select(r => r.ExitCode).FirstOrDefault(c => c is not 0);
        return exitCode is not null
            ? $"its process exited with code {exitCode} and printed no exception"
            : "its process reported no measurement and printed no exception";
    }

    /// <summary>
    /// A line of an exception as .NET prints it (Exception.ToString): "Namespace.SomeException: message", an inner one
    /// after " ---> ". The last such line a benchmark process printed is the innermost exception, the one that says why.
    /// </summary>
    [GeneratedRegex(@"^\s*(?:---> )?(?<line>[A-Za-z_][\w.`+]*(?:Exception|Error): .*)$")]
    private static partial Regex ExceptionLine();

    /// <summary>
    /// The whole suite when the command line selects nothing: the README's plain run command runs
    /// every benchmark instead of waiting for an answer on the console (which CI never gives).
    /// </summary>
    public static string[] WithDefaultSelection(string[] args) =>
        args.Any(a => SelectionOptions.Contains(a.Split('=')[0], StringComparer.Ordinal)) ? args : [.. args, "--filter", "*"];

    /// <summary>Takes <see cref="Profiles.Option"/> out of <paramref name="args"/> (the last one given wins); false with the error line when its value is not a profile.</summary>
    public static bool TryTakeProfile(string[] args, out string profile, out string[] rest, out string error)
    {
        var (values, kept) = SuiteOptions.Take(args, Profiles.Option);
        profile = Profiles.Quick;
        rest = [];
        error = string.Empty;
        foreach (var value in values)
        {
            if (!Profiles.Names.Contains(value))
            {
                error = $"{Profiles.Option} takes one of: {string.Join(", ", Profiles.Names)}" + (value.Length > 0 ? $" (got '{value}')." : ".");
                return false;
            }

            profile = value;
        }

        rest = kept;
        return true;
    }

    private static IEnumerable<string> BenchmarkNames() =>
        typeof(SuiteRunner).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.GetMethods().Any(m => m.IsDefined(typeof(BenchmarkDotNet.Attributes.BenchmarkAttribute), true)))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => t.FullName!);
}
