using AsyncBench.Benchmarks.Declarations;
using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Http;
using AsyncBench.Benchmarks.Observing;
using AsyncBench.Benchmarks.Running;
using AsyncBench.Protocol.Latency;
using Perfolizer.Mathematics.OutlierDetection;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace AsyncBench.Tests.Running;

/// <summary>
/// --latency and --seed as the suite reads them (<see cref="LatencyOptions"/>): taken out before BenchmarkDotNet sees the
/// rest, every bad value one error line; and which cases the run's distribution replaces the fixed wait of (<see cref="RunLatency"/>).
/// </summary>
public sealed class LatencyOptionsTests
{
    private const string Kinds = "fixed:20ms, uniform:min=10ms,max=30ms, lognormal:median=20ms,p99=200ms or empirical:path/to/buckets.csv";

    [Fact]
    public void TryTake_Should_ReadTheDistributionAndDefaultSeed_AndPassTheRest()
    {
        Assert.True(LatencyOptions.TryTake(["--filter", "*Http*", "--latency", "lognormal:median=20ms,p99=200ms", "--job", "dry"], out var latency, out var rest, out _));

        Assert.Equal("lognormal:median=20ms,p99=200ms", latency!.Distribution.Canonical);
        Assert.Equal(LatencySampler.DefaultSeed, latency.Seed);
        Assert.Equal(["--filter", "*Http*", "--job", "dry"], rest);
        Assert.Equal("== latency: lognormal:median=20ms,p99=200ms in every case that waits (LatencyMs above 0), seed 1 (--seed N repeats or varies the draws).", latency.Describe());
    }

    [Theory]
    [InlineData(new[] { "--latency=uniform:min=10ms,max=30ms", "--seed", "42" }, "uniform:min=10ms,max=30ms", 42)]
    [InlineData(new[] { "--seed=7", "--latency", "fixed:20 ms" }, "fixed:20ms", 7)]
    [InlineData(new[] { "--latency", "fixed:5ms", "--latency", "fixed:20ms", "--seed", "1", "--seed", "0" }, "fixed:20ms", 0)] // the last one wins, as with --profile
    public void TryTake_Should_TakeTheSeed_AndTheLastOfEach(string[] args, string canonical, int seed)
    {
        Assert.True(LatencyOptions.TryTake(args, out var latency, out var rest, out _));

        Assert.Equal(canonical, latency!.Distribution.Canonical);
        Assert.Equal(seed, latency.Seed);
        Assert.Empty(rest);
    }

    [Fact]
    public void TryTake_Should_LeaveEveryCaseAtItsFixedDelay_WithoutTheOption()
    {
        Assert.True(LatencyOptions.TryTake(["--filter", "*", "--profile", "full"], out var latency, out var rest, out _));

        Assert.Null(latency);
        Assert.Equal(["--filter", "*", "--profile", "full"], rest);
    }

