using System.Text.Json.Nodes;
using AsyncBench.Publishing.Commands;
using AsyncBench.Publishing.Passes;
using AsyncBench.Publishing.Reading;

namespace AsyncBench.Publish.Tests;

/// <summary>
/// The nightly's passes (each a run of the suite with one launch per case) read as one run whose launches are the
/// passes': every measurement kept, each pass its own launch, the statistics BenchmarkDotNet would compute over them.
/// </summary>
public sealed class PassMergerTests
{
    /// <summary>A real nightly report (five launches), copied unedited from results/2026-12-01_074329_vm.</summary>
    private static string Nightly => System.IO.Path.Combine(AppContext.BaseDirectory, "Inputs", "real");

    [Fact]
    public void Merge_Should_KeepEveryMeasurement_EachPassItsOwnLaunches()
    {
        using var temp = new TempFolder();
        var merged = System.IO.Path.Combine(temp.Path, "merged");

        var written = PassMerger.Merge([Nightly, Nightly, Nightly], merged);

        var pass = ReportReader.ReadDirectory(Nightly);
        var run = ReportReader.ReadDirectory(merged);
        Assert.Equal(pass.Results.Count, written);
        Assert.Equal(pass.Results.Select(r => r.FullName), run.Results.Select(r => r.FullName));
        foreach (var (one, three) in pass.Results.Zip(run.Results))
        {
            Assert.Equal(one.MeasurementsNs.Count * 3, three.MeasurementsNs.Count);
            Assert.Equal(one.Launches.Count * 3, three.Launches.Count);
            Assert.Equal(one.Failed, three.Failed);
            if (!one.Failed)
            {
                // The same values three times over: BenchmarkDotNet's median and mean are unchanged, its interval narrower.
                Assert.Equal(one.Statistics!.Median, three.Statistics!.Median, 6);
                Assert.Equal(one.Statistics.Mean, three.Statistics.Mean, 6);
                Assert.Equal(one.Statistics.N * 3, three.Statistics.N);
                Assert.True(three.Statistics.ConfidenceMargin < one.Statistics.ConfidenceMargin);
            }
        }

        Assert.Equal(pass.Declarations.Files.Select(System.IO.Path.GetFileName), run.Declarations.Files.Select(System.IO.Path.GetFileName));
    }

    [Fact]
    public void Merge_Should_KeepWhatThePublisherDoesNotRead_AsBenchmarkDotNetWroteIt()
    {
        // The merged report is still BenchmarkDotNet's full JSON: the host, each case's fields (its statistics excepted,
        // recomputed), its memory and metrics with every descriptor field, and each measurement but its launch number.
        using var temp = new TempFolder();
        var merged = System.IO.Path.Combine(temp.Path, "merged");

        PassMerger.Merge([Nightly, Nightly], merged);

        var name = System.IO.Path.GetFileName(Directory.GetFiles(Nightly, "*-report-full.json").Single());
        var pass = JsonNode.Parse(File.ReadAllText(System.IO.Path.Combine(Nightly, name)))!;
        var run = JsonNode.Parse(File.ReadAllText(System.IO.Path.Combine(merged, name)))!;
        Assert.True(JsonNode.DeepEquals(pass["HostEnvironmentInfo"], run["HostEnvironmentInfo"]));
        Assert.Equal(pass["Title"]!.GetValue<string>(), run["Title"]!.GetValue<string>());
        var launchesPerPass = pass["Benchmarks"]!.AsArray().SelectMany(b => b!["Measurements"]!.AsArray()).Max(m => m!["LaunchIndex"]!.GetValue<int>());
        foreach (var (one, two) in pass["Benchmarks"]!.AsArray().Zip(run["Benchmarks"]!.AsArray()))
        {
            foreach (var (field, value) in one!.AsObject().Where(f => f.Key is not "Statistics" and not "Measurements"))
            {
                Assert.True(JsonNode.DeepEquals(value, two![field]), $"{field} of {one["FullName"]} differs");
            }

            var measurements = one["Measurements"]!.AsArray();
            var runMeasurements = two!["Measurements"]!.AsArray();
            Assert.Equal(2 * measurements.Count, runMeasurements.Count);
            foreach (var (m, index) in measurements.Select((m, i) => (m!, i)))
            {
                var second = runMeasurements[measurements.Count + index]!.DeepClone().AsObject();
                Assert.Equal(m["LaunchIndex"]!.GetValue<int>() + launchesPerPass, second["LaunchIndex"]!.GetValue<int>());
                second["LaunchIndex"] = m["LaunchIndex"]!.DeepClone();
                Assert.True(JsonNode.DeepEquals(m, second));
                Assert.True(JsonNode.DeepEquals(m, runMeasurements[index]));
            }
        }
    }

