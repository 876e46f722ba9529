using AsyncBench.Publishing.Paired;

namespace AsyncBench.Publish.Tests;

/// <summary>The smoothed bootstrap the false-alarm rate and the drift simulation draw pairs with: seeded, no timing.</summary>
public sealed class SmoothedPoolTests
{
    /// <summary>A pool of <paramref name="count"/> log ratios, skewed as A/A pairs are (a slow tail), seeded.</summary>
    private static double[] Pool(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => (0.02 * SyntheticRuns.Normal(random)) + (random.NextDouble() < 0.2 ? 0.05 : 0))];
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(5, 2)]
    [InlineData(15, 3)]
    [InlineData(40, 4)]
    public void Draws_Should_KeepThePoolsMeanAndVariance(int count, int seed)
    {
        var values = Pool(count, seed);
        var pool = new SmoothedPool(values);
        var random = new Random(seed);

        var draws = Enumerable.Range(0, 200_000).Select(_ => pool.Draw(random)).ToArray();

        var mean = values.Average();
        var variance = values.Average(v => (v - mean) * (v - mean));
        Assert.Equal(mean, pool.Mean, 12);
        Assert.Equal(variance, pool.Variance, 12);
        var drawnMean = draws.Average();
        Assert.InRange(drawnMean - mean, -0.02 * Math.Sqrt(variance), 0.02 * Math.Sqrt(variance));
        Assert.InRange(draws.Average(d => (d - drawnMean) * (d - drawnMean)) / variance, 0.97, 1.03);
    }

    [Fact]
    public void Draws_Should_NotRepeatThePoolsValues()
    {
        // Plain resampling hands a case ties (three equal pairs, no spread); the smoothed draws are never a pool value.
        var values = Pool(15, 5);
        var pool = new SmoothedPool(values);
        var random = new Random(5);

        var draws = Enumerable.Range(0, 1000).Select(_ => pool.Draw(random)).ToArray();

        Assert.DoesNotContain(draws, values.Contains);
        Assert.Equal(draws.Length, draws.Distinct().Count());
    }

    [Fact]
    public void Draws_Should_BeTheSame_ForASeed_AndDiffer_ForAnother()
    {
        var pool = new SmoothedPool(Pool(15, 6));
        double[] Draws(int seed)
        {
            var random = new Random(seed);
            return [.. Enumerable.Range(0, 50).Select(_ => pool.Draw(random))];
        }

        Assert.Equal(Draws(11), Draws(11));
        Assert.NotEqual(Draws(11), Draws(12));
    }

    [Fact]
    public void Pool_Should_DrawItsOnlyValue_AndRefuseAnEmptyPool()
    {
        var single = new SmoothedPool([0.03]);
        var random = new Random(7);

        Assert.All(Enumerable.Range(0, 20), _ => Assert.Equal(0.03, single.Draw(random), 12));
        Assert.Throws<ArgumentException>(() => new SmoothedPool([]));
    }
}
