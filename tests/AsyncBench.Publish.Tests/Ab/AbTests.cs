using AsyncBench.Publishing.Ab;
using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publish.Tests;

/// <summary>The one-run A/B: paired per round, a distribution-free interval, and an answer to "should we upgrade?" that can come out every way.</summary>
public class AbTests
{
    private static readonly RunEnvironment Environment = new("Test CPU", 2, 2, "Test OS", ".NET test", "X64", "0.15.8");

    private static readonly BenchmarkId[] Cases = [SyntheticRuns.Id("Serial", 1), SyntheticRuns.Id("Serial", 100), SyntheticRuns.Id("SerialAwait", 1)];

    /// <summary>
    /// An A/B run of 8 rounds: each round shares a machine factor (the pairing removes it); B's cases are
    /// × <paramref name="bFactor"/> (per case); each side's launch records the version it loaded.
    /// </summary>
    private static BenchmarkRun Run(Func<int, double> bFactor, string loadedB = "11.0.0", int rounds = 8, int seed = 1)
    {
        var random = new Random(seed);
        var results = new List<BenchmarkResult>();
        for (var round = 1; round <= rounds; round++)
        {
            var machine = Math.Exp(0.10 * SyntheticRuns.Normal(random));
            for (var c = 0; c < Cases.Length; c++)
            {
                foreach (var (side, version, loaded, factor) in new[] { ("A", "10.0.15", "10.0.15", 1.0), ("B", "11.0.0", loadedB, bFactor(c)) })
                {
                    var ns = 1_000_000 * (c + 1) * machine * factor * Math.Exp(0.01 * SyntheticRuns.Normal(random));
                    var measurements = Enumerable.Range(0, 5).Select(_ => ns * (1 + (0.01 * SyntheticRuns.Normal(random)))).ToList();
                    var metrics = new Dictionary<string, double> { [AbAnalysis.LoadedVersionMetricId] = AbAnalysis.Encode(Version.Parse(loaded)) };
                    results.Add(new BenchmarkResult(Cases[c], new TimeStatistics(ns, ns, 0, ns, ns, 99.9, 5), 0, 0, 0, measurements, metrics)
                    {
                        FullName = Cases[c].Key,
                        Job = $"{side}-{version}-r{round}",
                    });
                }
            }
        }

        return new BenchmarkRun("ab", ["ab"], Environment, [], null, results);
    }

    [Fact]
    public void SignedRank_Should_GiveTheExactNullDistribution()
    {
        // n = 5: 32 sign patterns; T⁺ = 0 once, T⁺ ≤ 1 twice, T⁺ ≤ 3 five times ({}, {1}, {2}, {3}, {1,2}).
        Assert.Equal(1.0 / 32, SignedRank.LowerTail(5, 0), 12);
        Assert.Equal(2.0 / 32, SignedRank.LowerTail(5, 1), 12);
        Assert.Equal(5.0 / 32, SignedRank.LowerTail(5, 3), 12);
        Assert.Equal(1.0, SignedRank.LowerTail(5, 15), 12);
    }

    [Fact]
    public void SignedRank_Should_TakeTheNarrowestIntervalAtTheLevel()
    {
        // 8 pairs: P(T⁺ ≤ 3) = 5/256, so k = 4 reaches 96.1 %; k = 5 would fall to 94.5 %.
        double[] values = [1, 2, 3, 4, 5, 6, 7, 8];
        var (lower, upper, level) = SignedRank.CenterInterval(values, 0.95);

        Assert.Equal(1 - (2 * 5.0 / 256), level, 9);
        Assert.Equal(2, lower, 9);   // the 4th smallest Walsh average: 1, 1.5, 2, 2
        Assert.Equal(7, upper, 9);
    }

