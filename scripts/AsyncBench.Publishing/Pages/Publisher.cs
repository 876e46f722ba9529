using System.Globalization;
using System.Text;
using System.Text.Json;
using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Rules;
using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publishing.Pages;

/// <summary>What a publish produced.</summary>
public sealed record PublishResult(string RunDirectory, string? LatestDirectory, IReadOnlyList<string> Pages, int Benchmarks, int Failed);

/// <summary>The facts a published run keeps about itself (run.json), so trends can group runs by machine.</summary>
public sealed record RunManifest(string Machine, string Commit, DateTime? Started, string Processor, string Runtime, int Benchmarks, int Failed);

/// <summary>
/// Publishes a run: one new folder per run under the output folder, named by date, time and machine,
/// built in a temporary folder and moved into place whole, then copied to <c>latest/</c>. Nothing that
/// already exists under the output folder is overwritten or deleted, except <c>latest/</c>, which is
/// replaced only after the new run folder is complete.
/// </summary>
public static class Publisher
{
    public const string LatestFolder = "latest";

    /// <summary>Where a reviewer's runs are published, under the output folder: never in the machine's history or latest/.</summary>
    public const string ReviewsFolder = "reviews";
    public const string BaselineFolder = "baseline";
    public const string ManifestFile = "run.json";
    public const string RawFolder = "raw";

    private static readonly JsonSerializerOptions ManifestJson = new() { WriteIndented = true };

    /// <summary>The pages of a run, file name → content (markdown and SVG), without touching the disk.</summary>
    public static IReadOnlyDictionary<string, string> Render(BenchmarkRun run, RunLabel label, IReadOnlyList<(RunManifest Manifest, BenchmarkRun Run)> history)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var tables = ResultTables.Build(run);
        var workloads = tables.Select(t => t.Workload).Distinct().ToList();
        foreach (var workload in workloads)
        {
            var (markdown, charts) = WorkloadPage.Render(workload, run, label, tables);
            files[WorkloadPage.FileName(workload)] = markdown;
            foreach (var (name, svg) in charts)
            {
                files[name] = svg;
            }
        }

        // After the workload pages, and under its own name: a namespace called Rules gets rules-benchmarks.md.
        if (run.Declarations.Rules.Count > 0)
        {
            // The between-run component comes from the machine's runs before this one only: today's run cannot show its own,
            // and a run republished later must read as it did (its later runs are not its history).
            var earlier = history.Select(h => h.Run).Where(r => !ReferenceEquals(r, run) && IsBefore(r, run)).ToList();
            var evaluation = Claims.Evaluate(run, ClaimHistory.Learn(earlier, run.Declarations.Claims, run.JobSettings));
            files[RulesPage.FileName] = RulesPage.Render(run, label, tables, evaluation);
            files[RulesJson.FileName] = RulesJson.Serialize(run, label, evaluation);
        }

        foreach (var (name, content) in TrendPage.Render(label.Machine, Trend.Of(history)))
        {
            files[name] = content;
        }

