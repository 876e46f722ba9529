using AsyncBench.Publishing.Paired;
using static AsyncBench.Publish.Tests.PairedNights;

namespace AsyncBench.Publish.Tests;

/// <summary>
/// The paired rule, judged on pairs built in memory: every outcome comes out (slower, faster, the same, undecided and its
/// reasons), a confirmation confirms a true slowdown and clears a lucky one, and canaries never gate.
/// </summary>
public class PairedJudgeTests
{
    /// <summary>Ten cases of one class, 2 % paired spread; case 1 at <paramref name="ratio"/> in the first round, <paramref name="freshRatio"/> in a confirmation round.</summary>
    private static (PairedJudgement Judgement, PairedCase Subject) Night(double ratio, double? freshRatio, int seed = 1, int pairs = 4)
    {
        var random = new Random(seed);
        var cases = Class("QuietBenchmarks", 10);
        var subject = cases[0];
        var rounds = new List<PairedRound> { Round(1, cases.Select(c => (c, Pairs(c == subject ? ratio : 1.0, 0.02, pairs, random)))) };
        if (freshRatio is { } fresh)
        {
            rounds.Add(Round(2, [(subject, Pairs(fresh, 0.02, 4, random))]));
        }

        return (PairedJudge.Judge(cases, rounds, new PairedRule(15, 3, cases.Count), null), subject);
    }

    private static CaseJudgement Of(PairedJudgement judgement, PairedCase c) => judgement.Cases.Single(j => j.Case == c);

    [Fact]
    public void Judge_Should_CallACaseSlower_OnlyWhenFreshPairsConfirmIt()
    {
        var (judgement, subject) = Night(1.20, 1.20);

        var slower = Of(judgement, subject);
        Assert.Equal(PairedOutcome.Slower, slower.Outcome);
        Assert.Equal(1, slower.CandidateRound);
        Assert.True(slower.Confirmation!.Confirmed);
        Assert.Equal(4, slower.Confirmation.Pairs);
        Assert.Equal(8, slower.Pairs.Count);
        Assert.Equal(4, slower.Pairs.Count(p => p.Confirmation));
        Assert.InRange(slower.Interval!.Ratio, 1.15, 1.25);
        Assert.Equal([subject], judgement.Slower.Select(c => c.Case));
    }

    [Fact]
    public void Judge_Should_LeaveACandidateUndecided_UntilItsConfirmationRuns()
    {
        var (judgement, subject) = Night(1.20, null);

        var candidate = Of(judgement, subject);
        Assert.Equal(PairedOutcome.Undecided, candidate.Outcome);
        Assert.Equal(UndecidedReason.AwaitingConfirmation, candidate.Reason);
        Assert.True(candidate.NeedsConfirmation);
        Assert.Empty(judgement.Slower);
    }

    [Fact]
    public void Judge_Should_ClearACandidate_WhoseFreshPairsShowNothing_AndCallItTheSame_WhenAllItsPairsFit()
    {
        // A lucky first round (+8 %), fresh pairs at 0: not confirmed; all eight pairs lie inside ±15 %.
        var (judgement, subject) = Night(1.08, 1.0);

        var cleared = Of(judgement, subject);
        Assert.False(cleared.Confirmation!.Confirmed);
        Assert.Equal(PairedOutcome.Same, cleared.Outcome);
        Assert.Empty(judgement.Slower);
    }

    [Fact]
    public void Judge_Should_LeaveAClearedCandidateUndecided_WhenAllItsPairsDoNotFitEither()
    {
        var (judgement, subject) = Night(1.35, 1.0);

        var cleared = Of(judgement, subject);
        Assert.False(cleared.Confirmation!.Confirmed);
        Assert.Equal(PairedOutcome.Undecided, cleared.Outcome);
        Assert.Equal(UndecidedReason.NotConfirmed, cleared.Reason);
    }

    [Fact]
    public void Judge_Should_CallFaster_AndTheRestTheSame()
    {
        var (judgement, subject) = Night(0.80, null);

        Assert.Equal(PairedOutcome.Faster, Of(judgement, subject).Outcome);
        Assert.All(judgement.Cases.Where(c => c.Case != subject), c => Assert.Equal(PairedOutcome.Same, c.Outcome));
        Assert.All(judgement.Cases.Where(c => c.Case != subject), c => Assert.InRange(c.Interval!.UpperLog - c.Interval.LowerLog, 0.001, 0.08));
    }

