using System.Reflection;
using System.Text.Json;
using AsyncBench.Benchmarks.Declarations;
using AsyncBench.Benchmarks.Http;
using AsyncBench.Benchmarks.Observing;
using AsyncBench.Benchmarks.Running;
using AsyncBench.Protocol;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace AsyncBench.Tests.Declarations;

/// <summary>
/// The suite's own claims: every one passes the validator that runs before a benchmark run, every rule has a deciding
/// claim, and the declarations sidecar carries the claims and every metric's description (format 2).
/// </summary>
public sealed class DeclarationTests
{
    private static readonly Type[] SuiteTypes = [.. typeof(SuiteRunner).Assembly.GetTypes().OrderBy(t => t.FullName, StringComparer.Ordinal)];

    private static readonly Type[] ClaimingTypes = [.. SuiteTypes.Where(t => !t.IsAbstract && ClaimAttribute.Of(t).Count > 0)];

    public static TheoryData<string> ClaimingTypeNames() => [.. ClaimingTypes.Select(t => t.FullName!)];

    [Theory]
    [MemberData(nameof(ClaimingTypeNames))]
    public void Claims_Should_PassTheValidator(string typeName)
    {
        var type = ClaimingTypes.Single(t => t.FullName == typeName);

        Assert.Empty(ClaimValidator.Problems(type));
    }

    [Fact]
    public void EveryRule_Should_BeStatedOnce_AndHaveADecidingClaim()
    {
        var rules = DeclarationsExporter.Rules(ClaimingTypes);
        var claims = DeclarationsExporter.Claims(ClaimingTypes);

        Assert.Equal(Enumerable.Range(1, 10), rules.Select(r => r.Number));
        Assert.All(rules, rule => Assert.Contains(claims, c => c.Rule == rule.Number && c.Deciding));
    }

    [Fact]
    public void EveryClaim_Should_BeAbleToComeOutBothWays()
    {
        Assert.All(DeclarationsExporter.Claims(ClaimingTypes), c =>
        {
            Assert.Contains(Answer.Yes, c.Answers);
            Assert.Contains(Answer.No, c.Answers);
            Assert.Equal(c.Thresholds.Count + 1, c.Answers.Count);
        });
    }

    [Fact]
    public void Rule6_Should_BeDecidedByHowManyRanAtOnce_AndThreadStartUp_ShouldNeverDecide()
    {
        var claims = DeclarationsExporter.Claims(ClaimingTypes);

        Assert.All(claims.Where(c => c.Rule == 6 && c.Deciding), c => Assert.Equal(MetricIds.UnitsPeakInFlight, c.MetricId));
        Assert.All(claims.Where(c => c.Side == nameof(Benchmarks.Harness.StrategyBenchmarks.ThreadPerRequest) || c.Versus == nameof(Benchmarks.Harness.StrategyBenchmarks.ThreadPerRequest)), c => Assert.False(c.Deciding, c.Id));
    }

    [Fact]
    public void Export_Should_WriteFormat3_WithTheClassesClaims_TheirWords_AndEveryMetricDescribed()
    {
        var cases = BenchmarkConverter.TypeToBenchmarks(typeof(Benchmarks.Rules.TaskRunWrappingBenchmarks), ManualConfig.CreateEmpty()).BenchmarksCases;

        var declarations = DeclarationsExporter.Declare(cases);
        var read = JsonSerializer.Deserialize<ReportDeclarations>(JsonSerializer.Serialize(declarations, DeclarationsExporter.Json), DeclarationsExporter.Json)!;

        Assert.Equal(ReportDeclarations.CurrentFormat, read.Format);
        Assert.Empty(read.Comparisons);
        Assert.Equal(cases.Length, read.Benchmarks.Count);
        var claims = read.Claims!;
        Assert.Equal(typeof(Benchmarks.Rules.TaskRunWrappingBenchmarks).GetCustomAttributes<ClaimAttribute>().Count(), claims.Count);
        var deciding = Assert.Single(claims, c => c.Deciding);
        Assert.Equal(("wrapped-calls-run-one-after-another", ClaimMeasure.Metric, "TaskRunWrapped", MetricIds.UnitsPeakInFlight, "Count=100&LatencyMs=20"), (deciding.Id, deciding.Measure, deciding.Side, deciding.MetricId, deciding.Setting));
        Assert.Equal([2.0], deciding.Thresholds);
        Assert.Equal([Answer.Yes, Answer.No], deciding.Answers);
        Assert.Null(deciding.Outcomes);
        Assert.Equal(Answer.Yes, deciding.HoldsIf);
        Assert.Equal(("HTTP GETs wrapped in Task.Run (the mock server)", "wrapped HTTP GETs", "calls wrapped in Task.Run"), (deciding.Target, deciding.TargetName, deciding.SideWords));
        var quoted = Assert.Single(claims, c => c.Quoted);
        Assert.Equal(("wrapping-costs-more-than-native-async", "native async calls"), (quoted.Id, quoted.VersusWords));

        var metrics = read.Metrics!;
        Assert.Equal(ObservedMetric.Declared.Select(m => m.Id), metrics.Select(m => m.Id));
        Assert.Equal(("server", "{value} req"), (metrics.Single(m => m.Id == HttpMetricIds.Requests).Source, metrics.Single(m => m.Id == HttpMetricIds.Requests).Cell));
        Assert.Equal("server CPU", metrics.Single(m => m.Id == HttpMetricIds.Bound).ValueNames![MetricIds.BoundByServerCpu.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.All(metrics.Where(m => m.Id != HttpMetricIds.Bound), m => Assert.Contains("{value}", m.Phrase, StringComparison.Ordinal));
        Assert.All(metrics.Where(m => m.Phrase is not null), m => Assert.DoesNotContain("`", m.Phrase, StringComparison.Ordinal)); // the renderer decides: words or an identifier
        Assert.Equal("ms", metrics.Single(m => m.Id == HttpMetricIds.ServerCpuMs).Unit);
        Assert.Equal("ms", metrics.Single(m => m.Id == HttpMetricIds.ServerWaitMs).Unit);
        Assert.Equal("Max", metrics.Single(m => m.Id == MetricIds.UnitsPeakInFlight).Aggregation);
    }

    [Fact]
    public void Claims_Should_NameTheirTargetShortly_ByWhatItMeasures_WhereNoNameIsDeclared()
    {
        // SqlitePointLookupBenchmarks declares no Name: the answers call it by what it measures, without its fixture.
        var lookups = DeclarationsExporter.Claims([typeof(Benchmarks.Sqlite.SqlitePointLookupBenchmarks)]);
        var inserts = DeclarationsExporter.Claims([typeof(Benchmarks.Sqlite.SqliteInsertBenchmarks)]);

        Assert.All(lookups, c => Assert.Equal(("SQLite point lookups", "SQLite point lookups (a SQLite file)"), (c.TargetName, c.Target)));
        Assert.All(inserts, c => Assert.Equal("SQLite inserts", c.TargetName));
    }

    [Fact]
    public void EveryClaimedMetric_Should_BeDescribed_OrBeBenchmarkDotNetsOwn()
    {
        var described = DeclarationsExporter.Metrics().Select(m => m.Id).ToHashSet();
        var cited = DeclarationsExporter.Claims(ClaimingTypes).SelectMany(c => c.Mechanism.Append(c.MetricId).Append(c.Premise?.MetricId)).OfType<string>();

        Assert.All(cited, id => Assert.True(described.Contains(id) || id is MetricIds.CompletedWorkItems or MetricIds.AllocatedBytes, id));
    }
}
