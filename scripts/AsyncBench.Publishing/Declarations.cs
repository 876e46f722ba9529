using System.Text.Json;
using System.Text.Json.Serialization;
using AsyncBench.Protocol;

namespace AsyncBench.Publishing;

/// <summary>
/// The declarations sidecars of a run (<c>*-report-asyncbench.json</c>, written by the suite's
/// DeclarationsExporter beside each full JSON report): baselines, categories, rules and rule
/// comparisons. A report without one publishes all the same, with "no baseline declared".
/// </summary>
public sealed class RunDeclarations
{
    public static readonly RunDeclarations None = new([], [], [], []);

    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    private readonly Dictionary<string, DeclaredBenchmark> benchmarks;

    public RunDeclarations(IEnumerable<DeclaredBenchmark> benchmarks, IEnumerable<DeclaredRule> rules, IEnumerable<DeclaredComparison> comparisons, IReadOnlyList<string> files)
    {
        this.benchmarks = benchmarks.GroupBy(b => b.FullName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        Rules = [.. rules.GroupBy(r => r.Number).Select(g => g.First()).OrderBy(r => r.Number)];
        Comparisons = [.. comparisons.Distinct()];
        Files = files;
    }

    public IReadOnlyList<DeclaredRule> Rules { get; }

    public IReadOnlyList<DeclaredComparison> Comparisons { get; }

    public IReadOnlyList<string> Files { get; }

    /// <summary>Whether the benchmark's sidecar declared anything about it (so a missing baseline means none was declared).</summary>
    public bool Declares(BenchmarkResult result) => benchmarks.ContainsKey(result.FullName);

    public bool IsBaseline(BenchmarkResult result) => benchmarks.TryGetValue(result.FullName, out var declared) && declared.Baseline;

    public IReadOnlyList<string> Categories(BenchmarkResult result) =>
        benchmarks.TryGetValue(result.FullName, out var declared) ? declared.Categories : [];

    /// <summary>Whether the benchmark is a declared canary (a probe of the machine no dependency can move).</summary>
    public bool IsCanary(BenchmarkResult result) => benchmarks.TryGetValue(result.FullName, out var declared) && declared.Canary;

    /// <summary>The slowdown injected into the benchmark on purpose (ASYNCBENCH_SLOWDOWN), in percent; null when none was.</summary>
    public double? InjectedSlowdownPercent(BenchmarkResult result) =>
        benchmarks.TryGetValue(result.FullName, out var declared) ? declared.InjectedSlowdownPercent : null;

    /// <summary>The benchmarks slowed down on purpose, by full name: a run with any is a fault-injection run.</summary>
    public IReadOnlyList<DeclaredBenchmark> Injected =>
        [.. benchmarks.Values.Where(b => b.InjectedSlowdownPercent is not null).OrderBy(b => b.FullName, StringComparer.Ordinal)];

    /// <summary>Reads every sidecar in <paramref name="directory"/> (same folder as the reports).</summary>
    public static RunDeclarations Read(string directory)
    {
        var files = Directory.GetFiles(directory, "*" + ReportDeclarations.FileSuffix, SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            return None;
        }

        var read = new List<ReportDeclarations>();
        foreach (var file in files)
        {
            try
            {
                var declarations = JsonSerializer.Deserialize<ReportDeclarations>(File.ReadAllText(file), Json);
                if (declarations is null || declarations.Format != ReportDeclarations.CurrentFormat)
                {
                    throw new PublishException($"The declarations file '{file}' is not in the format {ReportDeclarations.CurrentFormat}. Run the benchmarks again with this version of the suite, or delete the file.");
                }

                read.Add(declarations);
            }
            catch (JsonException e)
            {
                throw new PublishException($"The declarations file '{file}' is not valid ({e.Message.Split('.')[0]}). Run the benchmarks again, or delete the file.", e);
            }
        }

        return new RunDeclarations(
            read.SelectMany(d => d.Benchmarks ?? []),
            read.SelectMany(d => d.Rules ?? []),
            read.SelectMany(d => d.Comparisons ?? []),
            files);
    }
}
