using System.Text.Json;
using System.Text.Json.Nodes;
using AsyncBench.Protocol;
using AsyncBench.Publishing.Reading;
using Perfolizer.Mathematics.Distributions.ContinuousDistributions;
using Perfolizer.Mathematics.QuantileEstimators;
using Pragmastat;

namespace AsyncBench.Publishing.Passes;

/// <summary>
/// Joins the passes of one run into one set of full JSON reports, each pass's launch a launch of the run. The nightly
/// runs the suite several times with one launch per case (<c>scripts/nightly.sh</c>, <c>NIGHTLY_PASSES</c>), so a case's
/// launches are spread over the run instead of back to back: what drifts within the hour shows as spread between
/// launches, where the gate and the claims' intervals see it, instead of as an unexplained difference between runs.
/// Measured (file reads + point lookups, 56 cases, two runs per design): a case's change between runs 9.5 % with five
/// launches back to back, 4.8 % with five passes of one launch.
/// </summary>
public static class PassMerger
{
    /// <summary>
    /// Writes into <paramref name="outputDirectory"/> one <c>*-report-full.json</c> per class: every pass's benchmarks,
    /// measurements renumbered so pass p's launch l is launch (p − 1) × L + l (L the most launches any pass had), the
    /// statistics recomputed over all passes' result measurements as BenchmarkDotNet computes them, the metrics and
    /// memory of the last pass that measured the case (BenchmarkDotNet too keeps the last launch's) and every pass's own
    /// under <c>LaunchMetrics</c>, and the first
    /// pass's title and host. A benchmark that failed in any pass (no statistics) is failed in the merged run. The declarations sidecars are copied from the first pass that has them.
    /// </summary>
    /// <returns>The number of benchmarks written.</returns>
    public static int Merge(IReadOnlyList<string> passDirectories, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(passDirectories);
        if (passDirectories.Count < 2)
        {
            throw new PublishException($"merge-passes needs at least two pass folders; it got {passDirectories.Count}. Pass each pass's BenchmarkDotNet results folder.");
        }

        var passes = passDirectories.Select(ReadPass).ToList();
        if (Directory.Exists(outputDirectory) && Directory.EnumerateFileSystemEntries(outputDirectory).Any())
        {
            throw new PublishException($"The output folder '{outputDirectory}' is not empty; merge-passes writes a new folder and overwrites nothing. Name a new folder.");
        }

        var launchesPerPass = passes.SelectMany(p => p.Reports.Values).SelectMany(Benchmarks).SelectMany(Measurements)
            .Select(m => (int?)m["LaunchIndex"]?.GetValue<int>() ?? 1).DefaultIfEmpty(1).Max();
        var temporary = outputDirectory.TrimEnd(Path.DirectorySeparatorChar) + $".merging-{Environment.ProcessId}";
        Directory.CreateDirectory(temporary);
        try
        {
            var written = 0;
            foreach (var file in passes.SelectMany(p => p.Reports.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                var merged = MergeReport([.. passes.Select(p => p.Reports.GetValueOrDefault(file))], launchesPerPass);
                written += Benchmarks(merged).Count();
                File.WriteAllText(Path.Combine(temporary, file), merged.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            }

            foreach (var sidecar in passes.SelectMany(p => p.Sidecars).DistinctBy(Path.GetFileName, StringComparer.Ordinal))
            {
                File.Copy(sidecar, Path.Combine(temporary, Path.GetFileName(sidecar)));
            }

            if (Directory.Exists(outputDirectory))
            {
                Directory.Delete(outputDirectory);
            }

            Directory.Move(temporary, outputDirectory);
            return written;
        }
        finally
        {
            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }
        }
    }

    private sealed record Pass(string Directory, IReadOnlyDictionary<string, JsonObject> Reports, IReadOnlyList<string> Sidecars);

    private static Pass ReadPass(string directory)
    {
        var files = ReportReader.FindReports(directory is { } d && System.IO.Directory.Exists(d)
            ? d
            : throw new PublishException($"The pass folder '{directory}' does not exist. Pass each pass's BenchmarkDotNet results folder."));
        if (files.Count == 0)
        {
            throw new PublishException($"No BenchmarkDotNet full JSON reports ({ReportReader.ReportPattern}) in the pass folder '{directory}'. Run the pass first, or leave it out.");
        }

        var reports = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            try
            {
                reports[Path.GetFileName(file)] = JsonNode.Parse(File.ReadAllText(file)) as JsonObject
                    ?? throw new PublishException($"The report '{file}' is not a JSON object. Delete it or run the pass again.");
            }
            catch (JsonException e)
            {
                throw new PublishException($"The report '{file}' is not valid JSON ({e.Message.Split('.')[0]}); it may be truncated by an interrupted pass. Delete it or run the pass again.", e);
            }
        }

        var sidecars = System.IO.Directory.GetFiles(Path.GetDirectoryName(files[0])!, "*" + ReportDeclarations.FileSuffix).Order(StringComparer.Ordinal).ToList();
        return new Pass(directory, reports, sidecars);
    }

