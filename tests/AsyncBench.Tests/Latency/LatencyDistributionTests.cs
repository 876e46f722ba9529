using AsyncBench.Protocol.Latency;

namespace AsyncBench.Tests.Latency;

/// <summary>Latency specs: every kind read into its canonical text, its theoretical median, p99 and mean, and every bad spec refused with one sentence.</summary>
public sealed class LatencyDistributionTests
{
    [Theory]
    [InlineData("fixed:20ms", "fixed:20ms")]
    [InlineData("fixed:0.02s", "fixed:20ms")]
    [InlineData(" Fixed : 250us ", "fixed:0.25ms")]
    [InlineData("fixed:20 ms", "fixed:20ms")]
    [InlineData("fixed:2e1ms", "fixed:20ms")]
    [InlineData("fixed:0ms", "fixed:0ms")]
    [InlineData("fixed:-0s", "fixed:0ms")]
    [InlineData("uniform:min=10ms,max=30ms", "uniform:min=10ms,max=30ms")]
    [InlineData("uniform: max=0.03s , min=10ms", "uniform:min=10ms,max=30ms")]
    [InlineData("lognormal:median=20ms,p99=200ms", "lognormal:median=20ms,p99=200ms")]
    [InlineData("LogNormal:P99=0.2s,Median=20ms", "lognormal:median=20ms,p99=200ms")]
    public void Parse_Should_GiveTheCanonicalText_WhateverTheSpellingOfTheSameDistribution(string spec, string canonical)
    {
        Assert.True(LatencyDistribution.TryParse(spec, out var distribution, out var error), error);

        Assert.Null(error);
        Assert.Equal(canonical, distribution.Canonical);
        Assert.Equal(canonical, distribution.ToString());
        Assert.Equal(distribution, LatencyDistribution.Parse(distribution.Spec));
    }

    [Fact]
    public void Fixed_Should_BeTheSameValueEveryTime_AndZeroOnlyAtZero()
    {
        var fixedDelay = LatencyDistribution.Parse("fixed:20ms");

        Assert.Equal((20.0, 20.0, 20.0), (fixedDelay.MedianMs, fixedDelay.P99Ms, fixedDelay.MeanMs));
        Assert.Equal(20.0, fixedDelay.SampleMs(seed: 7, number: 123));
        Assert.Equal(LatencyDistribution.Fixed(20), fixedDelay);
        Assert.False(fixedDelay.IsZero);
        Assert.True(LatencyDistribution.Fixed(0).IsZero);
        Assert.False(LatencyDistribution.Parse("uniform:min=0ms,max=1ms").IsZero);
    }

    [Fact]
    public void Uniform_Should_HaveItsMidpointAsMedianAndMean()
    {
        var uniform = LatencyDistribution.Parse("uniform:min=10ms,max=30ms");

        Assert.Equal(20.0, uniform.MedianMs, 9);
        Assert.Equal(29.8, uniform.P99Ms, 9);
        Assert.Equal(20.0, uniform.MeanMs, 9);
    }

    [Fact]
    public void LogNormal_Should_HaveTheDeclaredMedianAndP99_AndTheMeanOfItsSigma()
    {
        var lognormal = Assert.IsType<LogNormalLatency>(LatencyDistribution.Parse("lognormal:median=20ms,p99=200ms"));

        // z₀.₉₉ to 9 digits, from any table of the normal distribution.
        Assert.Equal(2.326347874, LogNormalLatency.Z99, 8);
        Assert.Equal(Math.Log(20), lognormal.Mu, 12);
        Assert.Equal(Math.Log(10) / 2.3263478740408408, lognormal.Sigma, 8);
        Assert.Equal(20.0, lognormal.MedianMs, 6);
        Assert.Equal(200.0, lognormal.P99Ms, 5);
        Assert.Equal(20 * Math.Exp(lognormal.Sigma * lognormal.Sigma / 2), lognormal.MeanMs, 9);
    }

    [Theory]
    [InlineData(0.001, -3.090232306)]
    [InlineData(0.025, -1.959963985)]
    [InlineData(0.5, 0.0)]
    [InlineData(0.8413447461, 1.0)]
    [InlineData(0.999, 3.090232306)]
    public void NormalQuantile_Should_MatchTheNormalTable(double p, double z) =>
        Assert.Equal(z, LogNormalLatency.NormalQuantile(p), 7);

    [Theory]
    [InlineData(null, "The latency is empty")]
    [InlineData("  ", "The latency is empty")]
    [InlineData("gamma:shape=2", "unknown distribution 'gamma'")]
    [InlineData("20ms", "unknown distribution '20ms'")]
    [InlineData("fixed:20", "the delay '20' is not a duration")]
    [InlineData("fixed:twenty ms", "is not a duration")]
    [InlineData("fixed:NaNms", "is not a duration")]
    [InlineData("fixed:-5ms", "the delay is negative (-5ms)")]
    [InlineData("fixed:", "the delay '' is not a duration")]
    [InlineData("uniform:min=10ms", "max= is missing")]
    [InlineData("uniform:min=10ms,max=30ms,mode=20ms", "'mode=20ms' is not a setting of uniform")]
    [InlineData("uniform:min=10ms,min=20ms,max=30ms", "min= is given twice")]
    [InlineData("uniform:min=30ms,max=10ms", "max (10 ms) is not above min (30 ms)")]
    [InlineData("uniform:min=10ms,max=10ms", "or fixed:10ms for a single value")]
    [InlineData("uniform:min=-1ms,max=10ms", "the min is negative")]
    [InlineData("lognormal:median=20ms,p99=10ms", "the p99 (10 ms) is below the median (20 ms)")]
    [InlineData("lognormal:median=20ms,p99=20ms", "the p99 (20 ms) is equal to the median (20 ms)")]
    [InlineData("lognormal:median=0ms,p99=20ms", "a log-normal delay is never 0")]
    [InlineData("lognormal:median=20ms", "p99= is missing")]
    [InlineData("lognormal:p50=20ms,p99=200ms", "'p50=20ms' is not a setting of lognormal")]
    [InlineData("empirical:", "give the path of a CSV of latency buckets")]
    [InlineData("empirical:no/such/buckets.csv", "does not exist")]
    public void BadSpec_Should_BeRefused_WithOneSentenceThatSaysWhatToDo(string? spec, string expected)
    {
        Assert.False(LatencyDistribution.TryParse(spec, out var distribution, out var error));

        Assert.Null(distribution);
        AssertOneSentence(error, expected);
        Assert.Equal(error, Assert.Throws<ArgumentException>(() => LatencyDistribution.Parse(spec!)).Message);
    }

    /// <summary>One line, one sentence, naming the problem and ending with what to do (each message names an example or the form).</summary>
    internal static void AssertOneSentence(string error, string expected)
    {
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
        Assert.EndsWith(".", error, StringComparison.Ordinal);
        Assert.Matches("give|use|write|list|end|start", error);
    }
}