        files[IndexPage.FileName] = IndexPage.Render(run, label, workloads, history.Count, files.ContainsKey(RulesPage.FileName), RunPrecision.Of(run));
        return files;
    }

    /// <summary>Whether <paramref name="earlier"/> started before <paramref name="run"/> (a run without a start time is taken as earlier).</summary>
    private static bool IsBefore(BenchmarkRun earlier, BenchmarkRun run) =>
        earlier.StartedUtc is not { } started || run.StartedUtc is not { } today || started < today;

    public static PublishResult Publish(string reportsDirectory, string outDirectory, RunLabel label)
    {
        var run = ReportReader.ReadDirectory(reportsDirectory);
        // A reviewer's run (its sidecar says so) answers at a setting of its own: it goes under reviews/, with no history
        // of the machine's declared runs and no copy to latest/.
        var reviewer = run.Declarations.ReviewerSetting is not null;
        if (reviewer)
        {
            outDirectory = Path.Combine(outDirectory, ReviewsFolder);
        }

        Directory.CreateDirectory(outDirectory);
        var runName = RunFolderName(run, label.Machine);
        var target = Path.Combine(outDirectory, runName);
        if (Directory.Exists(target) || File.Exists(target))
        {
            throw new PublishException($"'{target}' already exists: these reports were published before. Nothing was changed. Run the benchmarks again for a new run.");
        }

        var manifest = new RunManifest(label.Machine, label.Commit, run.StartedUtc, run.Environment.Processor, run.Environment.Runtime, run.Results.Count, run.Results.Count(r => r.Failed));
        var history = (reviewer ? [] : History(outDirectory, label.Machine)).Append((manifest, run)).ToList();
        var files = Render(run, label, history);

        var temp = Path.Combine(outDirectory, $".tmp-{runName}-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(temp);
            foreach (var (name, content) in files)
            {
                File.WriteAllText(Path.Combine(temp, name), content, new UTF8Encoding(false));
            }

            var raw = Directory.CreateDirectory(Path.Combine(temp, RawFolder));
            foreach (var report in run.ReportFiles.Concat(run.Declarations.Files))
            {
                File.Copy(report, Path.Combine(raw.FullName, Path.GetFileName(report)));
            }

            File.WriteAllText(Path.Combine(temp, ManifestFile), JsonSerializer.Serialize(manifest, ManifestJson));
            Directory.Move(temp, target);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new PublishException($"Could not write the run folder '{target}': {e.Message}. Nothing under '{outDirectory}' was changed.", e);
        }

        string? latest = null;
        if (!reviewer)
        {
            latest = Path.Combine(outDirectory, LatestFolder);
            ReplaceLatest(target, latest);
        }

        return new PublishResult(target, latest, [.. files.Keys.Where(k => k.EndsWith(".md", StringComparison.Ordinal))], run.Results.Count, run.Results.Count(r => r.Failed));
    }

    /// <summary><c>2026-11-25_024533_machine</c>: sortable, one per run and machine.</summary>
    public static string RunFolderName(BenchmarkRun run, string machine)
    {
        var started = run.StartedUtc ?? File.GetLastWriteTime(run.ReportFiles[0]);
        return $"{started.ToString("yyyy-MM-dd_HHmmss", CultureInfo.InvariantCulture)}_{SanitizeMachine(machine)}";
    }

    public static string SanitizeMachine(string machine)
    {
        var clean = string.Concat(machine.Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' ? c : '-')).Trim('-');
        return clean.Length == 0 ? "unknown" : clean;
    }

    /// <summary>The latest earlier published runs of the same machine, oldest first (folders without a manifest or with unreadable reports are skipped).</summary>
    public static IReadOnlyList<(RunManifest Manifest, BenchmarkRun Run)> History(string outDirectory, string machine)
    {
        var runs = new List<(RunManifest, BenchmarkRun)>();
        if (!Directory.Exists(outDirectory))
        {
            return runs;
        }

        // Newest first, and only as many as the trend shows: a year of nightly runs is not re-read every night.
        foreach (var folder in Directory.GetDirectories(outDirectory).OrderDescending(StringComparer.Ordinal))
        {
            if (runs.Count >= Trend.MaxRuns - 1)
            {
                break;
            }

            var name = Path.GetFileName(folder);
            if (name is LatestFolder or BaselineFolder || name.StartsWith('.'))
            {
                continue;
            }

            var manifestPath = Path.Combine(folder, ManifestFile);
            try
            {
                var manifest = JsonSerializer.Deserialize<RunManifest>(File.ReadAllText(manifestPath));
                if (manifest is null || manifest.Machine != machine)
                {
                    continue;
                }

                runs.Add((manifest, ReportReader.ReadDirectory(folder)));
            }
            catch (Exception e) when (e is IOException or JsonException or PublishException or UnauthorizedAccessException)
            {
                // Not a published run of this tool (or damaged): it is not part of the trend, and it is left as it is.
            }
        }

        runs.Reverse();
        return runs;
    }

    private static void ReplaceLatest(string runFolder, string latest)
    {
        var staging = latest + ".new-" + Guid.NewGuid().ToString("N");
        CopyDirectory(runFolder, staging);
        var old = latest + ".old-" + Guid.NewGuid().ToString("N");
        if (Directory.Exists(latest))
        {
            Directory.Move(latest, old);
        }

        Directory.Move(staging, latest);
        TryDelete(old);
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.GetDirectories(from))
        {
            CopyDirectory(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless; it starts with '.' or ends in .old-* and is never read as a run.
        }
    }
}
