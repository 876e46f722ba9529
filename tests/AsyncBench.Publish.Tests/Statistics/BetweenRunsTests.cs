using AsyncBench.Protocol;
using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Rules;
using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publish.Tests;

/// <summary>
/// The between-run component of the claims' intervals: learnt from a machine's earlier runs for the claims' own values
/// (ratios of two cases), zero where the launches explain the changes, blind to a whole night's offset (it moves both sides
/// of a ratio) and to injected slowdowns, and wide enough that a second run lands inside an interval about as often as it says.
/// </summary>
public sealed class BetweenRunsTests
{
    private const int Values = 40;

    private static BenchmarkId Case(string method, int i) =>
        new("AsyncBench.Benchmarks.Files", "FileReadBenchmarks", $"{method}{i}", [new("Count", "100")]);

    /// <summary>Claim i: M{i} ÷ B{i}, a ratio of two cases of one class.</summary>
    private static readonly IReadOnlyList<DeclaredClaim> Ratios =
        [.. Enumerable.Range(0, Values).Select(i => new DeclaredClaim("AsyncBench.Benchmarks.Files.FileReadBenchmarks", "file reads", 9, $"claim-{i}", "?", ClaimMeasure.Ratio,
            $"M{i}", $"B{i}", null, false, "Count=100", [1.1], [Answer.No, Answer.Yes], [], true))];

    /// <summary>
    /// A night of <see cref="Values"/> claims: each claim's ratio is off its true value by a normal draw of <paramref name="tau"/>
    /// (log, the part launches cannot show), the whole night (both sides) by <paramref name="nightOffset"/>, and each side's
    /// 5 launches spread by 2 % around that.
    /// </summary>
    private static BenchmarkRun Night(int night, double tau, Random random, double nightOffset = 0, IReadOnlyDictionary<BenchmarkId, double>? injected = null, int launches = 5, double jobShift = 0)
    {
        var results = Enumerable.Range(0, Values).SelectMany(i =>
        {
            // jobShift: what another job does to each ratio (half of them up, half down), the same every night of that job.
            var side = 1e6 * (1 + i) * Math.Exp(nightOffset + (tau * SyntheticRuns.Normal(random)) + (i % 2 == 0 ? jobShift : -jobShift));
            if (injected is not null && injected.TryGetValue(Case("M", i), out var slowdown))
            {
                side *= 1 + slowdown;
            }

            return new[]
            {
                SyntheticRuns.Launched(Case("M", i), side, random, launches: launches),
                SyntheticRuns.Launched(Case("B", i), 1e6 * Math.Exp(nightOffset), random, launches: launches),
            };
        }).ToList();
        var declared = injected is null ? null : SyntheticRuns.Declared(results.Select(r => r.Id), injected: injected);
        return SyntheticRuns.Night(night, results, declared);
    }

