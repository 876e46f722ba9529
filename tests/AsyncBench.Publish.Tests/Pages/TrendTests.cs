using AsyncBench.Publishing.Pages;
using AsyncBench.Publishing.Reading;

namespace AsyncBench.Publish.Tests;

public sealed class TrendTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    /// <summary>A copy of the small input whose titles say it started at <paramref name="time"/> (HHmmss), so it publishes as a new run.</summary>
    private string InputStartedAt(string time)
    {
        var folder = temp.Sub("input-" + time);
        foreach (var file in Directory.GetFiles(TestInputs.Small, ReportReader.ReportPattern))
        {
            var text = File.ReadAllText(file).Replace("-20261125-0300", "-20261125-" + time[..4], StringComparison.Ordinal).Replace("-20261125-0305", "-20261125-" + time[..4], StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(folder, Path.GetFileName(file)), text);
        }

        return folder;
    }

    [Fact]
    public void Trend_Should_ShowOnlyRunsOfTheSameMachine()
    {
        var results = temp.Sub("results");
        Publisher.Publish(InputStartedAt("010000"), results, new RunLabel("c1", "linux"));
        Publisher.Publish(InputStartedAt("020000"), results, new RunLabel("c2", "macos"));

        var third = Publisher.Publish(InputStartedAt("030000"), results, new RunLabel("c3", "linux"));

        var trend = File.ReadAllText(Path.Combine(third.RunDirectory, TrendPage.FileName));
        Assert.Contains("last 2 published run(s) of this machine", trend, StringComparison.Ordinal);
        Assert.Contains("commit c1", trend, StringComparison.Ordinal);
        Assert.Contains("commit c3", trend, StringComparison.Ordinal);
        Assert.DoesNotContain("commit c2", trend, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(third.RunDirectory, "trend-http-HttpBenchmarks-LatencyMs-20.svg")));
        Assert.Equal(4, Directory.GetDirectories(results).Length); // three runs and latest/
    }

    [Fact]
    public void Trend_Should_DrawOneChartPerSetting_WithEachBenchmarkOnce()
    {
        // Two settings (LatencyMs 0 and 20) of one class, two strategies, Count 1 and 100: two charts of two lines each, at Count=100.
        static BenchmarkResult Case(string method, int count, string latency, double ns) =>
            SyntheticRuns.Result(new BenchmarkId("AsyncBench.Benchmarks.Http", "HttpBenchmarks", method, [new("Count", count.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("LatencyMs", latency)]), ns, 0.01, count);
        var results = new[] { "0", "20" }.SelectMany(l => new[] { 1, 100 }.SelectMany(c => new[] { Case("Serial", c, l, 1e6 * c), Case("WhenAll", c, l, 1e6) })).ToArray();
        var runs = Enumerable.Range(1, 3).Select(n => (new RunManifest("vm", $"c{n}", null, "cpu", "rt", results.Length, 0), SyntheticRuns.Night(n, results))).ToList();

        var files = TrendPage.Render("vm", Trend.Of(runs));

        var charts = files.Keys.Where(k => k.EndsWith(".svg", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["trend-http-HttpBenchmarks-LatencyMs-0.svg", "trend-http-HttpBenchmarks-LatencyMs-20.svg"], charts);
        foreach (var chart in charts)
        {
            Assert.Equal(2, CountOf(files[chart], "<polyline"));
            Assert.Equal(1, CountOf(files[chart], ">Serial</text>"));
            Assert.Contains("Count=100", files[chart], StringComparison.Ordinal);
        }
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;
}
