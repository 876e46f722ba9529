using System.Globalization;
using System.Text.Json;
using AsyncBench.Publishing.Paired;
using AsyncBench.Publishing.Reading;

namespace AsyncBench.Publish.Tests;

/// <summary>
/// Paired nights built in the tests, no timing: cases of one or more classes, and nights written to disk as
/// scripts/nightly.sh writes them (paired.json, each round's BenchmarkDotNet full JSON reports, with one launch per job
/// and per case, its median given), in either slot form: the commit A/B's jobs in one run, or a results folder per side.
/// </summary>
public static class PairedNights
{
    public static PairedCase Case(string type, int count, string method = "Serial", string ns = "AsyncBench.Benchmarks.Test", bool canary = false)
    {
        var id = new BenchmarkId(ns, type, method, [new("Count", count.ToString(CultureInfo.InvariantCulture))]);
        return new PairedCase(id, $"{ns}.{type}.{method}(Count: {count})", canary);
    }

    /// <summary><paramref name="count"/> cases of one class, Count = 1 … count.</summary>
    public static List<PairedCase> Class(string type, int count, string ns = "AsyncBench.Benchmarks.Test") =>
        [.. Enumerable.Range(1, count).Select(i => Case(type, i, ns: ns))];

    /// <summary>A round in memory: per case its pairs' log ratios.</summary>
    public static PairedRound Round(int number, IEnumerable<(PairedCase Case, double[] Pairs)> pairs) =>
        new(number, number == 1 ? "first" : "more", pairs.ToDictionary(p => p.Case.Id, p => (IReadOnlyList<double>)[.. p.Pairs]));

    /// <summary><paramref name="n"/> pairs around ln(<paramref name="ratio"/>) with spread <paramref name="sigma"/> (normal, seeded).</summary>
    public static double[] Pairs(double ratio, double sigma, int n, Random random) =>
        [.. Enumerable.Range(0, n).Select(_ => Math.Log(ratio) + (sigma * SyntheticRuns.Normal(random)))];

    /// <summary>A night folder being written: add rounds, then <see cref="Write"/> the manifest.</summary>
    public sealed class Folder(string path, string baseCommit = "base0001", string headCommit = "head0001")
    {
        private readonly List<object> rounds = [];

        public string Path { get; } = path;

        public string? BaseCommit { get; init; } = baseCommit;

        public string? Anchor { get; init; }

        /// <summary>The manifest's rotation: the machine's night number and the parts of the classes (null: none stated).</summary>
        public (int Night, int Parts)? Rotation { get; init; }

        /// <summary>When the night's rounds began (drift series are ordered by it).</summary>
        public string Started { get; init; } = "2026-12-01T04:00:00Z";

        /// <summary>
        /// A round of <paramref name="slots"/> slots: <paramref name="launch"/> gives a case's base and head launch medians in a slot
        /// (null: that side has no launch of it; NaN: it failed). The commit A/B's form (jobs base-rK, head-rK in one run)
        /// unless <paramref name="separateFolders"/>. <paramref name="launchSeconds"/>: what each launch of a case took, as the
        /// suite's clock records it (null: not recorded, as before launches were timed); <paramref name="wall"/>: the round's
        /// wall time (null: no end recorded).
        /// </summary>
        public Folder Round(IReadOnlyList<PairedCase> cases, int slots, Func<PairedCase, int, (double? Base, double? Head)> launch, bool separateFolders = false, string pairs = PairedManifest.HeadBase, IReadOnlyList<(string Case, string Reason)>? notPaired = null, Func<PairedCase, double>? launchSeconds = null, TimeSpan? wall = null)
        {
            var number = rounds.Count + 1;
            var baseSide = pairs == PairedManifest.HeadAnchor ? "anchor" : "base";
            var slotEntries = new List<object>();
            var jobs = new List<(string Folder, string Job, PairedCase Case, double? Ns)>();
            for (var slot = 1; slot <= slots; slot++)
            {
                var baseFolder = separateFolders ? $"rounds/r{number}/s{slot}-{baseSide}" : $"rounds/r{number}/results";
                var headFolder = separateFolders ? $"rounds/r{number}/s{slot}-head" : $"rounds/r{number}/results";
                var baseJob = separateFolders ? "Paired" : $"{baseSide}-r{slot}";
                var headJob = separateFolders ? "Paired" : $"head-r{slot}";
                foreach (var c in cases)
                {
                    var (b, h) = launch(c, slot);
                    if (b is { } bns && BaseCommit is not null)
                    {
                        jobs.Add((baseFolder, baseJob, c, bns));
                    }

                    if (h is { } hns)
                    {
                        jobs.Add((headFolder, headJob, c, hns));
                    }
                }

                slotEntries.Add(separateFolders
                    ? new { slot, first = slot % 2 == 1 ? "base" : "head", baseReports = BaseCommit is null ? null : baseFolder, headReports = headFolder }
                    : new { slot, first = slot % 2 == 1 ? "base" : "head", baseJob = BaseCommit is null ? null : baseJob, headJob });
            }

            foreach (var folder in jobs.GroupBy(j => j.Folder))
            {
                WriteReports(System.IO.Path.Combine(Path, folder.Key), [.. folder.Select(j => (j.Case, j.Job, j.Ns))]);
            }

            rounds.Add(new
            {
                round = number,
                purpose = number == 1 ? "first" : "more",
                pairs,
                reports = separateFolders ? null : $"rounds/r{number}/results",
                slots = slotEntries,
                startedUtc = Started,
                endedUtc = wall is { } w ? DateTime.Parse(Started, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal).Add(w).ToString("o", System.Globalization.CultureInfo.InvariantCulture) : null,
                notPaired = notPaired?.Select(n => new { @case = n.Case, reason = n.Reason }),
                launchSeconds = launchSeconds is null ? null : cases.Select(c => new { @case = c.FullName, launches = 2 * slots, seconds = 2 * slots * launchSeconds(c) }),
            });
            return this;
        }