    private static IReadOnlyList<BenchmarkRun> Nights(int count, double tau, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(1, count).Select(n => Night(n, tau, random))];
    }

    private static BetweenRuns Learn(IReadOnlyList<BenchmarkRun> nights, IReadOnlyList<DeclaredClaim>? claims = null) => ClaimHistory.Learn(nights, claims ?? Ratios, string.Empty);

    [Fact]
    public void NoEarlierRuns_Should_AddNothing_AndSaySo()
    {
        var between = Learn([]);

        Assert.False(between.IsKnown);
        Assert.Null(between.For(Case("M", 0)));
        Assert.StartsWith("No between-run component: this machine has 0 earlier published runs", RulesPage.BetweenSentence(between.Summary), StringComparison.Ordinal);
    }

    [Fact]
    public void PairsThatCrossJobs_Should_NotTeachTheComponent()
    {
        // Jobs A and B alternate; B shifts every ratio by 30 % and each job's nights agree within their launches. A pair
        // across jobs would read the shift as a 30 % component; pairs within a job read none.
        static BenchmarkRun OfJob(BenchmarkRun run, string job) => run with { Results = [.. run.Results.Select(r => r with { JobSettings = job })] };
        var random = new Random(21);
        var nights = Enumerable.Range(1, 6)
            .Select(n => n % 2 == 1 ? OfJob(Night(n, 0, random), "A(WarmupCount=6)") : OfJob(Night(n, 0, random, jobShift: 0.3), "B(WarmupCount=0)"))
            .ToList();

        var todays = ClaimHistory.Learn(nights, Ratios, "A(WarmupCount=6)");
        var other = ClaimHistory.Learn(nights, Ratios, "C(WarmupCount=1)");

        Assert.True(todays.IsKnown);
        Assert.True(todays.TodaysJob);
        Assert.Equal(3, todays.Runs);
        Assert.True(todays.All!.SpreadPercent < 3, RulesPage.BetweenSentence(todays.Summary));
        Assert.Contains("3 earlier runs of this run's job (2 consecutive pairs of one job)", RulesPage.BetweenSentence(todays.Summary), StringComparison.Ordinal);
        // A job with no runs of its own learns from every job's pairs, still never across jobs.
        Assert.False(other.TodaysJob);
        Assert.Equal(6, other.Runs);
        Assert.Equal(4, other.Pairs);
        Assert.True(other.All!.SpreadPercent < 3, RulesPage.BetweenSentence(other.Summary));
        Assert.Contains("of every job, this run's having too few", RulesPage.BetweenSentence(other.Summary), StringComparison.Ordinal);
    }

    [Fact]
    public void RunsWithOneLaunch_Should_BeSkipped()
    {
        var random = new Random(3);
        var quick = Enumerable.Range(1, 3).Select(n => Night(n, 0, random, launches: 1)).ToList();

        var between = Learn(quick);

        Assert.False(between.IsKnown);
        Assert.Equal(0, between.Runs);
    }

    [Fact]
    public void RunsThatDifferAsTheirLaunchesShow_Should_HaveNoComponent()
    {
        var between = Learn(Nights(4, tau: 0, seed: 11));

        Assert.True(between.IsKnown);
        Assert.Equal(3, between.Pairs);
        Assert.True(between.For(Case("M", 0))!.SpreadPercent < 1.5, RulesPage.BetweenSentence(between.Summary));
    }

    [Fact]
    public void RunsThatDifferMoreThanTheirLaunchesShow_Should_LearnHowMuchMore()
    {
        var between = Learn(Nights(4, tau: 0.06, seed: 12));

        // True τ = 6 %: 120 points estimate it within a few percentage points.
        var group = between.For(Case("M", 0))!;
        Assert.Equal("AsyncBench.Benchmarks.Files.FileReadBenchmarks", group.Group);
        Assert.InRange(Math.Sqrt(group.Variance), 0.04, 0.085);
        Assert.Contains("learnt from this machine's 4 earlier runs of this run's job (3 consecutive pairs of one job)", RulesPage.BetweenSentence(between.Summary), StringComparison.Ordinal);
    }

    [Fact]
    public void AWholeNightFasterOrSlower_Should_NotCount()
    {
        var random = new Random(13);
        var nights = new[] { Night(1, 0, random), Night(2, 0, random, nightOffset: 0.2), Night(3, 0, random, nightOffset: -0.1) };

        var between = Learn(nights);

        Assert.True(between.For(Case("M", 0))!.SpreadPercent < 1.5, RulesPage.BetweenSentence(between.Summary));
    }

    [Fact]
    public void InjectedSlowdowns_Should_BeLeftOut()
    {
        var random = new Random(14);
        var injected = Enumerable.Range(0, Values / 2).ToDictionary(i => Case("M", i), _ => 0.5);
        var nights = new[] { Night(1, 0, random), Night(2, 0, random, injected: injected) };

        var between = Learn(nights);

        Assert.Equal(Values / 2, between.All!.Points);
        Assert.True(between.All.SpreadPercent < 1.5, RulesPage.BetweenSentence(between.Summary));
    }

    [Fact]
    public void IntervalsWithTheComponent_Should_HoldASecondRunAsOftenAsTheySay()
    {
        // Eight earlier nights teach the component; then 60 fresh pairs of nights: is night B's ratio inside night A's
        // interval about 95 % of the time? Without the component it is far less often.
        var random = new Random(15);
        var between = Learn(Nights(8, tau: 0.06, seed: 16));
        var component = between.For(Case("M", 0))!;
        var (withComponent, withoutComponent, trials) = (0, 0, 0);
        for (var pair = 0; pair < 60; pair++)
        {
            var a = Night(100 + pair, 0.06, random);
            var b = Night(200 + pair, 0.06, random);
            for (var i = 0; i < Values; i++)
            {
                var inB = Math.Exp(Time(b, i).Center);
                var widened = Intervals.Replication(Time(a, i), component.Variance, component.Points, ratio: true);
                var launchesOnly = Intervals.Replication(Time(a, i), 0, 1, ratio: true);
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
        var differences = Ratios.Select(c => c with { Measure = ClaimMeasure.Difference, Thresholds = [100] }).ToList();
        var between = Learn(Nights(4, tau: 0.06, seed: 17), differences);
        var night = Nights(1, 0, seed: 18)[0];
        var time = Intervals.Time(night.Results[19], night.Results[18], ratio: false, paired: false)!;

        var launchesOnly = Intervals.Replication(time, 0, 1, ratio: false);
        var widened = Intervals.Replication(time, between.For(Case("M", 9))!.Variance, between.For(Case("M", 9))!.Points, ratio: false);

        Assert.Equal(launchesOnly.Value, widened.Value, 6);
        Assert.True(widened.Upper - widened.Lower > 2 * (launchesOnly.Upper - launchesOnly.Lower));
    }

    [Fact]
    public void ADifferencesComponent_Should_BeLearntRelativeToBothSides_NotTheVersusSideAlone()
    {
        // Claim i: M{i} − B{i}, M{i} (i + 1) times B{i}, M{i} moving 6 % between runs. Relative to the versus side alone, the
        // change of claim 39 reads as 40 × 6 %, and the class's component with it; relative to both sides it is 6 %.
        var differences = Ratios.Select(c => c with { Measure = ClaimMeasure.Difference, Thresholds = [100] }).ToList();

        var between = Learn(Nights(4, tau: 0.06, seed: 19), differences);

        Assert.InRange(Math.Sqrt(between.For(Case("M", 0))!.Variance), 0.03, 0.09);
    }

    private static TimeValue Time(BenchmarkRun run, int i) =>
        Intervals.Time(run.Results.Single(r => r.Id == Case("M", i)), run.Results.Single(r => r.Id == Case("B", i)), ratio: true, paired: false)!;
}
