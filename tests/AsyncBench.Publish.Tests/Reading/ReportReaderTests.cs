using System.Globalization;
using System.Text;
using AsyncBench.Publishing;
using AsyncBench.Publishing.Reading;

namespace AsyncBench.Publish.Tests;

/// <summary>
/// The typed reader of BenchmarkDotNet's full JSON reads the model the hand-walking reader read: each input's model,
/// written out in full (every number round-trip), against the text the earlier reader produced from the same files.
/// </summary>
public class ReportReaderTests
{
    /// <summary>A real run's report, unedited: <c>results/2026-12-01_074329_vm</c>, LazyReaderBenchmarks (5 launches, 11 metrics each).</summary>
    private static string Real => Path.Combine(AppContext.BaseDirectory, "Inputs", "real");

    [Theory]
    [InlineData("real")]
    [InlineData("small")]
    [InlineData("user")]
    public void ReadDirectory_Should_ReadTheModelTheEarlierReaderRead(string input)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Inputs", input);
        var file = Path.Combine(TestInputs.ModelsSourceDirectory(), $"{input}.model.txt");

        var actual = ModelText(ReportReader.ReadDirectory(folder));

        // The same re-recording switch as the golden pages (an intended change of the model only).
        if (Environment.GetEnvironmentVariable("ASYNCBENCH_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, actual);
        }

        var expected = File.ReadAllText(file);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void ReadDirectory_Should_ReadARealReport_WithEveryPartThePublisherUses()
    {
        var run = ReportReader.ReadDirectory(Real);

        Assert.Equal("0.15.8", run.Environment.BenchmarkDotNetVersion);
        Assert.Equal(2, run.Results.Count);
        Assert.All(run.Results, r =>
        {
            Assert.False(r.Failed);
            Assert.Equal(99.9, r.Statistics!.ConfidenceLevelPercent);
            Assert.Equal(5, r.Launches.Count);
            Assert.Equal(r.Statistics.N, r.MeasurementsNs.Count);
            Assert.NotNull(r.CompletedWorkItemsPerOperation);
            Assert.NotNull(r.Metric("AsyncBench.CpuTimeNs"));
        });
        Assert.Contains(run.Declarations.Described, m => m.Id == "AsyncBench.ThreadsBefore" && m.Legend.Length > 0 && m.Phrase is not null);
    }

    [Fact]
    public void ReadDirectory_Should_SumEveryIterationRun_AsWhatTheLaunchesCost()
    {
        var run = ReportReader.ReadDirectory(Real);

        // Every stage's iterations in the report (jitting, pilot, overhead, actual; not the derived results): summed by hand.
        Assert.Equal(3.045605017e9, run.Results.Single(r => r.Id.Method == "MaterializedList").MeasuredNs, 0.5);
        Assert.Equal(3.128419716e9, run.Results.Single(r => r.Id.Method == "LazyReader").MeasuredNs, 0.5);
    }

    [Theory]
    [InlineData("{\"Median\": true}", "'Median' is True, not a number")]
    [InlineData("{\"Median\": 1, \"ConfidenceInterval\": {\"Lower\": \"low\"}}", "'Lower' is String, not a number")]
    public void ReadDirectory_Should_NameTheField_ThatIsNotANumber(string statistics, string expected)
    {
        using var temp = new TempFolder();
        File.WriteAllText(
            Path.Combine(temp.Path, "x-report-full.json"),
            $"{{\"Title\": \"x\", \"HostEnvironmentInfo\": {{}}, \"Benchmarks\": [{{\"Type\": \"T\", \"Method\": \"M\", \"Statistics\": {statistics}}}]}}");

        var error = Assert.Throws<PublishException>(() => ReportReader.ReadDirectory(temp.Path));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("is not in BenchmarkDotNet's full JSON format", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadDirectory_Should_ReadAFailedBenchmark_WithNullStatistics_AsFailed()
    {
        using var temp = new TempFolder();
        File.WriteAllText(
            Path.Combine(temp.Path, "x-report-full.json"),
            "{\"Title\": \"x\", \"HostEnvironmentInfo\": {}, \"Benchmarks\": [{\"Namespace\": null, \"Type\": \"T\", \"Method\": \"M\", \"Statistics\": null, \"Metrics\": [{\"Value\": \"\", \"Descriptor\": {\"Id\": \"X\"}}]}]}");

        var result = Assert.Single(ReportReader.ReadDirectory(temp.Path).Results);

        Assert.True(result.Failed);
        Assert.Null(result.Statistics);
        Assert.Equal(".T.M()", result.Id.Key);
        Assert.Null(result.Metric("X"));
    }

    /// <summary>Everything the reader puts in the model, one line per fact, numbers round-trip.</summary>
    internal static string ModelText(BenchmarkRun run)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"environment {run.Environment}\nstarted {run.StartedUtc:O}\ndifferences {string.Join(" ; ", run.EnvironmentDifferences)}\n");
        foreach (var r in run.Results)
        {
            text.Append(CultureInfo.InvariantCulture, $"benchmark {r.Id.Key} | {r.FullName} | job {r.Job} | ops {r.Operations} | failed {r.Failed}\n");
            if (r.Statistics is { } s)
            {
                text.Append("  statistics ").AppendJoin(' ', new[] { s.Median, s.Mean, s.StandardError, s.ConfidenceLower, s.ConfidenceUpper, s.ConfidenceLevelPercent }.Select(v => Number(v))).Append(CultureInfo.InvariantCulture, $" n={s.N}\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"  allocated {Number(r.AllocatedBytesPerOperation)} work items {Number(r.CompletedWorkItemsPerOperation)} contentions {Number(r.LockContentionsPerOperation)}\n");
            text.Append("  metrics ").AppendJoin(' ', (r.Metrics ?? new Dictionary<string, double>()).OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key}={Number(m.Value)}")).Append('\n');
            text.Append("  measurements ").AppendJoin(' ', r.MeasurementsNs.Select(v => Number(v))).Append('\n');
            text.Append("  launches ").AppendJoin(' ', r.MeasurementLaunches ?? []).Append('\n');
        }

        foreach (var m in run.Declarations.Described)
        {
            text.Append(CultureInfo.InvariantCulture, $"metric {m.Id} | {m.DisplayName} | {m.Unit} | {m.Legend} | {m.Aggregation} | {m.Phrase} | {m.Source} | {m.Cell} | ")
                .AppendJoin(", ", (m.ValueNames ?? new Dictionary<string, string>()).Select(p => $"{p.Key}={p.Value}")).Append('\n');
        }

        return text.ToString();
    }

    private static string Number(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "null";
}