        /// <summary>Writes paired.json; returns the night's path.</summary>
        public string Write()
        {
            var manifest = new
            {
                format = 1,
                machine = "test-machine",
                seed = 7,
                thresholdPercent = 15,
                @base = new { @ref = "last-passed", commit = BaseCommit ?? string.Empty, reason = BaseCommit is null ? "none" : "last-passed" },
                head = new { commit = headCommit },
                anchor = Anchor is null ? null : new { commit = Anchor, pinnedOn = "2026-11-01", reason = "test" },
                rotation = Rotation is { } r ? new { scheme = "classes by name, part K mod parts", night = r.Night, parts = r.Parts, tonight = Array.Empty<string>() } : null,
                rounds,
            };
            Directory.CreateDirectory(Path);
            File.WriteAllText(System.IO.Path.Combine(Path, PairedManifest.FileName), JsonSerializer.Serialize(manifest, new JsonSerializerOptions { WriteIndented = true, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull }));
            return Path;
        }
    }

    /// <summary>One full JSON report and one declarations sidecar per class in <paramref name="folder"/>: each job's launch of each case.</summary>
    public static void WriteReports(string folder, IReadOnlyList<(PairedCase Case, string Job, double? Ns)> launches)
    {
        Directory.CreateDirectory(folder);
        foreach (var byClass in launches.GroupBy(l => l.Case.Class))
        {
            var benchmarks = byClass.Select(l => new
            {
                DisplayInfo = $"{l.Case.Id.Type}.{l.Case.Id.Method}: {l.Job}(LaunchCount=1) [Count={l.Case.Id.Parameter("Count")}]",
                l.Case.Id.Namespace,
                l.Case.Id.Type,
                l.Case.Id.Method,
                Parameters = $"Count={l.Case.Id.Parameter("Count")}",
                l.Case.FullName,
                Statistics = l.Ns is { } ns && !double.IsNaN(ns) ? new { Median = ns, Mean = ns, N = 3, StandardError = 0.0 } : null,
                Measurements = l.Ns is { } m && !double.IsNaN(m)
                    ? new[] { 0.99, 1.0, 1.01 }.Select((f, i) => new { IterationMode = "Workload", IterationStage = "Result", LaunchIndex = 1, IterationIndex = i + 1, Operations = 1, Nanoseconds = m * f }).ToArray()
                    : [],
            });
            var report = new { Title = $"{byClass.Key}-20261201-040000", HostEnvironmentInfo = new { ProcessorName = "Test CPU", LogicalCoreCount = 2 }, Benchmarks = benchmarks };
            File.WriteAllText(System.IO.Path.Combine(folder, $"{byClass.Key}-report-full.json"), JsonSerializer.Serialize(report));
            var sidecar = new
            {
                Format = AsyncBench.Protocol.ReportDeclarations.CurrentFormat,
                Benchmarks = byClass.Select(l => l.Case).Distinct().Select((c, i) => new { c.FullName, Categories = c.Canary ? new[] { "Canary" } : [], Baseline = false, Order = i, c.Canary }),
                Rules = Array.Empty<object>(),
                Comparisons = Array.Empty<object>(),
            };
            File.WriteAllText(System.IO.Path.Combine(folder, $"{byClass.Key}{AsyncBench.Protocol.ReportDeclarations.FileSuffix}"), JsonSerializer.Serialize(sidecar));
        }
    }
}
