using AsyncBench.Protocol.Latency;

namespace AsyncBench.Tests.Latency;

/// <summary>
/// The seeded stream of draws and the shape of what it draws: statistics of the sampler over many draws, no clock. The
/// seed is fixed, so each test gives the same numbers every run.
/// </summary>
public sealed class LatencySamplerTests
{
    private const int Draws = 100_000;

    [Fact]
    public void SameSeed_Should_DrawTheSameSequence_AndAnotherSeedAnotherOne()
    {
        var distribution = LatencyDistribution.Parse("lognormal:median=20ms,p99=200ms");
        var first = new LatencySampler(42);
        var second = new LatencySampler(42);
        var other = new LatencySampler(43);

        var a = Enumerable.Range(0, 1000).Select(_ => first.Next(distribution)).ToList();
        var b = Enumerable.Range(0, 1000).Select(_ => second.Next(distribution)).ToList();
        var c = Enumerable.Range(0, 1000).Select(_ => other.Next(distribution)).ToList();

        Assert.Equal(a, b);
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (long)i), a.Select(d => d.Number));
        Assert.Equal(a.Select(d => d.Ms), a.Select(d => distribution.SampleMs(42, d.Number)));
        Assert.True(a.Zip(c).Count(pair => pair.First.Ms == pair.Second.Ms) < 5, "seeds 42 and 43 drew the same delays");
        Assert.Equal(1000, first.Drawn);
    }

    [Fact]
    public void Stream_Should_BeSplitMix64_SoAnyDrawCanBeRecomputed()
    {
        // SplitMix64 seeded 0: its first output is 0xE220A8397B1DCDAF (the reference implementation's well-known value).
        Assert.Equal(((0xE220A8397B1DCDAFUL >> 11) + 0.5) / (1UL << 53), LatencySampler.Uniform(0, 0), 15);
    }

    [Fact]
    public void Draws_Should_BeNumberedOnce_EvenFromManyThreadsAtOnce()
    {
        var sampler = new LatencySampler(LatencySampler.DefaultSeed);
        var distribution = LatencyDistribution.Fixed(1);
        var numbers = new long[10_000];

        Parallel.For(0, numbers.Length, i => numbers[i] = sampler.Next(distribution).Number);

        Assert.Equal(Enumerable.Range(0, numbers.Length).Select(i => (long)i), numbers.Order());
    }

    [Fact]
    public void Uniform_Should_StayInsideZeroAndOne_AndSpreadEvenly()
    {
        var draws = Enumerable.Range(0, Draws).Select(k => LatencySampler.Uniform(7, k)).ToList();

        Assert.All(draws, u => Assert.InRange(u, double.Epsilon, 1 - double.Epsilon));
        var deciles = draws.GroupBy(u => (int)(u * 10)).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(Enumerable.Range(0, 10), d => Assert.InRange(deciles[d], 9_700, 10_300)); // 10,000 ± 3 % (σ is 95)
    }

    [Fact]
    public void LogNormal_Should_DrawItsDeclaredMedianAndP99_Within2Percent()
    {
        var sorted = Sample("lognormal:median=20ms,p99=200ms");

        AssertWithin(20, Rank(sorted, 0.5), 0.02);
        AssertWithin(200, Rank(sorted, 0.99), 0.02);
        Assert.All(sorted, ms => Assert.True(ms > 0));
    }

    [Fact]
    public void Uniform_Should_DrawBetweenItsBounds_WithItsMean()
    {
        var sorted = Sample("uniform:min=10ms,max=30ms");

        Assert.InRange(sorted[0], 10, 30);
        Assert.InRange(sorted[^1], 10, 30);
        AssertWithin(20, sorted.Average(), 0.01);
        AssertWithin(29.8, Rank(sorted, 0.99), 0.01);
    }

    [Fact]
    public void Empirical_Should_DrawEachBucketByItsShare_BetweenItsBounds()
    {
        var folder = Directory.CreateTempSubdirectory("asyncbench-latency-");
        try
        {
            var path = Path.Combine(folder.FullName, "buckets.csv");
            File.WriteAllText(path, "le_ms,count\n5,100\n10,400\n50,900\n200,1000\n");

            var sorted = Sample("empirical:" + path);

            // Shares 10 %, 30 %, 50 %, 10 % of the draws, each within a percentage point.
            Assert.InRange(sorted.Count(ms => ms <= 5), 9_000, 11_000);
            Assert.InRange(sorted.Count(ms => ms is > 5 and <= 10), 29_000, 31_000);
            Assert.InRange(sorted.Count(ms => ms is > 10 and <= 50), 49_000, 51_000);
            Assert.InRange(sorted.Count(ms => ms > 50), 9_000, 11_000);
            Assert.InRange(sorted[^1], 50, 200);
            AssertWithin(18, Rank(sorted, 0.5), 0.02);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static double[] Sample(string spec)
    {
        var distribution = LatencyDistribution.Parse(spec);
        var sampler = new LatencySampler(LatencySampler.DefaultSeed);
        return [.. Enumerable.Range(0, Draws).Select(_ => sampler.Next(distribution).Ms).Order()];
    }

    private static double Rank(double[] sorted, double quantile) => sorted[(int)Math.Ceiling(quantile * sorted.Length) - 1];

    private static void AssertWithin(double expected, double actual, double share) =>
        Assert.True(Math.Abs(actual - expected) <= share * expected, $"{actual} is not within {share:P0} of {expected}");
}
