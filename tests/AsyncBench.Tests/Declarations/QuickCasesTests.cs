using AsyncBench.Benchmarks.Declarations;
using AsyncBench.Benchmarks.Http;
using AsyncBench.Benchmarks.Observing;
using AsyncBench.Benchmarks.Rules;
using AsyncBench.Benchmarks.Running;
using AsyncBench.Benchmarks.Sqlite;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace AsyncBench.Tests.Declarations;

/// <summary>The quick profile's cut: every benchmark of a class at its declared settings, nothing at the others; a class without one refused.</summary>
public sealed class QuickCasesTests
{
    [Fact]
    public void Http_Should_KeepEveryMethodAndArgument_AtItsClaimsSetting_AndNoOtherSetting()
    {
        var kept = Kept(typeof(HttpBenchmarks));

        // Every strategy, ParallelForEachAsync at both its degrees: the whole class, at Count=100&LatencyMs=20 only.
        Assert.Equal(All(typeof(HttpBenchmarks)).Select(Name).Distinct().Order(StringComparer.Ordinal), kept.Select(Name).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(2, kept.Count(c => c.Descriptor.WorkloadMethod.Name == nameof(HttpBenchmarks.ParallelForEachAsync)));
        Assert.All(kept, c => Assert.Equal((100, 20), ((int)CaseFacts.ValueOf(c, "Count")!, (int)CaseFacts.ValueOf(c, "LatencyMs")!)));
        Assert.Contains(All(typeof(HttpBenchmarks)), c => (int)CaseFacts.ValueOf(c, "Count")! != 100 && !QuickCases.IsKept(c));
    }

    [Fact]
    public void ClaimSet_Should_GiveItsClassesSetting()
    {
        // SqliteRangeScanBenchmarks names its setting only through [ClaimsFrom(..., Setting = "Count=10")].
        var kept = Kept(typeof(SqliteRangeScanBenchmarks));

        Assert.NotEmpty(kept);
        Assert.All(kept, c => Assert.Equal(10, (int)CaseFacts.ValueOf(c, "Count")!));
    }

    [Fact]
    public void QuickSetting_Should_KeepItsSetting_AndLeaveTheOthersOut()
    {
        var kept = Kept(typeof(DeclaresItsSetting));

        Assert.Equal(2, kept.Count);
        Assert.All(kept, c => Assert.Equal(("2", "b"), (CaseFacts.ValueOf(c, "Count")!.ToString(), CaseFacts.ValueOf(c, "Mode")!.ToString())));
        Assert.Empty(QuickCases.Problems(typeof(DeclaresItsSetting)));
    }

    [Fact]
    public void ClassWithoutParams_Should_BeKeptWhole_WithoutADeclaration()
    {
        Assert.Equal(All(typeof(WithoutParams)).Count, Kept(typeof(WithoutParams)).Count);
        Assert.Empty(QuickCases.Problems(typeof(WithoutParams)));
    }

    [Fact]
    public void ClassWithParamsAndNoDeclaration_Should_KeepNoCase_AndBeRefused()
    {
        Assert.Empty(Kept(typeof(DeclaresNothing)));
        Assert.NotEmpty(QuickCases.Problems(typeof(DeclaresNothing)));
    }

    [Theory]
    [InlineData(typeof(DeclaresNothing), "it has [Params] (Count, Mode) but no claim and no [QuickSetting(...)], so the quick profile would run none of its cases; declare the setting a first run measures, e.g. [QuickSetting(\"Count=1&Mode=a\")].")]
    [InlineData(typeof(UnknownName), "[QuickSetting(\"Count=2&Size=3\")]: the setting names 'Size', which is not a [Params] of the class")]
    [InlineData(typeof(UnknownValue), "[QuickSetting(\"Count=7&Mode=a\")]: the class runs no case at 'Count=7&Mode=a'")]
    [InlineData(typeof(IncompleteSetting), "[QuickSetting(\"Count=2\")]: the setting 'Count=2' does not name the [Params] 'Mode'")]
    public void Check_Should_RefuseTheClass_InOneLineNamingIt(Type type, string problem)
    {

        var line = QuickCases.Check([typeof(DeclaresItsSetting), type]);

        Assert.NotNull(line);
        Assert.StartsWith($"{type.FullName}: {problem}", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line);
    }

    [Fact]
    public void EverySuiteClass_Should_DeclareAQuickSetting_AndKeepACase()
    {
        Assert.Null(QuickCases.Check(ConfigurationCheck.BenchmarkClasses));
        Assert.All(ConfigurationCheck.BenchmarkClasses, t => Assert.NotEmpty(Kept(t)));
    }

    [Fact]
    public void QuickCut_Should_KeepEveryCaseTheClaimsRead()
    {
        var claimCases = ConfigurationCheck.BenchmarkClasses.SelectMany(All).Where(ClaimCases.IsRead).ToList();

        Assert.NotEmpty(claimCases);
        Assert.All(claimCases, c => Assert.True(QuickCases.IsKept(c), c.DisplayInfo));
    }

    [Fact]
    public void QuickProfile_Should_CutToTheDeclaredSettings_AndSweep_ToTheFloorsLimit()
    {
        Assert.Contains(QuickCases.Filter, BenchmarkConfig.Create(Profiles.Quick).GetFilters());
        Assert.DoesNotContain(Profiles.SweepFilter, BenchmarkConfig.Create(Profiles.Quick).GetFilters());
        Assert.Contains(Profiles.SweepFilter, BenchmarkConfig.Create(Profiles.Sweep).GetFilters());
        Assert.DoesNotContain(QuickCases.Filter, BenchmarkConfig.Create(Profiles.Sweep).GetFilters());
        // Under a reviewer's --params the declared settings are replaced: quick cuts as the sweep does.
        Assert.Contains(Profiles.SweepFilter, BenchmarkConfig.Create(Profiles.Quick, reviewersParams: true).GetFilters());
    }

    [Fact]
    public void SweepProfile_Should_BeTheQuickJob_OverEveryCaseWithinTheFloorsLimit()
    {
        var quick = Profiles.JobFor(Profiles.Quick);
        var sweep = Profiles.JobFor(Profiles.Sweep);
        Assert.Equal("Sweep", sweep.Id);
        Assert.Equal((quick.Run.LaunchCount, quick.Run.WarmupCount, quick.Run.IterationTime, quick.Run.MinIterationCount, quick.Run.MaxIterationCount, quick.Accuracy.MaxRelativeError),
            (sweep.Run.LaunchCount, sweep.Run.WarmupCount, sweep.Run.IterationTime, sweep.Run.MinIterationCount, sweep.Run.MaxIterationCount, sweep.Accuracy.MaxRelativeError));

        // Every case of the suite is in the sweep exactly when its batch waits at most 2 s: the parameter sweeps are there, the 20 s loops are not.
        var sweepConfig = BenchmarkConfig.Create(Profiles.Sweep);
        foreach (var type in new[] { typeof(HttpBenchmarks), typeof(TaskRunWrappingBenchmarks), typeof(SqlitePointLookupBenchmarks) })
        {
            var swept = BenchmarkConverter.TypeToBenchmarks(type, sweepConfig).BenchmarksCases.Select(Key).ToHashSet();
            Assert.All(All(type), c => Assert.Equal(Profiles.NominalWaitMs(c) <= Profiles.SweepMaxNominalWaitMs, swept.Contains(Key(c))));
            Assert.True(swept.Count > Kept(type).Count, type.Name);
        }
    }

    private static string Name(BenchmarkCase benchmark) => benchmark.Descriptor.WorkloadMethod.Name;

    /// <summary>A case whatever its job: its method and parameters.</summary>
    private static string Key(BenchmarkCase benchmark) => Name(benchmark) + benchmark.Parameters.DisplayInfo;

    private static List<BenchmarkCase> All(Type type) => [.. BenchmarkConverter.TypeToBenchmarks(type, ManualConfig.CreateEmpty()).BenchmarksCases];

    private static List<BenchmarkCase> Kept(Type type) => [.. All(type).Where(QuickCases.Filter.Predicate)];

    public abstract class QuickTestBenchmarks
    {
        [Params(1, 2)]
        public int Count { get; set; }

        [Params("a", "b")]
        public string Mode { get; set; } = "a";

        [Benchmark]
        public int Run() => Count;

        [Benchmark]
        public int Other() => Count + 1;
    }

    [QuickSetting("Count=2&Mode=b")]
    public class DeclaresItsSetting : QuickTestBenchmarks
    {
    }

    public class DeclaresNothing : QuickTestBenchmarks
    {
    }

    [QuickSetting("Count=2&Size=3")]
    public class UnknownName : QuickTestBenchmarks
    {
    }

    [QuickSetting("Count=7&Mode=a")]
    public class UnknownValue : QuickTestBenchmarks
    {
    }

    [QuickSetting("Count=2")]
    public class IncompleteSetting : QuickTestBenchmarks
    {
    }

    public class WithoutParams
    {
        [Benchmark]
        public int Run() => 1;

        [Benchmark]
        public int Other() => 2;
    }
}

/// <summary>The quick cut against a real target: a [FixtureOnly] parameter runs at one value there and is not compared. It sets ASYNCBENCH_HTTP_URL, so it runs alone.</summary>
[Collection(ProcessWideStateCollection.Name)]
public sealed class QuickCasesRealTargetTests
{
    [Fact]
    public void RealTarget_Should_KeepTheDeclaredCount_AtTheOneLatencyItRuns()
    {
        var cases = BenchmarkConverter.TypeToBenchmarks(typeof(HttpBenchmarks), ManualConfig.CreateEmpty()).BenchmarksCases;
        bool Kept(int count, int latency) => cases.Where(c => (int)CaseFacts.ValueOf(c, "Count")! == count && (int)CaseFacts.ValueOf(c, "LatencyMs")! == latency).All(QuickCases.IsKept);

        // With the mock, LatencyMs is part of the declared setting (Count=100&LatencyMs=20).
        Assert.True(Kept(100, 20));
        Assert.False(Kept(100, 0));

        Environment.SetEnvironmentVariable("ASYNCBENCH_HTTP_URL", "http://127.0.0.1:9/item");
        try
        {
            // A real server runs LatencyMs=0 only (CaseFacts.VariesOnlyWhatApplies): the declared Count there is kept, not nothing.
            Assert.True(Kept(100, 0));
            Assert.False(Kept(1000, 0));
        }
        finally
        {
            Environment.SetEnvironmentVariable("ASYNCBENCH_HTTP_URL", null);
        }
    }
}