    [Fact]
    public void Judge_Should_NotDecide_OnOnePair()
    {
        var (judgement, _) = Night(1.0, null, pairs: 1);

        Assert.All(judgement.Cases, c => Assert.Equal(UndecidedReason.TooFewPairs, c.Reason));
        Assert.All(judgement.Cases, c => Assert.Equal(0, c.Looks));
    }

    [Fact]
    public void Judge_Should_LeaveANoisyClassUndecided()
    {
        // 30 % paired spread and two pairs: no interval fits inside ±15 %, none is past the minimum effect.
        var random = new Random(3);
        var cases = Class("NoisyBenchmarks", 6);
        var judgement = PairedJudge.Judge(cases, [Round(1, cases.Select(c => (c, new[] { 0.25, -0.25 + (0.01 * random.NextDouble()) })))], new PairedRule(15, 3, 6), null);

        Assert.All(judgement.Cases, c => Assert.Equal(UndecidedReason.IntervalTooWide, c.Reason));
    }

    [Fact]
    public void Judge_Should_NotRaiseACandidate_AfterItsLooksAreUsedUp()
    {
        // Three looks with a wide spread around +10 %, then a fourth round pointing clearly slower: too late to be a candidate tonight.
        var cases = Class("QuietBenchmarks", 10);
        var subject = cases[0];
        var random = new Random(5);
        var rounds = new List<PairedRound>();
        for (var r = 1; r <= 3; r++)
        {
            rounds.Add(Round(r, cases.Select(c => (c, c == subject ? new[] { 0.40, -0.20 } : Pairs(1.0, 0.02, 2, random)))));
        }

        rounds.Add(Round(4, [(subject, Enumerable.Repeat(0.30, 8).Select((v, i) => v + (0.01 * i)).ToArray())]));
        var judgement = PairedJudge.Judge(cases, rounds, new PairedRule(15, 3, cases.Count), null);

        var late = Of(judgement, subject);
        Assert.Equal(4, late.Looks);
        Assert.Null(late.CandidateRound);
        Assert.Equal(UndecidedReason.LooksUsedUp, late.Reason);
        Assert.False(late.CanBeCandidate);
    }

    [Fact]
    public void Judge_Should_JudgeCanaries_ButNeverCountThem()
    {
        var random = new Random(2);
        var cases = Class("QuietBenchmarks", 6);
        var canary = Case("MachineCanaryBenchmarks", 1, ns: "AsyncBench.Benchmarks.Canaries", canary: true);
        List<PairedCase> all = [.. cases, canary];
        var rounds = new List<PairedRound>
        {
            Round(1, all.Select(c => (c, Pairs(c == canary ? 1.5 : 1.0, 0.02, 4, random)))),
            Round(2, [(canary, Pairs(1.5, 0.02, 4, random))]),
        };

        var judgement = PairedJudge.Judge(all, rounds, new PairedRule(15, 3, cases.Count), null);

        Assert.Equal(PairedOutcome.Slower, judgement.Canaries.Single().Outcome);
        Assert.Empty(judgement.Slower);
        Assert.DoesNotContain(judgement.Gated, c => c.Case.Canary);
    }

    [Fact]
    public void Rule_Should_SizeTheConfirmation_SoANightWithNoChangeFailsAtMostOnceIn20()
    {
        var rule = new PairedRule(15, 3, 255);

        Assert.Equal(0.05 / (255 * 3 * 0.05), rule.ConfirmationAlpha, 12);
        Assert.Equal(0.05, rule.NightBound, 12);
        Assert.Equal(0.05 / (255 * 3), rule.FasterAlpha, 12);
        // A night of a few cases: the confirmation is never more lenient than a look.
        Assert.Equal(PairedRule.DiscoveryAlpha, new PairedRule(15, 3, 2).ConfirmationAlpha, 12);
    }

    [Fact]
    public void T_Should_RoundTheDegreesOfFreedomDown_NeverGivingASmallerQuantile()
    {
        Assert.True(PairedRule.T(0.95, 3.27) >= new Perfolizer.Mathematics.Distributions.ContinuousDistributions.StudentDistribution(3.27).Quantile(0.95));
        Assert.Equal(PairedRule.T(0.95, 3.2), PairedRule.T(0.95, 3.27));
        Assert.Equal(double.PositiveInfinity, PairedRule.T(0.95, 0.5));
        Assert.Equal(1.6449, PairedRule.T(0.95, 1e6), 3);
    }
}