    [Theory]
    [InlineData(new[] { "--latency", "bimodal:20ms" }, $"--latency: Latency 'bimodal:20ms': unknown distribution 'bimodal'; use one of {Kinds}.")]
    [InlineData(new[] { "--filter", "*", "--latency" }, $"--latency: The latency is empty: give a distribution, e.g. {Kinds}.")]
    [InlineData(new[] { "--latency", "lognormal:median=20ms,p99=10ms" }, "--latency: Latency 'lognormal:median=20ms,p99=10ms': the p99 (10 ms) is below the median (20 ms); give a p99 above the median (e.g. lognormal:median=20ms,p99=200ms), or fixed:20ms for no spread.")]
    [InlineData(new[] { "--latency", "empirical:/no/such/buckets.csv" }, "--latency: Latency 'empirical:/no/such/buckets.csv': the file /no/such/buckets.csv does not exist; give the path of a CSV of latency buckets (e.g. empirical:path/to/buckets.csv).")]
    [InlineData(new[] { "--latency", "fixed:20ms", "--seed", "x" }, "--seed takes a whole number from 0 to 2147483647 (got 'x').")]
    [InlineData(new[] { "--latency", "fixed:20ms", "--seed", "-3" }, "--seed takes a whole number from 0 to 2147483647 (got '-3').")]
    [InlineData(new[] { "--latency", "fixed:20ms", "--seed", "2147483648" }, "--seed takes a whole number from 0 to 2147483647 (got '2147483648').")]
    [InlineData(new[] { "--latency", "fixed:20ms", "--seed" }, "--seed takes a whole number from 0 to 2147483647.")]
    [InlineData(new[] { "--seed", "5", "--filter", "*" }, "--seed applies only with --latency <distribution>: a fixed LatencyMs draws nothing. Add e.g. --latency 'lognormal:median=20ms,p99=200ms', or drop --seed.")]
    public void TryTake_Should_RefuseWithOneLine(string[] args, string expected)
    {
        Assert.False(LatencyOptions.TryTake(args, out var latency, out _, out var error));

        Assert.Null(latency);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void TryTake_Should_RefuseACsvThatIsNotOne()
    {
        var csv = Path.Combine(Path.GetTempPath(), $"asyncbench-not-buckets-{Guid.NewGuid():N}.csv");
        File.WriteAllText(csv, "hello, world\nthis is not a histogram\n");
        try
        {
            Assert.False(LatencyOptions.TryTake(["--latency", "empirical:" + csv], out _, out _, out var error));

            Assert.StartsWith($"--latency: Latency 'empirical:{csv}': ", error, StringComparison.Ordinal);
            Assert.Contains("is not a buckets header", error, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', error);
        }
        finally
        {
            File.Delete(csv);
        }
    }

    [Theory]
    [InlineData(20, "lognormal:median=20ms,p99=200ms", "lognormal:median=20ms,p99=200ms")]
    [InlineData(0, "lognormal:median=20ms,p99=200ms", null)] // a case that does not wait stays so
    [InlineData(20, "fixed:20ms", null)]                      // the same as its fixed delay: today's case
    [InlineData(20, "fixed:30ms", "fixed:30ms")]
    [InlineData(20, null, null)]                              // no --latency: today's case
    public void For_Should_ReplaceTheFixedDelay_OnlyWhereACaseWaitsAnother(int latencyMs, string? spec, string? expected)
    {
        var distribution = spec is null ? null : LatencyDistribution.Parse(spec);

        Assert.Equal(expected, RunLatency.For(latencyMs, distribution)?.Canonical);
    }
}

/// <summary>
/// The run's distribution in the declarations sidecar and the command line's exit code: these set and read the variables
/// the suite hands its benchmark processes, so they run alone.
/// </summary>
[Collection(ProcessWideStateCollection.Name)]
public sealed class RunLatencyDeclarationTests
{
    private static List<BenchmarkCase> HttpCases() =>
        [.. BenchmarkConverter.TypeToBenchmarks(typeof(HttpBenchmarks), DefaultConfig.Instance).BenchmarksCases];

    [Fact]
    public void Declare_Should_CarryTheDistribution_OnTheCasesThatWaitIt()
    {
        LatencyOptions.Export(new LatencyOptions(LatencyDistribution.Parse("lognormal:median=20ms,p99=200ms"), 42));
        try
        {
            var declared = DeclarationsExporter.Declare(HttpCases()).Benchmarks;

            Assert.All(declared.Where(b => b.FullName.Contains("LatencyMs: 20", StringComparison.Ordinal)), b =>
            {
                Assert.Equal("lognormal:median=20ms,p99=200ms", b.Latency);
                Assert.Equal(42, b.LatencySeed);
            });
            Assert.All(declared.Where(b => b.FullName.Contains("LatencyMs: 0", StringComparison.Ordinal)), b =>
            {
                Assert.Null(b.Latency);
                Assert.Null(b.LatencySeed);
            });
            Assert.Contains(declared, b => b.Latency is not null);
        }
        finally
        {
            LatencyOptions.Export(null);
        }
    }

    [Fact]
    public void Declare_Should_MarkEveryCase_OfAReviewersRun()
    {
        var setting = ReviewerRun.Describe(
            new ParamsOverride([new("Count", ["500"]), new("LatencyMs", ["20"])]),
            new LatencyOptions(LatencyDistribution.Parse("lognormal:median=20ms,p99=200ms"), 1));
        Assert.Equal("--params Count=500 LatencyMs=20 --latency lognormal:median=20ms,p99=200ms --seed 1", setting);
        Environment.SetEnvironmentVariable(ReviewerRun.Variable, setting);
        try
        {
            Assert.All(DeclarationsExporter.Declare(HttpCases()).Benchmarks, b => Assert.Equal(setting, b.ReviewerSetting));
        }
        finally
        {
            Environment.SetEnvironmentVariable(ReviewerRun.Variable, null);
        }
    }

    [Fact]
    public void Schedule_Should_BeHandedOver_OnlyToTheCasesThatWaitTheRunsDistribution()
    {
        var whenAll = HttpCases().Where(c => c.Descriptor.WorkloadMethod.Name == nameof(HttpBenchmarks.WhenAll) && Equals(CaseFacts.ValueOf(c, "Count"), 100)).ToList();
        var waiting = whenAll.Single(c => Equals(CaseFacts.ValueOf(c, "LatencyMs"), 20));
        var notWaiting = whenAll.Single(c => Equals(CaseFacts.ValueOf(c, "LatencyMs"), 0));

        // A default run: nothing handed over, so its floor is the declared one and its timed code does not time batches.
        Assert.Null(CaseFacts.ScheduleToHandOver(waiting));
        LatencyOptions.Export(new LatencyOptions(LatencyDistribution.Parse("lognormal:median=20ms,p99=200ms"), 42));
        try
        {
            Assert.Equal(new CaseSchedule(100, new FloorSchedule(100, 100, CaseFacts.Schedule(waiting, null)!.UnitWaitMs)), CaseFacts.ScheduleToHandOver(waiting));
            Assert.Null(CaseFacts.ScheduleToHandOver(notWaiting));
        }
        finally
        {
            LatencyOptions.Export(null);
        }
    }

    [Fact]
    public void Config_Should_KeepEveryIteration_OnlyUnderADistribution()
    {
        // Under a tail the slow iterations are what is measured: BenchmarkDotNet's default (drop upper outliers) stays for a default run.
        static OutlierMode? ModeOf(IConfig config) =>
            BenchmarkConverter.TypeToBenchmarks(typeof(HttpBenchmarks), config).BenchmarksCases[0].Job is var job && job.HasValue(AccuracyMode.OutlierModeCharacteristic)
                ? job.Accuracy.OutlierMode
                : null;

        Assert.Null(ModeOf(BenchmarkConfig.Create(Profiles.Quick))); // BenchmarkDotNet's own default
        LatencyOptions.Export(new LatencyOptions(LatencyDistribution.Parse("lognormal:median=20ms,p99=200ms"), 42));
        try
        {
            Assert.Equal(OutlierMode.DontRemove, ModeOf(BenchmarkConfig.Create(Profiles.Quick)));
        }
        finally
        {
            LatencyOptions.Export(null);
        }
    }

    [Fact]
    public void Declare_Should_WriteTheSidecarAsBefore_WithoutADistribution()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(DeclarationsExporter.Declare(HttpCases()), DeclarationsExporter.Json);

        Assert.DoesNotContain("\"Latency\":", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"LatencySeed\":", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"ReviewerSetting\":", json, StringComparison.Ordinal);
        Assert.Null(ReviewerRun.Describe(null, null));
    }

    [Fact]
    public void Run_Should_ExitTwo_OnABadDistribution_BeforeBenchmarkDotNetStarts()
    {
        Assert.Equal(2, SuiteRunner.Run(["--filter", "*HttpBenchmarks*", "--latency", "lognormal:median=20ms,p99=2ms"]));
        Assert.Null(Environment.GetEnvironmentVariable(RunLatency.Variable));
    }
}
