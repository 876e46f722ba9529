using System.Diagnostics;
using AsyncBench.Benchmarks.Harness;
using AsyncBench.Protocol;

namespace AsyncBench.Tests.Harness;

/// <summary>The client-side latency histogram on known inputs: buckets, nearest-rank quantiles, and the unit observation's metrics.</summary>
public sealed class LatencyHistogramTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(1_000)]
    [InlineData(20_000_000)]
    [InlineData((1L << 62) + 12_345)]
    public void EveryValue_Should_FallInABucketThatHoldsIt_AtMostOneSixteenthWide(long value)
    {
        var index = LatencyHistogram.IndexOf(value);

        Assert.InRange(value, LatencyHistogram.LowerBound(index), long.MaxValue);
        Assert.True(value < LatencyHistogram.UpperBound(index), $"{value} is past bucket {index}'s end {LatencyHistogram.UpperBound(index)}");
        Assert.True(LatencyHistogram.UpperBound(index) - LatencyHistogram.LowerBound(index) <= Math.Max(1, LatencyHistogram.LowerBound(index) / 16.0));
    }

    [Fact]
    public void Values_Below16_Should_BeExact()
    {
        var histogram = new LatencyHistogram();
        foreach (var value in new long[] { 3, 1, 2, 5, 4 })
        {
            histogram.Record(value);
        }

        Assert.Equal(5, histogram.Count);
        Assert.Equal(3, histogram.Quantile(0.5));
        Assert.Equal(5, histogram.Quantile(0.99));
        Assert.Equal(1, histogram.Quantile(0.01));
    }

    [Fact]
    public void Quantiles_Of1To10000_Should_BeTheNearestRank_WithinTheBucketsWidth()
    {
        var histogram = new LatencyHistogram();
        for (long value = 1; value <= 10_000; value++)
        {
            histogram.Record(value);
        }

        // Nearest rank: the median is the 5000th value, the p99 the 9900th.
        AssertInBucketOf(5_000, histogram.Quantile(0.5));
        AssertInBucketOf(9_900, histogram.Quantile(0.99));
        Assert.Equal(5_000, histogram.Quantile(0.5)!.Value, tolerance: 5_000 * 0.032);
    }

    [Fact]
    public void SkewedValues_Should_GiveTheMedianOfTheMany_AndTheP99OfTheTail()
    {
        var histogram = new LatencyHistogram();
        for (var i = 0; i < 980; i++)
        {
            histogram.Record(1_000_000); // 1 ms
        }

        for (var i = 0; i < 20; i++)
        {
            histogram.Record(50_000_000); // 50 ms: 2 % of the units
        }

        AssertInBucketOf(1_000_000, histogram.Quantile(0.5));
        AssertInBucketOf(50_000_000, histogram.Quantile(0.99));
    }

    [Fact]
    public void Clear_Should_ForgetEverything_AndAnEmptyHistogram_Should_HaveNoQuantile()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(42);
        histogram.Clear();

        Assert.Equal(0, histogram.Count);
        Assert.Null(histogram.Quantile(0.5));
    }

    [Fact]
    public async Task ConcurrentRecords_Should_AllBeCounted()
    {
        var histogram = new LatencyHistogram();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                histogram.Record(i);
            }
        })));

        Assert.Equal(40_000, histogram.Count);
    }

    [Fact]
    public void UnitObservation_Should_ReportPeakInFlight_AndLatencies_ThenStartOver()
    {
        // Each unit's start is moved back by a known time, so its latency is at least that on any clock and any schedule.
        var oneMs = Stopwatch.Frequency / 1_000;
        var units = new UnitObservation();
        units.Reset();
        var first = units.Start() - (5 * oneMs);
        var second = units.Start() - oneMs;
        units.Stop(second);
        var third = units.Start() - (2 * oneMs);
        units.Stop(third);
        units.Stop(first);

        var values = units.Take(invocations: 1);

        // Nearest rank of three latencies (≥ 1, ≥ 2 and ≥ 5 ms, the first spanning the other two): the median is the
        // second smallest, the p99 the largest.
        Assert.Equal(2, values[MetricIds.UnitsPeakInFlight]);
        Assert.True(values[MetricIds.UnitsLatencyMedianNs] >= 2e6 * 15 / 16, $"median {values[MetricIds.UnitsLatencyMedianNs]} ns"); // a bucket's midpoint: within its width, 1/16
        Assert.True(values[MetricIds.UnitsLatencyP99Ns] >= 5e6 * 15 / 16, $"p99 {values[MetricIds.UnitsLatencyP99Ns]} ns");
        Assert.True(values[MetricIds.UnitsLatencyP99Ns] >= values[MetricIds.UnitsLatencyMedianNs]);
        Assert.Empty(units.Take(invocations: 1)); // nothing ran since: no values, not zeros
    }

    [Fact]
    public void UnitObservation_Should_TakeTheLatenciesOverEveryMeasuredUnit_NotPerIteration()
    {
        // Three iterations: one unit of at least 1 ms, two of at least 20 ms, one of at least 1 ms. Per iteration, the
        // third's p99 would be its one unit (about 1 ms); over every measured unit it is the largest, at least 20 ms.
        var oneMs = Stopwatch.Frequency / 1_000;
        var units = new UnitObservation();
        units.Reset();
        units.Stop(units.Start() - oneMs);
        var first = units.Take(invocations: 1);
        units.Reset();
        var slowA = units.Start() - (20 * oneMs);
        var slowB = units.Start() - (20 * oneMs);
        units.Stop(slowA);
        units.Stop(slowB);
        var second = units.Take(invocations: 1);
        units.Reset();
        units.Stop(units.Start() - oneMs);
        var third = units.Take(invocations: 1);

        // After the third, the four units are about 1, 1, 20 and 20 ms: the median (nearest rank) is the second smallest.
        Assert.InRange(first[MetricIds.UnitsLatencyMedianNs], 1e6 * 15 / 16, 10e6);
        Assert.True(second[MetricIds.UnitsLatencyMedianNs] >= 20e6 * 15 / 16, $"median {second[MetricIds.UnitsLatencyMedianNs]} ns");
        Assert.InRange(third[MetricIds.UnitsLatencyMedianNs], 1e6 * 15 / 16, 10e6);
        Assert.True(third[MetricIds.UnitsLatencyP99Ns] >= 20e6 * 15 / 16, $"p99 {third[MetricIds.UnitsLatencyP99Ns]} ns");
    }

    [Fact]
    public void UnitObservation_Should_CountAUnitInFlight_OnlyOnceItRuns()
    {
        var units = new UnitObservation();
        var waiting = UnitObservation.Called();
        var running = UnitObservation.Called();
        units.Running();
        units.Stop(running);
        units.Running();
        units.Stop(waiting);

        Assert.Equal(1, units.Take(invocations: 1)[MetricIds.UnitsPeakInFlight]);
    }

    private static void AssertInBucketOf(long trueValue, double? estimate)
    {
        Assert.NotNull(estimate);
        var index = LatencyHistogram.IndexOf(trueValue);
        Assert.InRange(estimate.Value, LatencyHistogram.LowerBound(index), LatencyHistogram.UpperBound(index));
    }
}