    [Fact]
    public void Merge_Should_KeepEachPasssCountsAndMetrics_AsItsLastLaunchs()
    {
        using var temp = new TempFolder();
        var merged = System.IO.Path.Combine(temp.Path, "merged");

        PassMerger.Merge([Nightly, Nightly, Nightly], merged);

        var pass = ReportReader.ReadDirectory(Nightly);
        var run = ReportReader.ReadDirectory(merged);
        var launchesPerPass = pass.Results.Max(r => r.Launches.Count);
        Assert.All(pass.Results, r => Assert.Empty(r.PerLaunch)); // BenchmarkDotNet's own report keeps the last launch's only
        Assert.Contains(pass.Results, r => r.AllocatedBytesPerOperation is not null);
        foreach (var (one, three) in pass.Results.Zip(run.Results).Where(p => p.First.AllocatedBytesPerOperation is not null))
        {
            Assert.Equal(new[] { launchesPerPass, 2 * launchesPerPass, 3 * launchesPerPass }, three.PerLaunch.Select(l => l.Launch));
            Assert.Equal(Enumerable.Repeat(one.AllocatedBytesPerOperation!.Value, 3), three.AllocatedBytesPerLaunch);
            Assert.All(three.PerLaunch, l => Assert.Equal(one.Metrics!.Keys.Order(StringComparer.Ordinal), l.Metrics.Keys.Order(StringComparer.Ordinal)));
            Assert.Equal(one.Metrics!.Keys.Order(StringComparer.Ordinal), three.Metrics!.Keys.Order(StringComparer.Ordinal)); // BenchmarkDotNet's field still has the last pass's
        }
    }

    [Fact]
    public void Merge_Should_ComputeTheStatistics_BenchmarkDotNetWrote_ForOnePassAlone()
    {
        // Two passes of which the second measured nothing (its reports list no benchmarks): the first pass's
        // values alone, whose statistics BenchmarkDotNet itself wrote into the report.
        var nightly = Nightly;
        using var temp = new TempFolder();
        var empty = temp.Sub("empty");
        foreach (var file in Directory.GetFiles(nightly, "*-report-full.json"))
        {
            var text = File.ReadAllText(file);
            var node = JsonNode.Parse(text)!;
            node["Benchmarks"] = new JsonArray();
            File.WriteAllText(System.IO.Path.Combine(empty, System.IO.Path.GetFileName(file)), node.ToJsonString());
        }

        var merged = System.IO.Path.Combine(temp.Path, "merged");
        PassMerger.Merge([nightly, empty], merged);

        var written = ReportReader.ReadDirectory(nightly).Results.Where(r => !r.Failed).ToList();
        var recomputed = ReportReader.ReadDirectory(merged).Results.Where(r => !r.Failed).ToList();
        Assert.NotEmpty(written);
        foreach (var (bdn, ours) in written.Zip(recomputed))
        {
            Assert.Equal(5, ours.Launches.Count);
            Assert.Equal(bdn.Statistics!.N, ours.Statistics!.N);
            Assert.Equal(1.0, ours.Statistics.Median / bdn.Statistics.Median, 9);
            Assert.Equal(1.0, ours.Statistics.Mean / bdn.Statistics.Mean, 9);
            Assert.Equal(1.0, ours.Statistics.StandardError / bdn.Statistics.StandardError, 6);
            Assert.Equal(1.0, ours.Statistics.ConfidenceUpper / bdn.Statistics.ConfidenceUpper, 6);
            Assert.Equal(bdn.Statistics.ConfidenceLevelPercent, ours.Statistics.ConfidenceLevelPercent);
        }
    }

    [Fact]
    public void Merge_Should_KeepABenchmarkFailed_WhenItFailedInOnePass()
    {
        // The second pass's copy of the first benchmark failed: BenchmarkDotNet wrote no statistics and no result measurements.
        using var temp = new TempFolder();
        var failing = temp.Sub("failing");
        string failed = string.Empty;
        foreach (var file in Directory.GetFiles(Nightly))
        {
            var target = System.IO.Path.Combine(failing, System.IO.Path.GetFileName(file));
            if (!file.EndsWith("-report-full.json", StringComparison.Ordinal))
            {
                File.Copy(file, target);
                continue;
            }

            var node = JsonNode.Parse(File.ReadAllText(file))!;
            var first = node["Benchmarks"]![0]!;
            failed = first["FullName"]!.GetValue<string>();
            first["Statistics"] = null;
            first["Measurements"] = new JsonArray();
            File.WriteAllText(target, node.ToJsonString());
        }

        var merged = System.IO.Path.Combine(temp.Path, "merged");
        PassMerger.Merge([Nightly, failing], merged);

        var run = ReportReader.ReadDirectory(merged);
        Assert.True(run.Results.Single(r => r.FullName == failed).Failed);
        Assert.All(run.Results.Where(r => r.FullName != failed), r => Assert.False(r.Failed));
    }

    [Theory]
    [InlineData("one-pass")]
    [InlineData("missing-pass")]
    [InlineData("output-not-empty")]
    public void MergePasses_Should_RefuseBadInput_InOneLine_OverwritingNothing(string problem)
    {
        using var temp = new TempFolder();
        var output = System.IO.Path.Combine(temp.Path, "merged");
        if (problem == "output-not-empty")
        {
            Directory.CreateDirectory(output);
            File.WriteAllText(System.IO.Path.Combine(output, "keep.txt"), "mine");
        }

        string[] passes = problem switch
        {
            "one-pass" => [TestInputs.Small],
            "missing-pass" => [TestInputs.Small, System.IO.Path.Combine(temp.Path, "no-such-pass")],
            _ => [TestInputs.Small, TestInputs.Small],
        };
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = Cli.Run(["merge-passes", .. passes, "--out", output], stdout, stderr);

        Assert.Equal(Cli.BadInput, exit);
        var line = Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", line, StringComparison.Ordinal);
        Assert.Equal(problem == "output-not-empty" ? ["keep.txt"] : [], Directory.Exists(output) ? Directory.GetFiles(output).Select(System.IO.Path.GetFileName) : []);
        Assert.Empty(Directory.GetDirectories(temp.Path, "merged.merging-*"));
    }
}