    private static JsonObject MergeReport(IReadOnlyList<JsonObject?> passReports, int launchesPerPass)
    {
        var first = passReports.First(r => r is not null)!;
        var merged = (JsonObject)first.DeepClone();
        var byName = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var order = new List<string>();
        var failedInAPass = new HashSet<string>(StringComparer.Ordinal);
        for (var pass = 0; pass < passReports.Count; pass++)
        {
            if (passReports[pass] is not { } report)
            {
                continue;
            }

            foreach (var benchmark in Benchmarks(report))
            {
                var name = benchmark["FullName"]?.GetValue<string>() ?? throw new PublishException("A report has a benchmark without 'FullName'; it is not a BenchmarkDotNet full JSON report.");
                var renumbered = Measurements(benchmark).Select(m => Renumbered(m, pass, launchesPerPass)).ToList();
                if (benchmark["Statistics"] is not JsonObject)
                {
                    failedInAPass.Add(name); // BenchmarkDotNet writes no statistics for a benchmark that failed
                }

                if (!byName.TryGetValue(name, out var target))
                {
                    target = (JsonObject)benchmark.DeepClone();
                    target["Measurements"] = new JsonArray([.. renumbered]);
                    target[LaunchMetricsField] = new JsonArray();
                    byName[name] = target;
                    order.Add(name);
                }
                else
                {
                    var measurements = (JsonArray)target["Measurements"]!;
                    renumbered.ForEach(measurements.Add);
                }

                if (LaunchMetrics(benchmark, renumbered, (pass * launchesPerPass) + 1) is { } launchMetrics)
                {
                    ((JsonArray)target[LaunchMetricsField]!).Add(launchMetrics);
                }

                // The last pass's own view of the process: its metrics and memory (BenchmarkDotNet keeps the last launch's).
                foreach (var key in new[] { "Metrics", "Memory" })
                {
                    if (benchmark[key] is { } value)
                    {
                        target[key] = value.DeepClone();
                    }
                }
            }
        }

        foreach (var (name, benchmark) in byName)
        {
            // A benchmark that failed in any pass failed in the run: its other passes' times are not shown as if it had not.
            benchmark["Statistics"] = failedInAPass.Contains(name) ? null : Statistics(benchmark);
        }

        merged["Benchmarks"] = new JsonArray([.. order.Select(name => (JsonNode)byName[name])]);
        return merged;
    }

    /// <summary>Each pass's own metrics and memory, kept per launch (read back as <see cref="BenchmarkResult.PerLaunch"/>).</summary>
    private const string LaunchMetricsField = "LaunchMetrics";

