using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publish.Tests;

/// <summary>
/// The between-run component of the claims' intervals: learnt from a machine's earlier runs, zero where the
/// launches explain the changes, blind to a whole night's offset and to injected slowdowns, and wide enough
/// that a second run lands inside an interval about as often as it says.
/// </summary>
public sealed class BetweenRunsTests
{
    private const int Cases = 40;

    private static BenchmarkId Case(int i) =>
        new("AsyncBench.Benchmarks.Files", "FileReadBenchmarks", $"M{i}", [new("Count", "100")]);

    /// <summary>
    /// A night of <see cref="Cases"/> cases: each case's run value is off its true value by a normal draw of
    /// <paramref name="tau"/> (log, the part launches cannot show), the whole night by <paramref name="nightOffset"/>,
    /// and its 5 launches spread by 2 % around that.
    /// </summary>
    private static BenchmarkRun Night(int night, double tau, Random random, double nightOffset = 0, IReadOnlyDictionary<BenchmarkId, double>? injected = null)
    {
        var results = Enumerable.Range(0, Cases).Select(i =>
        {
            var value = 1e6 * (1 + i) * Math.Exp(nightOffset + (tau * SyntheticRuns.Normal(random)));
            if (injected is not null && injected.TryGetValue(Case(i), out var slowdown))
            {
                value *= 1 + slowdown;
            }

            return SyntheticRuns.Launched(Case(i), value, random);
        });
        return SyntheticRuns.Night(night, results, injected is null ? null : SyntheticRuns.Declared(Enumerable.Range(0, Cases).Select(Case), injected: injected));
    }

    private static IReadOnlyList<BenchmarkRun> Nights(int count, double tau, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(1, count).Select(n => Night(n, tau, random))];
    }

    [Fact]
    public void NoEarlierRuns_Should_AddNothing_AndSaySo()
    {
        var between = BetweenRuns.Learn([]);

        Assert.False(between.IsKnown);
        Assert.Null(between.For(Case(0)));
        Assert.StartsWith("No between-run component: this machine has 0 earlier published run(s)", between.Sentence(), StringComparison.Ordinal);
    }

    [Fact]
    public void RunsWithOneLaunch_Should_BeSkipped()
    {
        var random = new Random(3);
        var quick = Enumerable.Range(1, 3).Select(n => SyntheticRuns.Night(n, Enumerable.Range(0, Cases).Select(i => SyntheticRuns.Launched(Case(i), 1e6, random, launches: 1)))).ToList();

        var between = BetweenRuns.Learn(quick);

        Assert.False(between.IsKnown);
        Assert.Equal(0, between.Runs);
    }

    [Fact]
    public void RunsThatDifferAsTheirLaunchesShow_Should_HaveNoComponent()
    {
        var between = BetweenRuns.Learn(Nights(4, tau: 0, seed: 11));

        Assert.True(between.IsKnown);
        Assert.Equal(3, between.Pairs);
        Assert.True(between.For(Case(0))!.SpreadPercent < 1.5, between.Sentence());
    }

    [Fact]
    public void RunsThatDifferMoreThanTheirLaunchesShow_Should_LearnHowMuchMore()
    {
        var between = BetweenRuns.Learn(Nights(4, tau: 0.06, seed: 12));

        // True τ = 6 %: 120 points estimate it within a few percentage points.
        var group = between.For(Case(0))!;
        Assert.Equal("AsyncBench.Benchmarks.Files.FileReadBenchmarks", group.Group);
        Assert.InRange(Math.Sqrt(group.Variance), 0.04, 0.085);
        Assert.Contains("learnt from this machine's 4 earlier runs (3 consecutive pair(s))", between.Sentence(), StringComparison.Ordinal);
    }

    [Fact]
    public void AWholeNightFasterOrSlower_Should_NotCount()
    {
        var random = new Random(13);
        var nights = new[] { Night(1, 0, random), Night(2, 0, random, nightOffset: 0.2), Night(3, 0, random, nightOffset: -0.1) };

        var between = BetweenRuns.Learn(nights);

        Assert.True(between.For(Case(0))!.SpreadPercent < 1.5, between.Sentence());
    }

    [Fact]
    public void InjectedSlowdowns_Should_BeLeftOut()
    {
        var random = new Random(14);
        var injected = Enumerable.Range(0, Cases / 2).ToDictionary(Case, _ => 0.5);
        var nights = new[] { Night(1, 0, random), Night(2, 0, random, injected: injected) };

        var between = BetweenRuns.Learn(nights);

        Assert.Equal(Cases / 2, between.All!.Points);
        Assert.True(between.All.SpreadPercent < 1.5, between.Sentence());
    }

    [Fact]
    public void IntervalsWithTheComponent_Should_HoldASecondRunAsOftenAsTheySay()
    {
        // Eight earlier nights teach the component; then 60 fresh pairs of nights: is night B's ratio of two
        // cases inside night A's interval about 95 % of the time? Without the component it is far less often.
        var random = new Random(15);
        var between = BetweenRuns.Learn(Nights(8, tau: 0.06, seed: 16));
        var (withComponent, withoutComponent, trials) = (0, 0, 0);
        for (var pair = 0; pair < 60; pair++)
        {
            var a = Night(100 + pair, 0.06, random);
            var b = Night(200 + pair, 0.06, random);
            for (var i = 0; i + 1 < Cases; i += 2)
            {
                var inB = Ratio(b, i);
                var widened = Intervals.LaunchRatio(a.Results[i], a.Results[i + 1], between);
                var launchesOnly = Intervals.LaunchRatio(a.Results[i], a.Results[i + 1]);
                withComponent += inB >= widened.Lower && inB <= widened.Upper ? 1 : 0;
                withoutComponent += inB >= launchesOnly.Lower && inB <= launchesOnly.Upper ? 1 : 0;
                trials++;
            }
        }

        Assert.InRange((double)withComponent / trials, 0.90, 0.99);
        Assert.True((double)withoutComponent / trials < 0.5, $"{withoutComponent} of {trials} inside without the component");
    }

    [Fact]
    public void ADifferenceInNanoseconds_Should_WidenByTheComponentOnTheLinearScale()
    {
        var between = BetweenRuns.Learn(Nights(4, tau: 0.06, seed: 17));
        var night = Nights(1, 0, seed: 18)[0];

        var launchesOnly = Intervals.LaunchDifference(night.Results[9], night.Results[0]);
        var widened = Intervals.LaunchDifference(night.Results[9], night.Results[0], between);

        Assert.Equal(launchesOnly.Value, widened.Value, 6);
        Assert.True(widened.Upper - widened.Lower > 2 * (launchesOnly.Upper - launchesOnly.Lower));
    }

    private static double Ratio(BenchmarkRun run, int i) => Intervals.LaunchRatio(run.Results[i], run.Results[i + 1]).Value;
}
