using System.Text.Json;
using AsyncBench.Protocol;
using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Reading.FullJson;
using Perfolizer.Mathematics.Distributions.ContinuousDistributions;
using Perfolizer.Mathematics.QuantileEstimators;
using Pragmastat;
using ReportStatistics = AsyncBench.Publishing.Reading.FullJson.Statistics;

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

        var launchesPerPass = (int)passes.SelectMany(p => p.Reports.Values).SelectMany(r => r.Benchmarks ?? []).SelectMany(b => b.Measurements ?? [])
            .Select(m => m.LaunchIndex ?? 1).DefaultIfEmpty(1).Max();
        var temporary = outputDirectory.TrimEnd(Path.DirectorySeparatorChar) + $".merging-{Environment.ProcessId}";
        Directory.CreateDirectory(temporary);
        try
        {
            var written = 0;
            foreach (var file in passes.SelectMany(p => p.Reports.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                var merged = MergeReport([.. passes.Select(p => p.Reports.GetValueOrDefault(file))], launchesPerPass);
                written += merged.Benchmarks!.Count;
                File.WriteAllText(Path.Combine(temporary, file), JsonSerializer.Serialize(merged, ReportJson.Written));
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

    private sealed record Pass(string Directory, IReadOnlyDictionary<string, FullJsonReport> Reports, IReadOnlyList<string> Sidecars);

    private static Pass ReadPass(string directory)
    {
        var files = ReportReader.FindReports(directory is { } d && System.IO.Directory.Exists(d)
            ? d
            : throw new PublishException($"The pass folder '{directory}' does not exist. Pass each pass's BenchmarkDotNet results folder."));
        if (files.Count == 0)
        {
            throw new PublishException($"No BenchmarkDotNet full JSON reports ({ReportReader.ReportPattern}) in the pass folder '{directory}'. Run the pass first, or leave it out.");
        }

        var reports = new Dictionary<string, FullJsonReport>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            try
            {
                reports[Path.GetFileName(file)] = JsonSerializer.Deserialize<FullJsonReport>(File.ReadAllText(file), ReportJson.Options)
                    ?? throw new PublishException($"The report '{file}' is not a JSON object. Delete it or run the pass again.");
            }
            catch (NotANumberException e)
            {
                throw new PublishException($"The report '{file}' is not in BenchmarkDotNet's full JSON format ('{e.Field}' is {e.Kind}, not a number). Delete it or run the pass again.", e);
            }
            catch (JsonException e)
            {
                throw new PublishException($"The report '{file}' is not valid JSON ({e.Message.Split('.')[0]}); it may be truncated by an interrupted pass. Delete it or run the pass again.", e);
            }
        }

        var sidecars = System.IO.Directory.GetFiles(Path.GetDirectoryName(files[0])!, "*" + ReportDeclarations.FileSuffix).Order(StringComparer.Ordinal).ToList();
        return new Pass(directory, reports, sidecars);
    }

    /// <summary>One benchmark of the merged run as the passes are read: the first pass's case, all passes' launches.</summary>
    private sealed class MergedBenchmark(Benchmark first)
    {
        /// <summary>The first pass's case, with the metrics and memory of the last pass that measured them.</summary>
        public Benchmark Case { get; set; } = first;

        public List<Measurement> Measurements { get; } = [];

        public List<LaunchMetricsJson> LaunchMetrics { get; } = [];

        /// <summary>BenchmarkDotNet writes no statistics for a benchmark that failed.</summary>
        public bool FailedInAPass { get; set; }
    }

    private static FullJsonReport MergeReport(IReadOnlyList<FullJsonReport?> passReports, int launchesPerPass)
    {
        var byName = new Dictionary<string, MergedBenchmark>(StringComparer.Ordinal);
        var order = new List<string>();
        for (var pass = 0; pass < passReports.Count; pass++)
        {
            foreach (var benchmark in passReports[pass]?.Benchmarks ?? [])
            {
                var name = benchmark.FullName ?? throw new PublishException("A report has a benchmark without 'FullName'; it is not a BenchmarkDotNet full JSON report.");
                var renumbered = (benchmark.Measurements ?? []).Select(m => m with { LaunchIndex = (pass * launchesPerPass) + (m.LaunchIndex ?? 1) }).ToList();
                if (!byName.TryGetValue(name, out var target))
                {
                    target = new MergedBenchmark(benchmark);
                    byName[name] = target;
                    order.Add(name);
                }

                target.Measurements.AddRange(renumbered);
                target.FailedInAPass |= benchmark.Statistics is null;
                if (LaunchMetrics(benchmark, renumbered, (pass * launchesPerPass) + 1) is { } launchMetrics)
                {
                    target.LaunchMetrics.Add(launchMetrics);
                }

                // The last pass's own view of the process: its metrics and memory (BenchmarkDotNet keeps the last launch's).
                target.Case = target.Case with { Metrics = benchmark.Metrics ?? target.Case.Metrics, Memory = benchmark.Memory ?? target.Case.Memory };
            }
        }

        return passReports.First(r => r is not null)! with
        {
            Benchmarks = [.. order.Select(name => byName[name]).Select(b => b.Case with
            {
                // A benchmark that failed in any pass failed in the run: its other passes' times are not shown as if it had not.
                Statistics = b.FailedInAPass ? null : StatisticsOf(b.Measurements),
                Measurements = b.Measurements,
                LaunchMetrics = b.LaunchMetrics,
            })],
        };
    }

    /// <summary>
    /// A pass's metrics and memory with the launch they belong to (its last; BenchmarkDotNet measures them there): each
    /// pass is its own process, so counts seen the same in every pass are deterministic, and CPU time has a spread
    /// between processes like wall time's. Null when the pass wrote neither. Read back as <see cref="BenchmarkResult.PerLaunch"/>.
    /// </summary>
    private static LaunchMetricsJson? LaunchMetrics(Benchmark benchmark, IReadOnlyList<Measurement> renumbered, int firstLaunchOfPass)
    {
        if (benchmark.Metrics is null && benchmark.Memory is null)
        {
            return null;
        }

        return new LaunchMetricsJson
        {
            LaunchIndex = renumbered.Select(m => m.LaunchIndex ?? firstLaunchOfPass).DefaultIfEmpty(firstLaunchOfPass).Max(),
            Metrics = benchmark.Metrics,
            Memory = benchmark.Memory,
        };
    }

    /// <summary>
    /// BenchmarkDotNet's statistics (its Mathematics.Statistics, the fields the publisher reads) of the result
    /// measurements per operation; null when no pass measured the case (it failed in every pass).
    /// </summary>
    private static ReportStatistics? StatisticsOf(IEnumerable<Measurement> measurements)
    {
        var values = measurements
            .Where(m => m.IterationMode == "Workload" && m.IterationStage == "Result")
            .Select(m => (Operations: m.Operations ?? 0, Ns: m.Nanoseconds ?? double.NaN))
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
        // BenchmarkDotNet's 99.9 % interval of the mean: Student's t with n − 1 degrees of freedom (none with one value:
        // NaN, which the writer writes as BenchmarkDotNet does).
        var margin = values.Length > 1 ? new StudentDistribution(values.Length - 1).Quantile(1 - 0.0005) * standardError : double.NaN;
        return new ReportStatistics
        {
            N = values.Length,
            Min = quartiles.Min,
            Q1 = quartiles.Q1,
            Median = quartiles.Median,
            Mean = mean,
            Q3 = quartiles.Q3,
            Max = quartiles.Max,
            StandardError = standardError,
            Variance = variance,
            StandardDeviation = Math.Sqrt(variance),
            ConfidenceInterval = new ConfidenceInterval
            {
                N = values.Length,
                Mean = mean,
                StandardError = standardError,
                Level = 12, // BenchmarkDotNet's LegacyConfidenceLevel.L999, as it writes it
                Margin = margin,
                Lower = mean - margin,
                Upper = mean + margin,
            },
        };
    }
}
