using System.Globalization;
using System.Text.Json;
using AsyncBench.Protocol;
using AsyncBench.Publishing.Reading.FullJson;

namespace AsyncBench.Publishing.Reading;

/// <summary>
/// Reads BenchmarkDotNet full JSON reports (<c>*-report-full.json</c>, typed as <see cref="FullJsonReport"/>) as they really are: parameters
/// as one <c>A=1&amp;B=x</c> string, <c>Statistics</c> null for a failed benchmark, NaN and infinities
/// written as empty strings, all times in nanoseconds, no baseline, ratio or category fields (those come
/// from the declarations sidecar, <see cref="RunDeclarations"/>). Any BenchmarkDotNet project's reports read.
/// </summary>
public static class ReportReader
{
    public const string ReportPattern = "*-report-full.json";

    /// <summary>
    /// Reads every report in <paramref name="directory"/>, or in its <c>raw/</c> folder (where a
    /// published run keeps its inputs), so both an artifacts folder and a published run can be read.
    /// </summary>
    /// <param name="directory">The folder.</param>
    /// <param name="severalJobs">
    /// True for an A/B run, whose benchmarks appear once per job; otherwise a benchmark seen twice is an error
    /// (two runs' reports in one folder).
    /// </param>
    public static BenchmarkRun ReadDirectory(string directory, bool severalJobs = false)
    {
        if (!Directory.Exists(directory))
        {
            throw new PublishException($"The folder '{directory}' does not exist. Pass the folder holding BenchmarkDotNet's {ReportPattern} files (BenchmarkDotNet.Artifacts/results), or a published run folder.");
        }

        var files = FindReports(directory);
        if (files.Count == 0)
        {
            throw new PublishException($"No BenchmarkDotNet full JSON reports ({ReportPattern}) in '{directory}' or its raw/ folder. Run the benchmarks first; the suite's config exports them (JsonExporter.Full).");
        }

        var results = new List<BenchmarkResult>();
        var described = new List<DeclaredMetric>();
        var environments = new List<(string File, RunEnvironment Environment)>();
        DateTime? started = null;
        foreach (var file in files)
        {
            var report = ReadFile(file);
            environments.Add((file, report.Environment));
            results.AddRange(report.Results);
            described.AddRange(report.Described);
            // The run started when its first report's run did (each report's title carries its own start).
            if (report.Started is { } s && (started is null || s < started))
            {
                started = s;
            }
        }

        if (results.Count == 0)
        {
            throw new PublishException($"The reports in '{directory}' hold no benchmarks (the run matched nothing or was interrupted). Run the benchmarks again.");
        }

        var duplicate = results.GroupBy(r => severalJobs ? $"{r.Id.Key} {r.Job}" : r.Id.Key).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            var jobs = duplicate.Select(r => r.Job).Distinct().ToList();
            throw new PublishException(jobs.Count > 1
                ? $"The reports in '{directory}' hold the benchmark {duplicate.First().Id} once per job ({string.Join(", ", jobs)}): an A/B run. Compare its versions with the 'ab' command."
                : $"The reports in '{directory}' hold the benchmark {duplicate.First().Id} more than once. Keep one run's reports per folder.");
        }

