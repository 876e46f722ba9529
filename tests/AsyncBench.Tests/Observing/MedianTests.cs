using AsyncBench.Benchmarks.Http;
using AsyncBench.Benchmarks.Observing;

namespace AsyncBench.Tests.Observing;

/// <summary>The observed metrics' median (Pragmastat's estimator) and the Bound a metric declares.</summary>
public sealed class MedianTests
{
    [Theory]
    [InlineData(new[] { 3.0 }, 3.0)]
    [InlineData(new[] { 5.0, 1.0, 3.0 }, 3.0)]
    [InlineData(new[] { 4.0, 1.0, 3.0, 2.0 }, 2.5)]
    [InlineData(new[] { 0.1, 0.2 }, 0.15000000000000002)] // (0.1 + 0.2) / 2, bit for bit, as the hand-written median gave
    public void Median_Should_BeTheMiddleValue_OrTheMeanOfTheTwoMiddleValues(double[] values, double expected)
    {
        Assert.Equal(expected, ObservedMetricsDiagnoser.Median(values));
    }

    [Fact]
    public void HttpBound_Should_BeDeclaredOnTheMetric_FromTheServersCpu()
    {
        var bounds = ObservedMetric.Declared.Where(m => m.BoundByCpuOf is not null).ToList();

        Assert.Equal(HttpMetricIds.ServerCpuMs, ObservedMetric.All[HttpMetricIds.Bound].BoundByCpuOf);
        Assert.All(bounds, b => Assert.True(ObservedMetric.All.ContainsKey(b.BoundByCpuOf!), $"{b.Id} is derived from '{b.BoundByCpuOf}', which no type declares."));
    }
}
