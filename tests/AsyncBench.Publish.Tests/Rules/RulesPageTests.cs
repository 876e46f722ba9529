using AsyncBench.Protocol;
using AsyncBench.Publishing.Pages;
using AsyncBench.Publishing.Rules;
using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publish.Tests;

/// <summary>
/// Claims, verdicts and answers. Synthetic runs put each claim's value in the band a test wants (ClaimRuns),
/// from declarations shaped as the plan (PlanDeclarations); SuiteRulesTests does the same from the
/// suite's own declarations.
/// </summary>
public class RulesPageTests
{
    public static TheoryData<int, VerdictKind> PlanRulesAndVerdicts() => RulesAndVerdicts(reachable: true);

    public static TheoryData<int, VerdictKind> PlanUnreachableVerdicts() => RulesAndVerdicts(reachable: false);

    [Theory]
    [MemberData(nameof(PlanRulesAndVerdicts))]
    public void EveryRule_Should_ReachEachVerdictItsClaimsAllow_WithAnAnswerOfAtMost50Words(int rule, VerdictKind wanted)
    {
        var placements = Scenarios.For([.. PlanDeclarations.Claims.Where(c => c.Rule == rule)], wanted);
        Assert.NotNull(placements);

        var run = ClaimRuns.Build(placements, PlanDeclarations.Rules, PlanDeclarations.Metrics);

        var result = Claims.Evaluate(run).Single(r => r.Rule.Number == rule);

        Assert.Equal(wanted, result.Verdict.Kind);
        Assert.StartsWith(wanted switch
        {
            VerdictKind.Holds => "**Holds** on ",
            VerdictKind.DoesNotCarryOver => "**Does not carry over** on ",
            VerdictKind.HoldsOnlyFor => "**Holds only for** ",
            _ => "**Inconclusive**: ",
        }, Answers.Of(result, run.Declarations), StringComparison.Ordinal);
        Assert.InRange(Answers.Words(Answers.Of(result, run.Declarations)), 8, Answers.MaxWords);
    }

    [Theory]
    [MemberData(nameof(PlanUnreachableVerdicts))]
    public void Verdict_Should_BeOutOfReach_OnlyWhereTheClaimsCannotGiveIt(int rule, VerdictKind wanted)
    {
        Assert.Null(Scenarios.For([.. PlanDeclarations.Claims.Where(c => c.Rule == rule)], wanted));
    }

    /// <summary>
    /// Each rule of the plan with each verdict its claims can give, or (<paramref name="reachable"/> false) cannot: only
    /// "holds only for" with fewer than two deciding claims, and "inconclusive" where every deciding claim is a count,
    /// which has no interval to straddle a threshold.
    /// </summary>
    private static TheoryData<int, VerdictKind> RulesAndVerdicts(bool reachable)
    {
        var data = new TheoryData<int, VerdictKind>();
        foreach (var rule in PlanDeclarations.Claims.Select(c => c.Rule).Distinct().Order())
        {
            var deciding = PlanDeclarations.Claims.Where(c => c.Rule == rule && c.Deciding).ToList();
            foreach (var kind in Scenarios.Decided)
            {
                var outOfReach = (kind == VerdictKind.HoldsOnlyFor && deciding.Count < 2)
                    || (kind == VerdictKind.Inconclusive && deciding.All(c => c.Measure == ClaimMeasure.Metric));
                if (outOfReach != reachable)
                {
                    data.Add(rule, kind);
                }
            }
        }

        return data;
    }

