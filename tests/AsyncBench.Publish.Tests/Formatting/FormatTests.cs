using AsyncBench.Publishing.Formatting;
using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publish.Tests;

public class FormatTests
{
    [Theory]
    [InlineData(0.926, "1.08× faster than")]
    [InlineData(1.08, "1.08× slower than")]
    [InlineData(0.25, "4.00× faster than")]
    [InlineData(1.002, "as fast as")]
    public void Relative_Should_SayFasterOrSlower_WithAFactorOfAtLeastOne(double ratio, string expected) =>
        Assert.Equal(expected, Format.Relative(ratio));

    [Fact]
    public void RatioWithInterval_Should_ShowTheIntervalOrSayThereIsNone()
    {
        Assert.Equal("4.20× [3.10, 5.60]", Format.RatioWithInterval(new Estimate(4.2, 3.1, 5.6)));
        Assert.Equal("4.20× [3.10, ∞]", Format.RatioWithInterval(new Estimate(4.2, 3.1, double.PositiveInfinity)));
        Assert.Equal("4.20× (no interval)", Format.RatioWithInterval(new Estimate(4.2, double.NaN, double.NaN)));
    }

    [Fact]
    public void MedianInterval_Should_ComeFromTheMeasurements_AndContainTheMedian()
    {
        var result = SyntheticRuns.Result(SyntheticRuns.Id("WhenAll", 10), 20e6, 0.05, seed: 7);

        var median = Intervals.Median(result);

        Assert.True(median.HasInterval);
        Assert.InRange(result.Statistics!.Median, median.Lower, median.Upper);
        Assert.True(median.Upper - median.Lower < 0.1 * 20e6);
        Assert.False(Intervals.Median(result with { MeasurementsNs = [20e6] }).HasInterval);
    }
}
