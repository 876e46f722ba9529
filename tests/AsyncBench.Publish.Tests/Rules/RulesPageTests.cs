using AsyncBench.Protocol;
using AsyncBench.Publishing.Pages;
using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Rules;
using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publish.Tests;

/// <summary>
/// Claims, per-target verdicts, what decides each, and the page. Synthetic runs put each claim's value in the band a test
/// wants (ClaimRuns), from declarations shaped as the plan (PlanDeclarations); SuiteRulesTests does the same from
/// the suite's own declarations.
/// </summary>
public class RulesPageTests
{
    public static TheoryData<int, VerdictKind> PlanRulesAndVerdicts() => RulesAndVerdicts(reachable: true);

    public static TheoryData<int, VerdictKind> PlanUnreachableVerdicts() => RulesAndVerdicts(reachable: false);

    private static RuleResult Rule(Publishing.Reading.BenchmarkRun run, int number) => Claims.Evaluate(run).Rules.Single(r => r.Rule.Number == number);

    private static DeclaredClaim Plan(string id, string? target = null) =>
        PlanDeclarations.Claims.First(c => c.Id == id && (target is null || c.Target == target));

    [Theory]
    [MemberData(nameof(PlanRulesAndVerdicts))]
    public void EveryRule_Should_ReachEachVerdictItsClaimsAllow_WithAnAnswerOfAtMost30Words(int rule, VerdictKind wanted)
    {
        var placements = Scenarios.For([.. PlanDeclarations.Claims.Where(c => c.Rule == rule)], wanted);
        Assert.NotNull(placements);

        var run = ClaimRuns.Build(placements, PlanDeclarations.Rules, PlanDeclarations.Metrics);

        var result = Rule(run, rule);
        var answer = Answers.Of(result, run.Declarations);

        Assert.Equal(wanted, result.Kind);
        Assert.StartsWith($"**{Answers.KindText(wanted)}**", answer, StringComparison.Ordinal);
        Assert.InRange(Answers.Words(answer), 5, Answers.MaxWords);
        Assert.DoesNotContain("`", answer, StringComparison.Ordinal);
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
    public void HoldsOnlyFor_Should_NameWhereItHolds_AndTheCountThatDecidedWhereNot()
    {
        // Rule 1: async gains on HTTP; on SQLite point lookups the async calls ran one at a time, which answers whatever the time does.
        var http = Plan("async-gains", "HTTP (mock server)");
        var lookups = Plan("async-gains", "SQLite point lookups");
        var run = ClaimRuns.Build([Scenarios.In(http, RuleOutcome.Holds)!, new Placement(lookups, 1, PremiseHolds: false)], PlanDeclarations.Rules, PlanDeclarations.Metrics);

        var result = Rule(run, 1);

        Assert.Equal(VerdictKind.HoldsOnlyFor, result.Kind);
        var sqlite = result.Lines.Single(l => l.Claim.Target == "SQLite point lookups");
        Assert.Equal((Answer.No, Decider.Premise, RuleOutcome.DoesNotCarryOver), (sqlite.Answer!.Value, sqlite.DecidedBy, sqlite.Verdict));
        Assert.Equal(
            "**Holds only for** HTTP: a blocking loop took 2.20× [2.20, 2.20] as long as async calls. Not for SQLite point lookups: async calls ran one at a time.",
            Answers.Of(result, run.Declarations));
    }

    [Theory]
    [InlineData(true, 0, Answer.No, Decider.Time)]
    [InlineData(true, 1, Answer.Yes, Decider.Time)]
    [InlineData(false, 0, Answer.No, Decider.Premise)]
    [InlineData(false, 1, Answer.No, Decider.Premise)]
    public void Premise_Should_AnswerWhereItFailedInEveryLaunch_AndLeaveTheTimeToDecideWhereItHeld(bool premiseHolds, int band, Answer answer, Decider decider)
    {
        var claim = Plan("async-gains", "SQLite inserts");
        var run = ClaimRuns.Build([new Placement(claim, band, PremiseHolds: premiseHolds)], PlanDeclarations.Rules, PlanDeclarations.Metrics, passes: true);

        var line = Assert.Single(Rule(run, 1).Lines);

        Assert.Equal((answer, decider), (line.Answer!.Value, line.DecidedBy));
        Assert.Equal(premiseHolds, line.Premise!.Holds);
        Assert.Equal(5, line.Premise.Counts.Count); // every launch counted it: a run of passes
    }

    [Fact]
    public void Answer_DecidedByAPremise_Should_StateItsCountOnce_NotAgainAsTheMechanism()
    {
        // Rule 1 with only its CPU-bound control: the premise's count answers, and the mechanism (units at once on both
        // sides) must not say the async calls' count a second time.
        var cpu = Plan("async-gains", "CPU-bound work");
        var run = ClaimRuns.Build([new Placement(cpu, 0, PremiseHolds: false)], PlanDeclarations.Rules, PlanDeclarations.Metrics, passes: true);

        var result = Rule(run, 1);
        var answer = Answers.Of(result, run.Declarations);

        Assert.Equal(Decider.Premise, result.Lines.Single().DecidedBy);
        Assert.StartsWith("**Holds**: async calls ran one at a time", answer, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(answer, "async calls ran one at a time"));
        Assert.Contains("a blocking loop ran", answer, StringComparison.Ordinal);
    }

    [Fact]
    public void Answer_Should_GiveEachTargetItsOwnEffect_WhereTheyWereDecidedDifferently()
    {
        // Rule 1 fails on HTTP by its time and on SQLite inserts by its premise's count: one effect under both names would be false.
        var http = Plan("async-gains", "HTTP (mock server)");
        var inserts = Plan("async-gains", "SQLite inserts");
        var run = ClaimRuns.Build([new Placement(http, 0), new Placement(inserts, 0, PremiseHolds: false)], PlanDeclarations.Rules, PlanDeclarations.Metrics, passes: true);

        var result = Rule(run, 1);

        Assert.Equal(VerdictKind.DoesNotCarryOver, result.Kind);
        Assert.Equal(
            "**Does not carry over** for HTTP: async calls took 1.82× [1.81, 1.82] as long as a blocking loop; SQLite inserts: async calls ran one at a time.",
            Answers.Of(result, run.Declarations));
    }

    [Fact]
    public void Count_Should_DecideOnlyWhereEveryLaunchAgrees()
    {
        var claim = Plan("gather-overlaps", "HTTP (mock server)");
        var agreeing = ClaimRuns.Build([new Placement(claim, 1)], PlanDeclarations.Rules, PlanDeclarations.Metrics, passes: true);
        var disagreeing = ClaimRuns.Build([new Placement(claim, 1, LaunchesDisagree: true)], PlanDeclarations.Rules, PlanDeclarations.Metrics, passes: true);

        var decided = Assert.Single(Rule(agreeing, 5).Lines);
        var undecided = Assert.Single(Rule(disagreeing, 5).Lines);

        Assert.Equal((Answer.Yes, 5), (decided.Answer!.Value, decided.Counts.Count));
        Assert.Null(undecided.Answer);
        Assert.Equal(RuleOutcome.Inconclusive, undecided.Verdict);
        Assert.Equal(VerdictKind.Inconclusive, Rule(disagreeing, 5).Kind);
        Assert.Equal("the count, which differs between all 5 launches", Answers.DecidedBy(undecided));
        Assert.Contains("(launches disagree: 1 to 4)", Answers.Line(undecided, Rule(disagreeing, 5), disagreeing.Declarations).Effect, StringComparison.Ordinal);
    }

    [Fact]
    public void Claim_Should_NotBeUndecided_WhenItsIntervalTouchesOnlyBandsOfTheSameAnswer()
    {
        // Three bands: no below 1.1, yes from 1.1 to 2 and from 2 up. On the 2× threshold the interval spans two bands that both
        // answer yes: the claim is decided; on the 1.1× threshold it is not.
        var claim = new DeclaredClaim("Demo.Http.HttpBenchmarks", "HTTP (mock server)", 1, "async-gains", "?", ClaimMeasure.Ratio, "Serial", "WhenAll", null, false, "Count=100",
            [1.1, 2], [Answer.No, Answer.Yes, Answer.Yes], [], true);
        var onTwo = Rule(ClaimRuns.Build([new Placement(claim, 2, OnThreshold: true)], PlanDeclarations.Rules, PlanDeclarations.Metrics), 1);
        var onOneTenth = Rule(ClaimRuns.Build([new Placement(claim, 1, OnThreshold: true)], PlanDeclarations.Rules, PlanDeclarations.Metrics), 1);

        var atTwo = onTwo.Lines.Single();
        Assert.Equal([1, 2], atTwo.Bands);
        Assert.Equal(Answer.Yes, atTwo.Answer);
        Assert.Equal(VerdictKind.Holds, onTwo.Kind);
        Assert.Null(onOneTenth.Lines.Single().Answer);
        Assert.Equal(VerdictKind.Inconclusive, onOneTenth.Kind);
    }

    [Fact]
    public void InconclusiveTarget_Should_NotSinkTheRule_WhereAnotherTargetHolds()
    {
        // One target holds, one does not, a third is undecided: the rule holds only for the first, the third inconclusive on its own line.
        var claims = PlanDeclarations.Claims.Where(c => c.Rule == 1 && c.Deciding && c.HoldsIf == Answer.Yes).Take(3).ToList();
        var run = ClaimRuns.Build(
            [Scenarios.In(claims[0], RuleOutcome.Holds)!, Scenarios.In(claims[1], RuleOutcome.DoesNotCarryOver)!, new Placement(claims[2], 1, OnThreshold: true)],
            PlanDeclarations.Rules,
            PlanDeclarations.Metrics);

        var result = Rule(run, 1);

        Assert.Equal(VerdictKind.HoldsOnlyFor, result.Kind);
        Assert.Equal("SQLite range scans", Assert.Single(result.Lines, l => l.Verdict == RuleOutcome.Inconclusive).Claim.Target);
        Assert.Equal("Holds only for HTTP; not for SQLite point lookups; inconclusive for SQLite range scans", Answers.VerdictWords(result));
    }

    [Fact]
    public void Control_Should_HoldWhereItAnswersWhatTheRulePredicts_No()
    {
        // Rule 1's CPU-bound control asks the I/O targets' question; the rule predicts "no" there.
        var cpu = Plan("async-gains", "CPU-bound work");
        var noGain = Rule(ClaimRuns.Build([new Placement(cpu, 0)], PlanDeclarations.Rules, PlanDeclarations.Metrics), 1);
        var gain = Rule(ClaimRuns.Build([new Placement(cpu, 1)], PlanDeclarations.Rules, PlanDeclarations.Metrics), 1);

        Assert.Equal((Answer.No, RuleOutcome.Holds), (noGain.Lines.Single().Answer!.Value, noGain.Lines.Single().Verdict));
        Assert.Equal((Answer.Yes, RuleOutcome.DoesNotCarryOver), (gain.Lines.Single().Answer!.Value, gain.Lines.Single().Verdict));
    }

    [Fact]
    public void RunWithOneLaunch_Should_ReadTimesProvisionally_AndDecideCountsAlready()
    {
        var claims = PlanDeclarations.Claims.Where(c => c.Rule is 6 or 7).ToList();
        var placements = claims.Select(c => Scenarios.In(c, RuleOutcome.Holds) ?? new Placement(c, 0)).ToList();
        var run = ClaimRuns.Build(placements, PlanDeclarations.Rules, PlanDeclarations.Metrics, launches: 1);

        var evaluation = Claims.Evaluate(run);
        var page = RulesPage.Render(run, TestInputs.Label, ResultTables.Build(run), evaluation);

        var seven = evaluation.Rules.Single(r => r.Rule.Number == 7);
        var six = evaluation.Rules.Single(r => r.Rule.Number == 6);
        Assert.Equal((VerdictKind.Holds, true, Decider.Value), (seven.Kind, seven.Provisional, seven.Lines.Single().DecidedBy));
        Assert.Equal((VerdictKind.Holds, false, Decider.Count), (six.Kind, six.Provisional, six.Lines.Single().DecidedBy));
        Assert.Contains("**Provisional:** a time needs 5 launches a side to decide; with fewer, a time is read by its value's band and marked provisional (rule 7).", page, StringComparison.Ordinal);
        // The hint names the run that gives every claim case 5 launches, not a gate night (which gives some classes fewer).
        Assert.Contains("For verdicts, run the evidence run (`scripts/evidence.sh`", page, StringComparison.Ordinal);
        Assert.DoesNotContain("nightly.sh", page, StringComparison.Ordinal);
        Assert.Contains("| timers | holds (provisional) | Thread.Sleep took 4.00× as long as await Task.Delay |", page, StringComparison.Ordinal);
        Assert.Contains("its value alone (1 launch a side; a verdict needs 5): provisional", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Page_Should_LeadWithTheAnswersAndTargetLines_ThenTheEvidenceWithIdentifiers()
    {
        var claim = Plan("sleep-blocks-others");
        var run = ClaimRuns.Build([Scenarios.In(claim, RuleOutcome.Holds)!], PlanDeclarations.Rules, PlanDeclarations.Metrics);
        // A second setting of the same class: the curve.
        var more = ClaimRuns.Build([new Placement(claim with { Setting = "Count=10" }, 0)], PlanDeclarations.Rules, PlanDeclarations.Metrics);
        run = run with { Results = [.. run.Results, .. more.Results] };

        var page = RulesPage.Render(run, TestInputs.Label, ResultTables.Build(run), Claims.Evaluate(run));
        var answers = page[page.IndexOf("## The answers", StringComparison.Ordinal)..page.IndexOf("## The evidence", StringComparison.Ordinal)];

        Assert.Contains("### 7. Rule 7 of the post.\n\n**Holds**: Thread.Sleep took 4.00× [3.99, 4.01] as long as await Task.Delay; Thread.Sleep ran at most 7 at once; await Task.Delay ran at most 7 at once.\n\n", answers, StringComparison.Ordinal);
        Assert.Contains("| timers | holds | Thread.Sleep took 4.00× [3.99, 4.01] as long as await Task.Delay | Thread.Sleep ran at most 7 at once; await Task.Delay ran at most 7 at once; the pool had 7 threads when Thread.Sleep started; the pool had 7 threads when await Task.Delay started | its interval, unpaired, 5 launches a side |", answers, StringComparison.Ordinal);
        Assert.DoesNotContain("`", answers, StringComparison.Ordinal);
        Assert.Contains("| `sleep-blocks-others` (deciding) | timers ([BlockingInAsyncBenchmarks](rules-benchmarks.md#blockinginasyncbenchmarks)) | A question? | `SleepInAsync` ÷ `DelayInAsync` 4.00× [3.99, 4.01] at Count=100 | < 2×: no · ≥ 2×: yes | yes | yes | its interval, unpaired, 5 launches a side |", page, StringComparison.Ordinal);
        Assert.Contains("| `sleep-blocks-others` | Count=10 | 1.00× [0.998, 1.00] | no |", page, StringComparison.Ordinal);
        Assert.Contains("| `sleep-blocks-others` | **Count=100** | 4.00× [3.99, 4.01] | yes |", page, StringComparison.Ordinal);
        Assert.Contains("- `sleep-blocks-others` (timers): `SleepInAsync` ran at most 7 at once; `DelayInAsync` ran at most 7 at once; the pool had 7 threads when `SleepInAsync` started;", page, StringComparison.Ordinal);
    }

    [Fact]
    public void RulesPage_Should_SayNotMeasured_WhenARulesClassesDidNotRun()
    {
        var run = ClaimRuns.Build([Scenarios.In(Plan("sleep-blocks-others"), RuleOutcome.Holds)!], PlanDeclarations.Rules, PlanDeclarations.Metrics, declared: PlanDeclarations.Claims);

        var result = Rule(run, 6);

        Assert.Equal(VerdictKind.NotMeasured, result.Kind);
        Assert.Equal("**Not measured** in this run: none of its deciding claims' benchmarks ran (HTTP (mock server)).", Answers.Of(result, run.Declarations));
    }

    [Fact]
    public void MetricClaim_Should_BeReadPerUnit_AndStatedByItsPhrase()
    {
        var claim = Plan("burst-refused");
        var run = ClaimRuns.Build([new Placement(claim, 1)], PlanDeclarations.Rules, PlanDeclarations.Metrics);

        var at = Rule(run, 8).Claims.Single(c => c.Claim.Id == "burst-refused").AtDeclared!;

        Assert.Equal(1.01, at.Value.Value, 6);
        Assert.False(at.Value.HasInterval);
        Assert.Equal("the server refused 101 attempts of `UnboundedWhenAll` (1.01 per unit)", Answers.Number(at, run.Declarations));
    }

    [Fact]
    public void Difference_Should_ComeFromLaunchMeans_WithAnInterval()
    {
        var claim = Plan("async-cheap-until-suspended");
        var run = ClaimRuns.Build([new Placement(claim, 1, OnThreshold: true)], PlanDeclarations.Rules, PlanDeclarations.Metrics);

        var result = Rule(run, 2);
        var at = result.Claims.Single().AtDeclared!;

        Assert.InRange(at.Value.Value, 99, 101); // the launches' spread is multiplicative: their mean moves a little
        Assert.True(at.Value.Lower < 100 && at.Value.Upper > 100);
        Assert.Null(at.Answer);
        Assert.StartsWith("**Inconclusive** for async methods: an async method that does not suspend cost 100 ns [", Answers.Of(result, run.Declarations), StringComparison.Ordinal);
    }

    [Fact]
    public void Time_Should_WidenWithTheSpreadBetweenLaunches_NotTheIterations()
    {
        var id = SyntheticRuns.Id("WhenAll", 100);
        var other = SyntheticRuns.Id("Serial", 100);
        Estimate Ratio(double spread, int launches) =>
            Intervals.Replication(Intervals.Time(ClaimRuns.Result(id, 20e6, spread, launches), ClaimRuns.Result(other, 10e6, spread, launches), ratio: true, paired: false)!, 0, 1, ratio: true);

        var calm = Ratio(0.001, 5);
        var spread = Ratio(0.1, 5);

        Assert.Equal(2, calm.Value, 6);
        Assert.Equal(2, spread.Value, 6);
        // SE of the log ratio: √(0.1²/5 · 2) = 0.0632; × √2 × t(0.975, 8 df) = 2.306: ±0.206 on the log scale.
        Assert.Equal(2 * Math.Exp(-0.2063), spread.Lower, 2);
        Assert.Equal(2 * Math.Exp(0.2063), spread.Upper, 2);
        Assert.True(calm.Upper - calm.Lower < 0.01);
        Assert.False(Ratio(0.1, 1).HasInterval);
    }

    [Fact]
    public void Answers_Should_StayWithin30Words_WhenAnInconclusiveRuleListsEveryScope()
    {
        // Rule 9's shape as measured: four scopes (reads and writes, one at a time and all at once), two undecided on their
        // threshold and two that do not carry over, each named with its scope.
        var deciding = PlanDeclarations.Claims.Where(c => c.Rule == 9 && c.Deciding && c.Family == "files").ToList();
        Placement Undecided(DeclaredClaim c) => new(c, Enumerable.Range(1, c.Thresholds.Count).First(i => c.Answers[i] != c.Answers[i - 1]), OnThreshold: true);
        var placements = deciding.Select((c, i) => i % 3 == 0 ? Undecided(c) : Scenarios.In(c, RuleOutcome.DoesNotCarryOver)!).ToList();
        var run = ClaimRuns.Build(placements, PlanDeclarations.Rules, PlanDeclarations.Metrics);

        var answer = Answers.Of(Rule(run, 9), run.Declarations);

        Assert.Equal(4, deciding.Count);
        Assert.InRange(Answers.Words(answer), 10, Answers.MaxWords);
        Assert.StartsWith("**Inconclusive** for ", answer, StringComparison.Ordinal);
        Assert.Contains("one at a time", answer, StringComparison.Ordinal);
        Assert.Contains("all at once", answer, StringComparison.Ordinal);
    }

    [Fact]
    public void Answers_Should_StayWithin30Words_WhenEveryTargetIsListed()
    {
        // The longest shape: rule 1's deciding claims split, every mechanism present on both sides.
        var deciding = PlanDeclarations.Claims.Where(c => c.Rule == 1 && c.Deciding).ToList();
        var placements = deciding.Select((c, i) => Scenarios.In(c, i % 2 == 0 ? RuleOutcome.Holds : RuleOutcome.DoesNotCarryOver)!).ToList();
        var run = ClaimRuns.Build(placements, PlanDeclarations.Rules, PlanDeclarations.Metrics);

        var answer = Answers.Of(Rule(run, 1), run.Declarations);

        Assert.InRange(Answers.Words(answer), 10, Answers.MaxWords);
        Assert.StartsWith("**Holds only for** ", answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("async calls")]
    [InlineData("a blocking loop")]
    public void WorkItems_Should_ReadForASideOfEitherNumber(string side)
    {
        // "async calls queued no thread-pool work (its calls completed synchronously)" read wrong for a plural side.
        var result = ClaimRuns.Result(SyntheticRuns.Id("WhenAll", 100), 1e6, 0.01, 5);

        var none = Answers.Phrase(null, BuiltInMetrics.WorkItems, side, 0.2, 0.2, result, Naming.Words);
        var one = Answers.Phrase(null, BuiltInMetrics.WorkItems, side, 100, 100, result, Naming.Words);

        Assert.Equal($"{side} queued no thread-pool work (every call completed synchronously)", none);
        Assert.Equal($"{side} queued 1 thread-pool work item per unit", one);
    }

    [Fact]
    public void ARangeOfWholeThingsBelowOne_Should_ReadFewerThanOne_Once()
    {
        var result = ClaimRuns.Result(SyntheticRuns.Id("FireAndForget", 100), 1e6, 0.01, 5);
        var metric = new DeclaredMetric("Demo.Results", "Results", "Count", "Results the caller received", "Median", "the caller received {value} {result|results} of {side}");

        Assert.Equal("the caller received fewer than 1 result of unawaited calls", Answers.Phrase(metric, metric.Id, "unawaited calls", 0, 0.02, result, Naming.Words));
        Assert.Equal("the caller received 0 to 2 results of unawaited calls", Answers.Phrase(metric, metric.Id, "unawaited calls", 0, 2, result, Naming.Words));
    }
}