    [Fact]
    public void Ab_Should_CallBFaster_AndSayUpgrade()
    {
        var ab = AbAnalysis.Of(Run(_ => 0.85));

        Assert.All(ab.Cases, c => Assert.Equal(AbOutcome.Faster, c.Outcome));
        Assert.All(ab.Cases, c => Assert.InRange(c.Ratio, 0.80, 0.90));
        Assert.True(ab.A.Proven && ab.B.Proven);
        Assert.Contains("Yes, on speed", AbReport.Markdown(ab), StringComparison.Ordinal);
    }

    [Fact]
    public void Ab_Should_CallBSlower_WhereItIs_AndAdviseAgainst()
    {
        var ab = AbAnalysis.Of(Run(c => c == 1 ? 1.20 : 1.0));

        Assert.Equal(AbOutcome.Slower, ab.Cases.Single(c => c.Id == Cases[1]).Outcome);
        var markdown = AbReport.Markdown(ab);
        Assert.Contains("Not on speed alone: B is slower in 1 of 3 cases", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Ab_Should_SeeNoDifference_ThroughAMachineThatMovesBetweenRounds()
    {
        // The machine moves ±10 % from round to round; the pairing takes it out, and 1 % noise stays.
        var ab = AbAnalysis.Of(Run(_ => 1.0));

        Assert.All(ab.Cases, c => Assert.Equal(AbOutcome.NoDifference, c.Outcome));
        Assert.All(ab.Cases, c => Assert.InRange(Math.Exp(c.UpperLog) / Math.Exp(c.LowerLog), 1.0, 1.05));
        Assert.Contains("Speed says neither", AbReport.Markdown(ab), StringComparison.Ordinal);
    }

    [Fact]
    public void Ab_Should_SayWhenTooFewRoundsGiveNoInterval()
    {
        var ab = AbAnalysis.Of(Run(_ => 0.5, rounds: 3));

        Assert.All(ab.Cases, c => Assert.Equal(AbOutcome.TooFewRounds, c.Outcome));
    }

    [Fact]
    public void Ab_Should_FlagALoadedVersionThatIsNotTheOneBuilt()
    {
        var ab = AbAnalysis.Of(Run(_ => 1.0, loadedB: "10.0.15"));

        Assert.False(ab.B.Proven);
        Assert.Contains("did not load the versions they name", AbReport.Markdown(ab), StringComparison.Ordinal);
    }

    [Fact]
    public void Version_Should_RoundTripThroughTheMetric()
    {
        Assert.Equal("10.0.15", AbAnalysis.Decode(AbAnalysis.Encode(new Version(10, 0, 15))));
        Assert.Equal("11.0.0", AbAnalysis.Decode(AbAnalysis.Encode(new Version(11, 0, 0, 0))));
    }

    [Fact]
    public void JobOf_Should_ReadTheJobIdFromBenchmarkDotNetsDisplayInfo()
    {
        Assert.Equal("A-10.0.15-r3", ReportReader.JobOf("SqlitePointLookupBenchmarks.Serial: A-10.0.15-r3(LaunchCount=1, WarmupCount=6) [Count=1]"));
        Assert.Equal("Nightly", ReportReader.JobOf("FileReadBenchmarks.Serial: Nightly(MaxRelativeError=0.1) [Count=100]"));
        Assert.Equal("Dry", ReportReader.JobOf("X.Y: Dry"));
        Assert.Equal(string.Empty, ReportReader.JobOf(string.Empty));
    }

    [Fact]
    public void JobSettingsOf_Should_ReadTheJobWithItsCharacteristics()
    {
        Assert.Equal("Evidence(IterationTime=50ms, WarmupCount=6)", ReportReader.JobSettingsOf("FileReadBenchmarks.Serial: Evidence(IterationTime=50ms, WarmupCount=6) [Count=100]"));
        Assert.Equal("Dry", ReportReader.JobSettingsOf("X.Y: Dry"));
        Assert.Equal(string.Empty, ReportReader.JobSettingsOf(string.Empty));
    }
}