        var first = environments[0].Environment;
        var differences = environments.Skip(1)
            .Where(e => e.Environment != first)
            .Select(e => $"{Path.GetFileName(e.File)} ran on {Describe(e.Environment)}")
            .ToList();
        // Sidecars sit beside the reports they declare (the artifacts folder, or a published run's raw/).
        var declarations = RunDeclarations.Read(Path.GetDirectoryName(files[0])!, described);
        // A case whose target drew its delays from a distribution (the run's --latency) is not the case at its fixed
        // LatencyMs: its id carries the distribution, so runs never line a tail case up with a fixed one.
        results = [.. results.Select(r => declarations.Latency(r) is { } latency ? r with { Id = r.Id.With(BenchmarkId.LatencyParameter, latency) } : r)];
        // So is a case measured under an error budget (its failed units counted, not failing it): never lined up with one without.
        results = [.. results.Select(r => declarations.ErrorBudget(r) is { } budget ? r with { Id = r.Id.With(BenchmarkId.ErrorBudgetParameter, budget) } : r)];
        return new BenchmarkRun(directory, files, first, differences, started, results) { Declarations = declarations };
    }

    public static IReadOnlyList<string> FindReports(string directory)
    {
        var files = Directory.GetFiles(directory, ReportPattern, SearchOption.TopDirectoryOnly);
        var raw = Path.Combine(directory, "raw");
        if (files.Length == 0 && Directory.Exists(raw))
        {
            files = Directory.GetFiles(raw, ReportPattern, SearchOption.TopDirectoryOnly);
        }

        return [.. files.OrderBy(f => f, StringComparer.Ordinal)];
    }

    public static string Describe(RunEnvironment environment) =>
        $"{environment.Processor}, {environment.LogicalCores} logical cores, {environment.OperatingSystem}, {environment.Runtime}";

    private sealed record Report(RunEnvironment Environment, DateTime? Started, List<BenchmarkResult> Results, List<DeclaredMetric> Described);

    private static Report ReadFile(string file)
    {
        var name = Path.GetFileName(file);
        try
        {
            using var stream = File.OpenRead(file);
            using var document = JsonDocument.Parse(stream);
            var root = document.RootElement;
            // What the file must have to be a report at all is checked on the document: a part present but of the
            // wrong kind reads as absent in the contract, and these two say which it is.
            Required(root, "HostEnvironmentInfo", name);
            if (Required(root, "Benchmarks", name).ValueKind != JsonValueKind.Array)
            {
                throw new PublishException($"The report '{name}' is not a BenchmarkDotNet full JSON report: 'Benchmarks' is not a list.");
            }

            var report = root.Deserialize<FullJsonReport>(ReportJson.Options)!;
            var host = report.HostEnvironmentInfo ?? new HostEnvironmentInfo();
            var environment = new RunEnvironment(
                host.ProcessorName ?? string.Empty,
                (int)(host.PhysicalCoreCount ?? 0),
                (int)(host.LogicalCoreCount ?? 0),
                host.OsVersion ?? string.Empty,
                host.RuntimeVersion ?? string.Empty,
                host.Architecture ?? string.Empty,
                host.BenchmarkDotNetVersion ?? string.Empty);
            var benchmarks = report.Benchmarks ?? [];
            var results = benchmarks.Select(b => ReadBenchmark(b, name)).ToList();
            return new Report(environment, StartedFrom(report.Title ?? string.Empty), results, Described(benchmarks));
        }
        catch (NotANumberException e)
        {
            throw new PublishException($"The report '{file}' is not in BenchmarkDotNet's full JSON format ('{e.Field}' is {e.Kind}, not a number). Delete it or run the benchmarks again.", e);
        }
        catch (JsonException e)
        {
            throw new PublishException($"The report '{file}' is not valid JSON ({e.Message.Split('.')[0]}); it may be truncated by an interrupted run. Delete it or run the benchmarks again.", e);
        }
        catch (IOException e)
        {
            throw new PublishException($"The report '{file}' cannot be read: {e.Message}", e);
        }
    }

    private static BenchmarkResult ReadBenchmark(Benchmark benchmark, string file)
    {
        var id = new BenchmarkId(
            benchmark.Namespace ?? string.Empty,
            RequiredText(benchmark.Type, "Type", file),
            RequiredText(benchmark.Method, "Method", file),
            ParseParameters(benchmark.Parameters ?? string.Empty));

        TimeStatistics? statistics = null;
        if (benchmark.Statistics is { } s)
        {
            var interval = s.ConfidenceInterval;
            statistics = new TimeStatistics(
                s.Median ?? double.NaN,
                s.Mean ?? double.NaN,
                s.StandardError ?? double.NaN,
                interval?.Lower ?? double.NaN,
                interval?.Upper ?? double.NaN,
                interval?.Level is { } level ? LevelPercent(level) : double.NaN,
                (int)(s.N ?? 0));
        }

        var (all, allocated) = ReadMetrics(benchmark.Metrics, benchmark.Memory);
        var operations = (long)(benchmark.Memory?.TotalOperations ?? 0);
        var fullName = benchmark.FullName ?? string.Empty;
        var (measured, launches) = Measurements(benchmark);
        var perLaunch = (benchmark.LaunchMetrics ?? [])
            .Select((l, i) => (Launch: (int)(l.LaunchIndex ?? (i + 1)), Read: ReadMetrics(l.Metrics, l.Memory)))
            .OrderBy(l => l.Launch)
            .Select(l => new LaunchCounts(l.Launch, l.Read.Allocated, l.Read.Metrics))
            .ToList();
        return new BenchmarkResult(
            id, statistics, allocated, all.TryGetValue(BuiltInMetrics.WorkItems, out var workItems) ? workItems : null,
            all.TryGetValue(BuiltInMetrics.LockContentions, out var contentions) ? contentions : null, measured, all, launches)
        {
            FullName = fullName.Length > 0 ? fullName : id.Key,
            Operations = operations,
            MeasuredNs = (benchmark.Measurements ?? []).Where(m => m.IterationStage != "Result" && m.Nanoseconds is { } ns && double.IsFinite(ns)).Sum(m => m.Nanoseconds!.Value),
            Job = JobOf(benchmark.DisplayInfo ?? string.Empty),
            JobSettings = JobSettingsOf(benchmark.DisplayInfo ?? string.Empty),
            PerLaunch = perLaunch,
        };
    }

    /// <summary>Every finite metric by id, and the allocated bytes per operation (the memory section's, else the metric's).</summary>
    private static (Dictionary<string, double> Metrics, double? Allocated) ReadMetrics(List<Metric>? metrics, Memory? memory)
    {
        var allocated = memory?.BytesAllocatedPerOperation;
        var all = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var metric in metrics ?? [])
        {
            var metricId = metric.Descriptor?.Id ?? string.Empty;
            if (metricId.Length > 0 && metric.Value is { } v && double.IsFinite(v))
            {
                all[metricId] = v;
            }

            if (metricId == BuiltInMetrics.Allocated && allocated is null)
            {
                allocated = metric.Value;
            }
        }

        return (all, Finite(allocated));
    }

    /// <summary>
    /// Each metric as the report's own descriptor describes it (<c>Benchmarks[].Metrics[].Descriptor</c>: BenchmarkDotNet
    /// writes the descriptor's public properties, so the suite's carry their legend, phrase, source and cell too), first
    /// description of each id. The aggregation is not written there.
    /// </summary>
    private static List<DeclaredMetric> Described(List<Benchmark> benchmarks) =>
        [.. benchmarks
            .SelectMany(b => b.Metrics ?? [])
            .Select(m => m.Descriptor)
            .OfType<MetricDescriptor>()
            .Where(d => d.Id is { Length: > 0 })
            .DistinctBy(d => d.Id, StringComparer.Ordinal)
            .Select(d => new DeclaredMetric(
                d.Id!,
                d.DisplayName is { Length: > 0 } displayName ? displayName : d.Id!,
                d.Unit ?? string.Empty,
                d.Legend ?? string.Empty,
                string.Empty,
                d.Phrase is { Length: > 0 } phrase ? phrase : null,
                d.Source is { Length: > 0 } source ? source : null,
                d.Cell is { Length: > 0 } cell ? cell : null,
                d.ValueNames?.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal)))];

    /// <summary>
    /// The workload's result measurements (overhead already subtracted), in ns per operation, and the
    /// launch (process) each came from: a run with several launches carries the between-process spread.
    /// </summary>
    private static (List<double> Ns, List<int> Launches) Measurements(Benchmark benchmark)
    {
        var all = benchmark.Measurements ?? [];
        var result = all.Where(m => m.IterationMode == "Workload" && m.IterationStage == "Result").ToList();
        if (result.Count == 0)
        {
            result = all.Where(m => m.IterationMode == "Workload" && m.IterationStage == "Actual").ToList();
        }

        var valid = result
            .Select(m => (Launch: (int)(m.LaunchIndex ?? 1), Operations: m.Operations ?? 0, Ns: m.Nanoseconds ?? double.NaN))
            .Where(m => m.Operations > 0 && double.IsFinite(m.Ns))
            .ToList();
        return ([.. valid.Select(m => m.Ns / m.Operations)], [.. valid.Select(m => m.Launch)]);
    }

    /// <summary>
    /// The job's id in BenchmarkDotNet's <c>DisplayInfo</c>, <c>Type.Method: JobId(characteristics) [parameters]</c>
    /// (BenchmarkCase.DisplayInfo and Job.DisplayInfo); empty when absent.
    /// </summary>
    public static string JobOf(string displayInfo)
    {
        var job = JobSettingsOf(displayInfo);
        var end = job.IndexOfAny(['(', ' ']);
        return end < 0 ? job : job[..end];
    }

    /// <summary>
    /// The job with its characteristics as <c>DisplayInfo</c> shows them, e.g. <c>Evidence(IterationTime=50ms, LaunchCount=1,
    /// WarmupCount=0)</c>: what a launch of the case ran; empty when absent.
    /// </summary>
    public static string JobSettingsOf(string displayInfo)
    {
        var start = displayInfo.IndexOf(": ", StringComparison.Ordinal);
        if (start < 0)
        {
            return string.Empty;
        }

        var job = displayInfo[(start + 2)..];
        var end = job.IndexOf(" [", StringComparison.Ordinal);
        return end < 0 ? job : job[..end];
    }

    /// <summary>BenchmarkDotNet writes <c>Count=1&amp;LatencyMs=0&amp;maxDegreeOfParallelism=-1</c>.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ParseParameters(string parameters) =>
        [.. parameters.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(parts => new KeyValuePair<string, string>(parts[0], parts.Length > 1 ? parts[1] : string.Empty))];

    /// <summary>The start time in the title, e.g. <c>AsyncBench.Benchmarks.Http.HttpBenchmarks-20261125-024533</c>.</summary>
    public static DateTime? StartedFrom(string title)
    {
        if (title.Length < 15)
        {
            return null;
        }

        return DateTime.TryParseExact(title[^15..], "yyyyMMdd-HHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var started)
            ? started
            : null;
    }

    /// <summary>Perfolizer's ConfidenceLevel enum, as BenchmarkDotNet writes it: L50 = 0 ... L999 = 12 (its default, 99.9%).</summary>
    private static double LevelPercent(double level) =>
        level >= 0 && level < Levels.Length && level == Math.Floor(level) ? Levels[(int)level] : double.NaN;

    private static readonly double[] Levels = [50, 70, 75, 80, 85, 90, 92, 95, 96, 97, 98, 99, 99.9, 99.99, 99.999, 99.9999];

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    private static JsonElement Required(JsonElement element, string name, string file) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value
            : throw new PublishException($"The report '{file}' is not a BenchmarkDotNet full JSON report: it has no '{name}'. Delete it or run the benchmarks again.");

    private static string RequiredText(string? text, string name, string file) =>
        text is { Length: > 0 }
            ? text
            : throw new PublishException($"The report '{file}' has a benchmark without '{name}'; it is not a BenchmarkDotNet full JSON report.");
}
