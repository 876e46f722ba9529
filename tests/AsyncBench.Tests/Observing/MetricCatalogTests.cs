using System.Reflection;
using AsyncBench.Benchmarks.Http;
using AsyncBench.Benchmarks.Observing;
using AsyncBench.Benchmarks.Serial;
using AsyncBench.Protocol;

namespace AsyncBench.Tests.Observing;

/// <summary>
/// Every metric is declared once, next to the code that measures it, with what the pages need to place it; the
/// catalog finds the declaring types by themselves, so a new target edits no list.
/// </summary>
public sealed class MetricCatalogTests
{
    [Fact]
    public void EveryMetric_Should_NameItsSource_AndSayHowACellStatesIt()
    {
        Assert.NotEmpty(ObservedMetric.Declared);
        Assert.All(ObservedMetric.Declared, m =>
        {
            Assert.False(string.IsNullOrWhiteSpace(m.Source), m.Id);
            Assert.Contains("{value}", m.Cell, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(m.Legend), m.Id);
        });
    }

    [Fact]
    public void Catalog_Should_KeepEveryPublishedMetricId()
    {
        // Published runs and claims name these ids: each must still be declared, by exactly one type. The shared ids
        // are in MetricIds, each target's in its own folder (HttpMetricIds, SerialMetricIds, RedisMetricIds, RuleMetricIds).
        var idClasses = typeof(MetricIds).Assembly.GetTypes().Concat(typeof(HttpMetricIds).Assembly.GetTypes())
            .Where(t => t.Name.EndsWith("MetricIds", StringComparison.Ordinal))
            .ToList();
        var published = idClasses
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Except([MetricIds.CompletedWorkItems, MetricIds.AllocatedBytes]) // BenchmarkDotNet's own
            .ToList();

        Assert.Equal(["HttpMetricIds", "MetricIds", "RedisMetricIds", "RuleMetricIds", "SerialMetricIds"], idClasses.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(published, id => Assert.Single(ObservedMetric.Declared, m => m.Id == id));
        Assert.Equal(ObservedMetric.Declared.Count, published.Count); // and every declared metric has its id in one of them
    }

    [Fact]
    public void Catalog_Should_TakeEachTargetsMetrics_FromTheTypeThatMeasuresThem_TheSuitesOwnFirst()
    {
        Assert.Equal(SuiteMetrics.Metrics, ObservedMetric.Declared.Take(SuiteMetrics.Metrics.Count));
        Assert.All(HttpServerObservation.Metrics, m => Assert.Same(m, ObservedMetric.All[m.Id]));
        Assert.All(SerialDevicesObservation.Metrics, m => Assert.Same(m, ObservedMetric.All[m.Id]));
        Assert.All(HttpServerObservation.Metrics, m => Assert.Equal("server", m.Source));
        Assert.All(SerialDevicesObservation.Metrics, m => Assert.Equal("devices", m.Source));
    }

    [Fact]
    public void Catalog_Should_FindATypeThatDeclaresMetrics_WithNoListToEdit()
    {
        var metrics = MetricCatalog.Gather([typeof(FakeRedisObservation)]);

        Assert.Equal(["AsyncBench.Redis.Commands"], metrics.Select(m => m.Id));
        Assert.Equal(("server", "{value} commands"), (metrics[0].ToDeclaration().Source, metrics[0].ToDeclaration().Cell));
    }

    [Fact]
    public void Catalog_Should_RefuseAMetricDeclaredTwice_NamingBothTypes()
    {
        // This test assembly declares AsyncBench.Redis.Commands twice: discovery finds both types by itself.
        var error = Assert.Throws<InvalidOperationException>(() => MetricCatalog.Gather(typeof(MetricCatalogTests).Assembly));

        Assert.Contains("'AsyncBench.Redis.Commands'", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(FakeRedisObservation), error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(FakeRedisDuplicate), error.Message, StringComparison.Ordinal);
    }

    /// <summary>A target no workload of today has, declaring its metric as a new target's folder would.</summary>
    public sealed class FakeRedisObservation : IDeclaresMetrics
    {
        public static IReadOnlyList<ObservedMetric> Metrics { get; } =
        [
            new("AsyncBench.Redis.Commands", "Commands", "Commands the server executed, per invocation (median over iterations)", Aggregation.Median,
                "the server executed {value} commands per batch of `{side}`")
            { Source = "server", Cell = "{value} commands" },
        ];
    }

    public sealed class FakeRedisDuplicate : IDeclaresMetrics
    {
        public static IReadOnlyList<ObservedMetric> Metrics => FakeRedisObservation.Metrics;
    }
}