    /// <summary>
    /// A pass's metrics and memory with the launch they belong to (its last; BenchmarkDotNet measures them there): each
    /// pass is its own process, so counts seen the same in every pass are deterministic, and CPU time has a spread
    /// between processes like wall time's. Null when the pass wrote neither.
    /// </summary>
    private static JsonObject? LaunchMetrics(JsonObject benchmark, IReadOnlyList<JsonObject> renumbered, int firstLaunchOfPass)
    {
        if (benchmark["Metrics"] is null && benchmark["Memory"] is null)
        {
            return null;
        }

        var launch = renumbered.Select(m => m["LaunchIndex"]?.GetValue<int>() ?? firstLaunchOfPass).DefaultIfEmpty(firstLaunchOfPass).Max();
        return new JsonObject
        {
            ["LaunchIndex"] = launch,
            ["Metrics"] = benchmark["Metrics"]?.DeepClone(),
            ["Memory"] = benchmark["Memory"]?.DeepClone(),
        };
    }

    private static JsonObject Renumbered(JsonObject measurement, int pass, int launchesPerPass)
    {
        var copy = (JsonObject)measurement.DeepClone();
        var launch = measurement["LaunchIndex"]?.GetValue<int>() ?? 1;
        copy["LaunchIndex"] = (pass * launchesPerPass) + launch;
        return copy;
    }

    /// <summary>
    /// BenchmarkDotNet's statistics (its Mathematics.Statistics, the fields the publisher reads) of the result
    /// measurements per operation; null when no pass measured the case (it failed in every pass).
    /// </summary>
    private static JsonObject? Statistics(JsonObject benchmark)
    {
        var values = Measurements(benchmark)
            .Where(m => m["IterationMode"]?.GetValue<string>() == "Workload" && m["IterationStage"]?.GetValue<string>() == "Result")
            .Select(m => (Operations: m["Operations"]?.GetValue<double>() ?? 0, Ns: m["Nanoseconds"]?.GetValue<double>() ?? double.NaN))
            .Where(m => m.Operations > 0 && double.IsFinite(m.Ns))
            .Select(m => m.Ns / m.Operations)
            .ToArray();
        if (values.Length == 0)
        {
            return null;
        }

        var quartiles = Quartiles.Create(new Sample(values));
        var mean = values.Average();
        var variance = values.Length > 1 ? values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1) : 0;
        var standardError = Math.Sqrt(variance) / Math.Sqrt(values.Length);
        // BenchmarkDotNet's 99.9 % interval of the mean: Student's t with n − 1 degrees of freedom (none with one value).
        var margin = values.Length > 1 ? new StudentDistribution(values.Length - 1).Quantile(1 - 0.0005) * standardError : double.NaN;
        return new JsonObject
        {
            ["N"] = values.Length,
            ["Min"] = quartiles.Min,
            ["Q1"] = quartiles.Q1,
            ["Median"] = quartiles.Median,
            ["Mean"] = mean,
            ["Q3"] = quartiles.Q3,
            ["Max"] = quartiles.Max,
            ["StandardError"] = standardError,
            ["Variance"] = variance,
            ["StandardDeviation"] = Math.Sqrt(variance),
            ["ConfidenceInterval"] = new JsonObject
            {
                ["N"] = values.Length,
                ["Mean"] = mean,
                ["StandardError"] = standardError,
                ["Level"] = 12, // BenchmarkDotNet's LegacyConfidenceLevel.L999, as it writes it
                ["Margin"] = Finite(margin),
                ["Lower"] = Finite(mean - margin),
                ["Upper"] = Finite(mean + margin),
            },
        };
    }

    /// <summary>BenchmarkDotNet writes NaN as an empty string.</summary>
    private static JsonNode Finite(double value) => double.IsFinite(value) ? JsonValue.Create(value) : JsonValue.Create(string.Empty);

    private static IEnumerable<JsonObject> Benchmarks(JsonObject report) =>
        report["Benchmarks"] is JsonArray benchmarks ? benchmarks.OfType<JsonObject>() : [];

    private static IEnumerable<JsonObject> Measurements(JsonObject benchmark) =>
        benchmark["Measurements"] is JsonArray measurements ? measurements.OfType<JsonObject>() : [];
}