    [Fact]
    public void HoldsOnlyFor_Should_NameWhereItHolds_AndTheCauseWhereNot()
    {
        // Rule 1: async gains on HTTP, not on SQLite point lookups, where WhenAll ran one at a time.
        var claims = PlanDeclarations.Claims.Where(c => c.Rule == 1 && c.Deciding).Take(2).ToList();
        var run = ClaimRuns.Build([Scenarios.In(claims[0], RuleOutcome.Holds)!, Scenarios.In(claims[1], RuleOutcome.DoesNotCarryOver)!], PlanDeclarations.Rules, PlanDeclarations.Metrics);

        var result = Claims.Evaluate(run).Single(r => r.Rule.Number == 1);

        Assert.Equal(VerdictKind.HoldsOnlyFor, result.Verdict.Kind);
        Assert.Equal(
            "**Holds only for** HTTP (mock server): `Serial` ÷ `WhenAll` 2.20× [2.20, 2.20]. " +
            "Not for SQLite point lookups: at most 7 of `Serial`'s units ran at once; at most 7 of `WhenAll`'s units ran at once.",
            Answers.Of(result, run.Declarations));
    }

    [Fact]
    public void Claim_Should_NotBeInconclusive_WhenItsIntervalTouchesOnlyBandsOfTheSameOutcome()
    {
        // Three bands: none below 1.1, holds from 1.1 to 2 and from 2 up. On the 2× threshold the interval spans two
        // bands that both hold: the claim holds; on the 1.1× threshold it is undecided.
        var claim = new DeclaredClaim("Demo.Http.HttpBenchmarks", "HTTP (mock server)", 1, "async-gains", "?", ClaimMeasure.Ratio, "Serial", "WhenAll", null, false, "Count=100",
            [1.1, 2], [RuleOutcome.DoesNotCarryOver, RuleOutcome.Holds, RuleOutcome.Holds], [], true);
        var onTwo = Claims.Evaluate(ClaimRuns.Build([new Placement(claim, 2, OnThreshold: true)], PlanDeclarations.Rules, PlanDeclarations.Metrics)).Single(r => r.Rule.Number == 1);
        var onOneTenth = Claims.Evaluate(ClaimRuns.Build([new Placement(claim, 1, OnThreshold: true)], PlanDeclarations.Rules, PlanDeclarations.Metrics)).Single(r => r.Rule.Number == 1);

        var atTwo = onTwo.Claims.Single().AtDeclared!;
        Assert.Equal([1, 2], atTwo.Bands);
        Assert.Equal(RuleOutcome.Holds, atTwo.Outcome);
        Assert.Equal(VerdictKind.Holds, onTwo.Verdict.Kind);
        Assert.Equal(RuleOutcome.Inconclusive, onOneTenth.Claims.Single().AtDeclared!.Outcome);
        Assert.Equal(VerdictKind.Inconclusive, onOneTenth.Verdict.Kind);
    }

    [Fact]
    public void UndecidedClaim_Should_NotMakeTheRuleInconclusive_WhenNoOutcomeOfItChangesTheVerdictKind()
    {
        // One claim holds, one does not, a third is undecided: either way the rule holds only for some.
        var claims = PlanDeclarations.Claims.Where(c => c.Rule == 1 && c.Deciding).Take(3).ToList();
        var run = ClaimRuns.Build(
            [Scenarios.In(claims[0], RuleOutcome.Holds)!, Scenarios.In(claims[1], RuleOutcome.DoesNotCarryOver)!, new Placement(claims[2], 1, OnThreshold: true)],
            PlanDeclarations.Rules,
            PlanDeclarations.Metrics);

        var verdict = Claims.Evaluate(run).Single(r => r.Rule.Number == 1).Verdict;

        Assert.Equal(VerdictKind.HoldsOnlyFor, verdict.Kind);
        Assert.Equal("SQLite range scans", Assert.Single(verdict.Undecided).Claim.Target);
    }

