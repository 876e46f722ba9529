using System.Diagnostics;
using System.Text.Json;
using AsyncBench.Benchmarks.Running;
using AsyncBench.Fixtures;

namespace AsyncBench.Tests.Running;

/// <summary>
/// The tests that read what BenchmarkDotNet runs of the benchmark program report: they share two runs
/// (<see cref="BenchmarkRuns"/>, made once when the collection starts, one after the other, since every run generates
/// and builds its benchmark project in the same folder beside AsyncBench.Benchmarks.dll, named by the job).
/// Every class of the collection carries the <see cref="StageTrait"/> trait: those tests build and launch the program
/// through BenchmarkDotNet for minutes, one run after the other, so the README's <c>dotnet test</c> leaves them out (the
/// test project's default filter) and <c>.ci/run</c> runs them as a stage of their own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BenchmarkProgramCollection : ICollectionFixture<BenchmarkRuns>
{
    public const string Name = "BenchmarkDotNet runs";

    /// <summary>The trait's name; AsyncBench.Tests.csproj's default filter and <c>.ci/run</c> name the same pair.</summary>
    public const string StageTrait = "Stage";

    /// <summary>The trait's value: <c>dotnet test tests/AsyncBench.Tests --filter Stage=BenchmarkDotNet</c> runs them.</summary>
    public const string Stage = "BenchmarkDotNet";
}

/// <summary>
/// Runs the real benchmark program (AsyncBench.Benchmarks.dll, as built beside the tests) in a process of its own,
/// so environment variables and BenchmarkDotNet's own processes stay out of the test host. Bounded by a timeout.
/// </summary>
public static class BenchmarkProgram
{
    /// <summary>
    /// Hang protection, never a timing assertion: past the suite's own build timeout for the restore and the build of
    /// the generated project (<see cref="BenchmarkConfig.BuildTimeout"/> each) and the run itself, so a slow build on a
    /// busy machine ends as the program reports it (its failure line names the timeout), not as this test's timeout.
    /// </summary>
    public static readonly TimeSpan Patience = (2 * BenchmarkConfig.BuildTimeout) + TimeSpan.FromMinutes(10);

    public sealed record Outcome(int ExitCode, string StandardOutput, string StandardError);

    public static async Task<Outcome> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var startInfo = new ProcessStartInfo
        {
            FileName = FixtureHostProcess.DotnetMuxerPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // BenchmarkDotNet looks for the benchmarks' .csproj from the working directory: the repository's root.
            WorkingDirectory = RepositoryRoot(),
        };
        startInfo.ArgumentList.Add(typeof(SuiteRunner).Assembly.Location);
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        foreach (var name in startInfo.Environment.Keys.Where(k => k.StartsWith("ASYNCBENCH_", StringComparison.Ordinal)).ToList())
        {
            startInfo.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            startInfo.Environment[name] = value;
        }

        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(Patience);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The benchmark program did not finish within {Patience.TotalMinutes} min: {await stdout}");
        }

        return new Outcome(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// The program stopped before BenchmarkDotNet started, as bad input must: exit 2, one <c>error:</c> line naming
    /// <paramref name="name"/> and its <paramref name="value"/>, no stack trace, nothing else written.
    /// </summary>
    public static void AssertStoppedWithOneErrorLine(Outcome outcome, string name, string value)
    {
        Assert.Equal(2, outcome.ExitCode);
        var line = Assert.Single(outcome.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(name, line, StringComparison.Ordinal);
        Assert.Contains(value, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.StandardError, StringComparison.Ordinal);
        Assert.Equal(string.Empty, outcome.StandardOutput.Trim());
    }

    /// <summary>Every benchmark of the full JSON reports in <paramref name="resultsFolder"/>: "Type.Method(Parameters)" → metric Id → value.</summary>
    public static Dictionary<string, Dictionary<string, double>> ReadMetrics(string resultsFolder)
    {
        var cases = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(resultsFolder, "*-report-full.json"))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var benchmark in document.RootElement.GetProperty("Benchmarks").EnumerateArray())
            {
                var name = $"{benchmark.GetProperty("Type").GetString()}.{benchmark.GetProperty("Method").GetString()}({benchmark.GetProperty("Parameters").GetString()})";
                // A failed case has no Metrics: it reads as none, and the run's exit code says why.
                cases[name] = !benchmark.TryGetProperty("Metrics", out var metrics) ? [] : metrics.EnumerateArray()
                    .Where(m => m.GetProperty("Value").ValueKind == JsonValueKind.Number)
                    .ToDictionary(m => m.GetProperty("Descriptor").GetProperty("Id").GetString()!, m => m.GetProperty("Value").GetDouble());
            }
        }

        return cases;
    }

    /// <summary>Each metric's descriptor as BenchmarkDotNet wrote it in the full JSON reports (the first of each id), by id.</summary>
    public static Dictionary<string, JsonElement> ReadDescriptors(string resultsFolder)
    {
        var descriptors = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(resultsFolder, "*-report-full.json"))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var benchmark in document.RootElement.GetProperty("Benchmarks").EnumerateArray())
            {
                foreach (var descriptor in benchmark.TryGetProperty("Metrics", out var metrics) ? metrics.EnumerateArray().Select(m => m.GetProperty("Descriptor")) : [])
                {
                    descriptors.TryAdd(descriptor.GetProperty("Id").GetString()!, descriptor.Clone());
                }
            }
        }

        return descriptors;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "AsyncBench.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No AsyncBench.sln above {AppContext.BaseDirectory}.");
    }
}
