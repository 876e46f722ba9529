using System.Text.Json;
using System.Text.Json.Nodes;
using AsyncBench.Benchmarks.Running;
using AsyncBench.Publishing.Paired;

namespace AsyncBench.Tests.Running;

/// <summary>
/// A tiny paired run end to end (BenchmarkDotNet's dry job, two canaries, two slots): the base side is a copy of this
/// repository's sources with the suite's build beside it, built again by BenchmarkDotNet from THAT folder; the run's
/// reports, its round record and its head launches are what the nightly and the publisher read.
/// </summary>
[Collection(BenchmarkProgramCollection.Name)]
[Trait(BenchmarkProgramCollection.StageTrait, BenchmarkProgramCollection.Stage)]
public sealed class PairedRunEndToEndTests
{
    private static readonly string[] Skipped = ["bin", "obj", ".git", "results", ".nightly-results", "BenchmarkDotNet.Artifacts"];

    // Slow by design (the suite's slowest test): BenchmarkDotNet restores and builds the base copy in Release from scratch.
    [Fact]
    public async Task PairedRun_Should_RunBothBuildsBackToBack_AndRecordItsRound()
    {
        var root = PublishCommand.FindCheckout(AppContext.BaseDirectory)!;
        var temporary = Directory.CreateTempSubdirectory("asyncbench-paired-e2e-");
        try
        {
            var baseTree = Path.Combine(temporary.FullName, "base");
            CopySources(root, baseTree);
            // The suite's own build stands in for the base's Release build (the same code): read by reflection before the run.
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<configuration>/<tfm>/
            CopyFolder(Path.Combine(root, "benchmarks", "AsyncBench.Benchmarks", "bin", configuration, WorktreeBuild.TargetFramework),
                Path.Combine(baseTree, "benchmarks", "AsyncBench.Benchmarks", "bin", "Release", WorktreeBuild.TargetFramework));
            var artifacts = Path.Combine(temporary.FullName, "artifacts");

            var outcome = await BenchmarkProgram.RunAsync(
                ["--filter", "*MachineCanaryBenchmarks.IntegerLoop", "*MachineCanaryBenchmarks.Syscall", "--job", "dry",
                 "--paired-base", baseTree, "--paired-slots", "2", "--paired-seed", "5", "--artifacts", artifacts]);

            Assert.True(outcome.ExitCode == 0, outcome.StandardError + outcome.StandardOutput[^Math.Min(4000, outcome.StandardOutput.Length)..]);
            // The base launches ran the program BenchmarkDotNet built from the base folder.
            Assert.Contains($"in {Path.Combine(baseTree, "benchmarks", "AsyncBench.Benchmarks", "bin", "Release")}", outcome.StandardOutput, StringComparison.Ordinal);

            using var round = JsonDocument.Parse(File.ReadAllText(Path.Combine(artifacts, PairedRun.RoundFile)));
            var record = round.RootElement;
            Assert.Equal("head-base", record.GetProperty("pairs").GetString());
            Assert.Equal(5, record.GetProperty("seed").GetInt32());
            Assert.Equal(2, record.GetProperty("cases").GetInt32());
            Assert.Equal(0, record.GetProperty("notPaired").GetArrayLength());
            var orders = PairedRun.Orders(2, 5);
            Assert.Equal(
                [("base", "base-r1", "head-r1", orders[0] ? "head" : "base"), ("base", "base-r2", "head-r2", orders[1] ? "head" : "base")],
                record.GetProperty("slots").EnumerateArray().Select(s => ("base", s.GetProperty("baseJob").GetString(), s.GetProperty("headJob").GetString(), s.GetProperty("first").GetString())).ToList());
            var wall = DateTime.Parse(record.GetProperty("endedUtc").GetString()!, System.Globalization.CultureInfo.InvariantCulture) - DateTime.Parse(record.GetProperty("startedUtc").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(wall >= TimeSpan.Zero);
            // Every launch timed by the host: each case's four (two slots, two sides), each a process that started and ran,
            // all of them within the round.
            var times = record.GetProperty("launchSeconds").EnumerateArray().Select(t => (Case: t.GetProperty("case").GetString()!, Launches: t.GetProperty("launches").GetInt32(), Seconds: t.GetProperty("seconds").GetDouble())).ToList();
            Assert.Equal(["IntegerLoop", "Syscall"], times.Select(t => t.Case.Split('.')[^1]).ToArray());
            Assert.All(times, t => Assert.Equal(4, t.Launches));
            Assert.All(times, t => Assert.InRange(t.Seconds, 4 * 0.05, wall.TotalSeconds));

            // Every case has one measured launch per side and slot.
            var jobs = Jobs(Path.Combine(artifacts, "results"));
            foreach (var method in new[] { "IntegerLoop", "Syscall" })
            {
                Assert.Equal(["base-r1", "base-r2", "head-r1", "head-r2"], jobs.Where(j => j.Method == method).Select(j => j.Job).Order().ToArray());
            }

            Assert.All(jobs, j => Assert.True(j.Measured, $"{j.Method} {j.Job} has no measurements"));
            foreach (var slot in new[] { 1, 2 })
            {
                var launches = Jobs(Path.Combine(artifacts, PairedRun.HeadLaunchesFolder, $"r{slot}"));
                Assert.Equal([$"head-r{slot}", $"head-r{slot}"], launches.Select(j => j.Job).ToArray());
                Assert.NotEmpty(Directory.GetFiles(Path.Combine(artifacts, PairedRun.HeadLaunchesFolder, $"r{slot}"), "*-report-asyncbench.json"));
            }

            // The publisher's paired verb reads the round as scripts/nightly.sh files it: each case two pairs, nothing
            // left out; canaries are never gated, so the night passes whatever the dry launches measured.
            var judged = PairedAnalysis.Of(NightReader.Read(Night(temporary.FullName, artifacts)), null);
            Assert.Empty(judged.Night.NotComparable);
            Assert.Equal(["IntegerLoop", "Syscall"], judged.Judgement.Cases.Select(c => c.Case.Id.Method).Order().ToArray());
            Assert.All(judged.Judgement.Cases, c => Assert.Equal(2, c.Pairs.Count));
            Assert.Equal(PairedAnalysis.Pass, judged.ExitCode);
            // ...and prices the next round by those launches.
            var prices = PairPrices.Of(judged.Night);
            Assert.All(judged.Judgement.Cases, c => Assert.Equal(2 * times.Single(t => t.Case == c.Case.FullName).Seconds / 4, prices.PairSeconds(c.Case), 3));
        }
        finally
        {
            temporary.Delete(recursive: true);
        }
    }

    /// <summary>A night folder as scripts/nightly.sh writes it around one round: the manifest with the round's record, its results under rounds/r1.</summary>
    private static string Night(string parent, string artifacts)
    {
        var night = Path.Combine(parent, "night");
        CopyFolder(Path.Combine(artifacts, "results"), Path.Combine(night, "rounds", "r1", "results"));
        var round = JsonNode.Parse(File.ReadAllText(Path.Combine(artifacts, PairedRun.RoundFile)))!.AsObject();
        round["round"] = 1;
        round["purpose"] = "first";
        round["reports"] = "rounds/r1/results";
        var manifest = new JsonObject
        {
            ["format"] = 1,
            ["machine"] = "test",
            ["seed"] = 5,
            ["thresholdPercent"] = 15,
            ["base"] = new JsonObject { ["ref"] = "HEAD", ["commit"] = "same", ["reason"] = "NIGHTLY_BASE" },
            ["head"] = new JsonObject { ["commit"] = "same" },
            ["rounds"] = new JsonArray(round),
        };
        File.WriteAllText(Path.Combine(night, PairedManifest.FileName), manifest.ToJsonString());
        return night;
    }

    private static List<(string Method, string Job, bool Measured)> Jobs(string folder) =>
        [.. Directory.GetFiles(folder, "*-report-full.json").SelectMany(file =>
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            return document.RootElement.GetProperty("Benchmarks").EnumerateArray().Select(b =>
            {
                var display = b.GetProperty("DisplayInfo").GetString()!;
                var job = display[(display.IndexOf(": ", StringComparison.Ordinal) + 2)..].Split('(', ' ')[0];
                return (b.GetProperty("Method").GetString()!, job, b.TryGetProperty("Measurements", out var m) && m.GetArrayLength() > 0);
            }).ToList();
        })];

    private static void CopySources(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.GetDirectories(from).Where(d => !Skipped.Contains(Path.GetFileName(d))))
        {
            CopySources(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.GetDirectories(from).Where(d => !Path.GetFileName(d).StartsWith("AsyncBench.Benchmarks-", StringComparison.Ordinal)))
        {
            CopyFolder(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }
}