    [Fact]
    public void RunWithOneLaunch_Should_SayItIsNotEvidence_AndPrintNoVerdict()
    {
        var claims = PlanDeclarations.Claims.Where(c => c.Rule is 6 or 7).ToList();
        var placements = claims.Select(c => Scenarios.In(c, RuleOutcome.Holds) ?? new Placement(c, 0)).ToList();
        var run = ClaimRuns.Build(placements, PlanDeclarations.Rules, PlanDeclarations.Metrics, launches: 1);

        var rules = Claims.Evaluate(run);
        var page = RulesPage.Render(run, TestInputs.Label, ResultTables.Build(run));

        Assert.All(rules.Where(r => r.Rule.Number is 6 or 7), r => Assert.Equal(VerdictKind.NotJudged, r.Verdict.Kind));
        Assert.Contains("**Not evidence.** This run measured each case in 1 launch (processes). A verdict needs at least 5 launches per case", page, StringComparison.Ordinal);
        Assert.Contains("`--profile nightly`", page, StringComparison.Ordinal);
        Assert.Contains("| 7 | Rule 7 of the post. | **Not judged**: 1 launch per case; verdicts need 5 (`--profile nightly`). `SleepInAsync` ÷ `DelayInAsync` 4.00× on timers.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("**Holds**", page, StringComparison.Ordinal);
        Assert.DoesNotContain("**Does not carry over**", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Page_Should_LeadWithTheAnswers_ThenTheClaimsBandsAndCurves()
    {
        var claims = PlanDeclarations.Claims.Where(c => c.Rule == 7).ToList();
        var claim = claims.Single();
        var run = ClaimRuns.Build([Scenarios.In(claim, RuleOutcome.Holds)!], PlanDeclarations.Rules, PlanDeclarations.Metrics);
        // A second setting of the same class: the curve.
        var other = claim with { Setting = "Count=10" };
        var more = ClaimRuns.Build([new Placement(other, 0)], PlanDeclarations.Rules, PlanDeclarations.Metrics);
        run = run with { Results = [.. run.Results, .. more.Results] };

        var page = RulesPage.Render(run, TestInputs.Label, ResultTables.Build(run));

        Assert.True(page.IndexOf("## The answers", StringComparison.Ordinal) < page.IndexOf("## The evidence", StringComparison.Ordinal));
        Assert.Contains("| 7 | Rule 7 of the post. | **Holds** on timers: `SleepInAsync` ÷ `DelayInAsync` 4.00× [3.99, 4.01].", page, StringComparison.Ordinal);
        Assert.Contains("| `sleep-blocks-others` (deciding) | timers ([BlockingInAsyncBenchmarks](rules-benchmarks.md#blockinginasyncbenchmarks)) | A question? | `SleepInAsync` ÷ `DelayInAsync` 4.00× [3.99, 4.01] at Count=100 | < 2×: does not carry over · ≥ 2×: holds | holds |", page, StringComparison.Ordinal);
        Assert.Contains("| `sleep-blocks-others` | Count=10 | 1.00× [0.998, 1.00] | does not carry over |", page, StringComparison.Ordinal);
        Assert.Contains("| `sleep-blocks-others` | **Count=100** | 4.00× [3.99, 4.01] | holds |", page, StringComparison.Ordinal);
        Assert.Contains("- `sleep-blocks-others` (timers): at most 7 of `SleepInAsync`'s units ran at once; at most 7 of `DelayInAsync`'s units ran at once; the pool had 7 threads when `SleepInAsync` started;", page, StringComparison.Ordinal);
    }

    [Fact]
    public void RulesPage_Should_SayNotMeasured_WhenARulesClassesDidNotRun()
    {
        var claims = PlanDeclarations.Claims.Where(c => c.Rule == 7).ToList();
        var run = ClaimRuns.Build([Scenarios.In(claims[0], RuleOutcome.Holds)!], PlanDeclarations.Rules, PlanDeclarations.Metrics, declared: PlanDeclarations.Claims);

        var result = Claims.Evaluate(run).Single(r => r.Rule.Number == 6);

        Assert.Equal(VerdictKind.NotMeasured, result.Verdict.Kind);
        Assert.Equal("**Not measured** in this run: none of its deciding claims' benchmarks ran (HTTP (mock server)).", Answers.Of(result, run.Declarations));
    }

    [Fact]
    public void MetricClaim_Should_BeReadPerUnit_AndStatedByItsPhrase()
    {
        var claim = PlanDeclarations.Claims.Single(c => c.Id == "burst-refused");
        var run = ClaimRuns.Build([new Placement(claim, 1)], PlanDeclarations.Rules, PlanDeclarations.Metrics);

        var at = Claims.Evaluate(run).Single(r => r.Rule.Number == 8).Claims.Single(c => c.Claim.Id == "burst-refused").AtDeclared!;

        Assert.Equal(1.01, at.Value.Value, 6);
        Assert.False(at.Value.HasInterval);
        Assert.Equal("the server refused 101 of `UnboundedWhenAll`'s attempts (1.01 per unit)", Answers.Number(at, run.Declarations, withInterval: true));
    }

    [Fact]
    public void Difference_Should_ComeFromLaunchMeans_WithAnInterval()
    {
        var claim = PlanDeclarations.Claims.Single(c => c.Id == "async-cheap-until-suspended");
        var run = ClaimRuns.Build([new Placement(claim, 1, OnThreshold: true)], PlanDeclarations.Rules, PlanDeclarations.Metrics);

        var at = Claims.Evaluate(run).Single(r => r.Rule.Number == 2).Claims.Single().AtDeclared!;

        Assert.InRange(at.Value.Value, 99, 101); // the launches' spread is multiplicative: their mean moves a little
        Assert.True(at.Value.Lower < 100 && at.Value.Upper > 100);
        Assert.Equal(RuleOutcome.Inconclusive, at.Outcome);
        Assert.StartsWith("**Inconclusive**: `AsyncTaskCompletingSynchronously` − `SyncMethod` 100 ns [", Answers.Of(Claims.Evaluate(run).Single(r => r.Rule.Number == 2), run.Declarations), StringComparison.Ordinal);
    }

    [Fact]
    public void LaunchRatio_Should_WidenWithTheSpreadBetweenLaunches_NotTheIterations()
    {
        var id = SyntheticRuns.Id("WhenAll", 100);
        var other = SyntheticRuns.Id("Serial", 100);
        var calm = Intervals.LaunchRatio(ClaimRuns.Result(id, 20e6, 0.001, 5), ClaimRuns.Result(other, 10e6, 0.001, 5));
        var spread = Intervals.LaunchRatio(ClaimRuns.Result(id, 20e6, 0.1, 5), ClaimRuns.Result(other, 10e6, 0.1, 5));

        Assert.Equal(2, calm.Value, 6);
        Assert.Equal(2, spread.Value, 6);
        // SE of the log ratio: √(0.1²/5 · 2) = 0.0632; × √2 × t(0.975, 8 df) = 2.306: ±0.206 on the log scale.
        Assert.Equal(2 * Math.Exp(-0.2063), spread.Lower, 2);
        Assert.Equal(2 * Math.Exp(0.2063), spread.Upper, 2);
        Assert.True(calm.Upper - calm.Lower < 0.01);
        Assert.False(Intervals.LaunchRatio(ClaimRuns.Result(id, 20e6, 0.1, 1), ClaimRuns.Result(other, 10e6, 0.1, 1)).HasInterval);
    }

    [Fact]
    public void Answers_Should_StayWithin50Words_WhenEveryTargetIsListed()
    {
        // The longest shape: rule 1's eight deciding claims split, every mechanism present on both sides.
        var deciding = PlanDeclarations.Claims.Where(c => c.Rule == 1 && c.Deciding).ToList();
        var placements = deciding.Select((c, i) => Scenarios.In(c, i % 2 == 0 ? RuleOutcome.Holds : RuleOutcome.DoesNotCarryOver)!).ToList();
        var run = ClaimRuns.Build(placements, PlanDeclarations.Rules, PlanDeclarations.Metrics);

        var answer = Answers.Of(Claims.Evaluate(run).Single(r => r.Rule.Number == 1), run.Declarations);

        Assert.InRange(Answers.Words(answer), 10, Answers.MaxWords);
        Assert.StartsWith("**Holds only for** ", answer, StringComparison.Ordinal);
    }
}
