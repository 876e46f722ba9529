using AsyncBench.Protocol;
using AsyncBench.Publishing.Pages;
using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Rules;

namespace AsyncBench.Publish.Tests;

/// <summary>
/// A reviewer's run answers each claim at the reviewer's setting, in the declared run's form: from the suite's own output
/// (Inputs/reviewer: a dry run of `--filter '*HttpBenchmarks*' --params Count=10 LatencyMs=20 --latency
/// 'lognormal:median=20ms,p99=200ms' --job dry`), and from synthetic runs (ClaimRuns) whose cases sit at the reviewer's
/// setting while the claims stay declared at theirs, one test per outcome a claim can take there.
/// </summary>
public class ReviewerRulesTests
{
    private const string Lognormal = "lognormal:median=20ms,p99=200ms";

    private const string Given = "--params Count=500 LatencyMs=20 --latency " + Lognormal + " --seed 1";

    private const string AtReviewer = "Count=500, LatencyMs=20, latency lognormal median 20 ms p99 200 ms";

    private static string Reviewer => Path.Combine(AppContext.BaseDirectory, "Inputs", "reviewer");

    private static DeclaredClaim Plan(string id, string target) => PlanDeclarations.Claims.First(c => c.Id == id && c.Target == target);

    private static DeclaredClaim HttpGains => Plan("async-gains", "HTTP (mock server)");

    private static DeclaredClaim HttpOverlaps => Plan("gather-overlaps", "HTTP (mock server)");

    /// <summary>The claim's cases placed at <paramref name="setting"/> (the reviewer's), the claim itself still declared at its own.</summary>
    private static Placement At(DeclaredClaim claim, string setting, int band, bool onThreshold = false, bool premiseHolds = true, bool launchesDisagree = false) =>
        new(claim with { Setting = setting }, band, onThreshold, premiseHolds, launchesDisagree);

    /// <summary>A run of the placements, its sidecar marking every case as a reviewer's run at <paramref name="given"/>.</summary>
    private static BenchmarkRun Run(IReadOnlyList<Placement> placements, string given = Given, IReadOnlyList<DeclaredClaim>? declared = null, int launches = 5, bool passes = false)
    {
        declared ??= [.. placements.Select(p => PlanDeclarations.Claims.First(c => c.Class == p.Claim.Class && c.Id == p.Claim.Id)).Distinct()];
        var run = ClaimRuns.Build(placements, PlanDeclarations.Rules, PlanDeclarations.Metrics, launches, declared, passes);
        return run with
        {
            Declarations = new RunDeclarations(
                run.Results.Select((r, i) => new DeclaredBenchmark(r.FullName, [], false, i) { ReviewerSetting = given }),
                PlanDeclarations.Rules,
                declared,
                PlanDeclarations.Metrics,
                []),
        };
    }

    private static string Reviewers(string parameters) => parameters + "&Latency=" + Lognormal;

    [Fact]
    public void DryRun_Should_AnswerTheHttpClaims_AtTheReviewersSetting_NotAsNotMeasured()
    {
        var run = ReportReader.ReadDirectory(Reviewer);

        var evaluation = Claims.Evaluate(run);

        const string setting = "Count=10, LatencyMs=20, latency lognormal median 20 ms p99 200 ms";
        Assert.Equal("--params Count=10 LatencyMs=20 --latency " + Lognormal + " --seed 1", evaluation.Reviewer!.Given);
        foreach (var number in new[] { 1, 5, 8 })
        {
            var rule = Assert.Single(evaluation.Rules, r => r.Rule.Number == number);
            Assert.Equal(setting, rule.Setting);
            Assert.NotEqual(VerdictKind.NotMeasured, rule.Kind);
            var line = Assert.Single(rule.Lines);
            Assert.Equal(setting, line.ReviewerSetting);
            Assert.Null(Assert.Single(rule.Claims, c => c.Claim.Deciding).AtDeclared); // the declared Count=100 did not run
        }

        // One launch a side: a time is read by its value, provisional; a count decides by itself.
        Assert.Equal(Decider.Value, evaluation.Rules.Single(r => r.Rule.Number == 1).Lines[0].DecidedBy);
        Assert.Equal(Decider.Count, evaluation.Rules.Single(r => r.Rule.Number == 5).Lines[0].DecidedBy);
    }

    [Fact]
    public void DryRun_RulesPageAndJson_Should_SayTheAnswersAreAtTheReviewersSetting()
    {
        var run = ReportReader.ReadDirectory(Reviewer);
        var evaluation = Claims.Evaluate(run);

        var page = RulesPage.Render(run, TestInputs.Label, ResultTables.Build(run), evaluation);
        var json = RulesJson.Serialize(run, TestInputs.Label, evaluation);

        Assert.Contains("*At Count=10, LatencyMs=20, latency lognormal median 20 ms p99 200 ms (the reviewer's setting):*\n\n**Holds**", page, StringComparison.Ordinal);
        Assert.Contains("**Read at the reviewer's setting.**", page, StringComparison.Ordinal);
        Assert.Contains("| Value at the reviewer's setting |", page, StringComparison.Ordinal);
        Assert.DoesNotContain("none of its deciding claims' benchmarks ran", page, StringComparison.Ordinal);
        Assert.Contains("\"reviewerSetting\": \"--params Count=10 LatencyMs=20 --latency " + Lognormal + " --seed 1\"", json, StringComparison.Ordinal);
        Assert.Contains("\"setting\": \"Count=10, LatencyMs=20, latency lognormal median 20 ms p99 200 ms\"", json, StringComparison.Ordinal);
        Assert.Contains("\"atReviewer\": [", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, false, true, RuleOutcome.Holds, Answer.Yes, Decider.Time)]
    [InlineData(0, false, true, RuleOutcome.DoesNotCarryOver, Answer.No, Decider.Time)]
    [InlineData(1, true, true, RuleOutcome.Inconclusive, null, Decider.Time)]
    [InlineData(1, false, false, RuleOutcome.DoesNotCarryOver, Answer.No, Decider.Premise)]
    public void TimeClaim_Should_TakeEachOutcome_AtTheReviewersSetting(int band, bool onThreshold, bool premiseHolds, RuleOutcome verdict, Answer? answer, Decider decider)
    {
        var run = Run([At(HttpGains, Reviewers("Count=500&LatencyMs=20"), band, onThreshold, premiseHolds)]);

        var rule = Assert.Single(Claims.Evaluate(run).Rules, r => r.Rule.Number == 1);

        var line = Assert.Single(rule.Lines);
        Assert.Equal(AtReviewer, rule.Setting);
        Assert.True(rule.ReviewersRun);
        Assert.Equal(AtReviewer, line.ReviewerSetting);
        Assert.Equal(verdict, line.Verdict);
        Assert.Equal(answer, line.Answer);
        Assert.Equal(decider, line.DecidedBy);
        Assert.False(line.Provisional);
        Assert.Null(Assert.Single(rule.Claims).AtDeclared);
    }

    [Fact]
    public void TimeClaim_Should_BeProvisional_AtTheReviewersSetting_FromFewerLaunchesThanAVerdictNeeds()
    {
        var run = Run([At(HttpGains, Reviewers("Count=500&LatencyMs=20"), 1)], launches: 1);

        var line = Assert.Single(Assert.Single(Claims.Evaluate(run).Rules, r => r.Rule.Number == 1).Lines);

        Assert.Equal(Decider.Value, line.DecidedBy);
        Assert.True(line.Provisional);
        Assert.Equal(RuleOutcome.Holds, line.Verdict);
    }

    [Theory]
    [InlineData(1, false, RuleOutcome.Holds)]
    [InlineData(0, false, RuleOutcome.DoesNotCarryOver)]
    [InlineData(1, true, RuleOutcome.Inconclusive)]
    public void CountClaim_Should_TakeEachOutcome_AtTheReviewersSetting(int band, bool launchesDisagree, RuleOutcome verdict)
    {
        var run = Run([At(HttpOverlaps, Reviewers("Count=500&LatencyMs=20"), band, launchesDisagree: launchesDisagree)], passes: true);

        var rule = Assert.Single(Claims.Evaluate(run).Rules, r => r.Rule.Number == 5);

        var line = Assert.Single(rule.Lines);
        Assert.Equal(AtReviewer, rule.Setting);
        Assert.Equal(verdict, line.Verdict);
        Assert.Equal(Decider.Count, line.DecidedBy);
    }

    [Fact]
    public void SeveralSettings_Should_GiveOneAnswerEach_InTheClassesOrder()
    {
        // --params Count=100,500: the declared Count=100 is one of the reviewer's settings; each is answered on its own.
        var run = Run(
            [At(HttpGains, "Count=500&LatencyMs=20", 1), At(HttpGains, "Count=100&LatencyMs=20", 0)],
            given: "--params Count=100,500 LatencyMs=20");

        var rules = Claims.Evaluate(run).Rules.Where(r => r.Rule.Number == 1).ToList();

        Assert.Equal(["Count=100, LatencyMs=20", "Count=500, LatencyMs=20"], rules.Select(r => r.Setting));
        Assert.Equal([VerdictKind.DoesNotCarryOver, VerdictKind.Holds], rules.Select(r => r.Kind));
        var page = RulesPage.Render(run, TestInputs.Label, [], Claims.Evaluate(run));
        Assert.Contains("*At Count=100, LatencyMs=20 (the reviewer's setting):*\n\n**Does not carry over**", page, StringComparison.Ordinal);
        Assert.Contains("*At Count=500, LatencyMs=20 (the reviewer's setting):*\n\n**Holds**", page, StringComparison.Ordinal);
        Assert.Single(page.Split('\n'), l => l.StartsWith("### 1. ", StringComparison.Ordinal));
    }

    [Fact]
    public void ClassesOtherDeclaredValues_Should_NotAnswer_WhereTheReviewerGaveOnlyCount()
    {
        // --params Count=500 keeps the class's LatencyMs values (0 and 20): LatencyMs=0 is not the question the claim asks.
        var run = Run(
            [At(HttpGains, "Count=500&LatencyMs=0", 1), At(HttpGains, "Count=500&LatencyMs=20", 0)],
            given: "--params Count=500");

        var rule = Assert.Single(Claims.Evaluate(run).Rules, r => r.Rule.Number == 1);

        Assert.Equal("Count=500", rule.Setting); // the reviewer's parameters; the line keeps its whole setting
        Assert.Equal("Count=500, LatencyMs=20", Assert.Single(rule.Lines).ReviewerSetting);
        Assert.Equal(VerdictKind.DoesNotCarryOver, rule.Kind);
    }

    [Fact]
    public void ClassesWithoutSomeOfTheReviewersParameters_Should_AnswerUnderTheSettingTheyAgreeWith()
    {
        // HTTP waits (LatencyMs, the distribution); SQLite point lookups have Count only: both answer rule 1 at Count=500.
        var lookups = Plan("async-gains", "SQLite point lookups");
        var run = Run(
            [At(HttpGains, Reviewers("Count=500&LatencyMs=20"), 1), At(lookups, "Count=500", 1, premiseHolds: false)],
            given: "--params Count=500 --latency " + Lognormal + " --seed 1");

        var rule = Assert.Single(Claims.Evaluate(run).Rules, r => r.Rule.Number == 1);

        Assert.Equal("Count=500, latency lognormal median 20 ms p99 200 ms", rule.Setting);
        Assert.Equal(VerdictKind.HoldsOnlyFor, rule.Kind);
        Assert.Equal(["HTTP (mock server)", "SQLite point lookups"], rule.Lines.Select(l => l.Claim.Target).Order(StringComparer.Ordinal));
        Assert.Empty(rule.Missing);
    }

    [Fact]
    public void ClassWithoutTheReviewersParameters_Should_AnswerAtItsDeclaredSetting_SaidSo()
    {
        // Rule 2's class has no parameter: --params Count=500 leaves it as declared.
        var cheap = Plan("async-cheap-until-suspended", "async methods");
        var run = Run([At(HttpGains, "Count=500&LatencyMs=20", 1), new Placement(cheap, 0)], given: "--params Count=500");
        var evaluation = Claims.Evaluate(run);

        var rule2 = Assert.Single(evaluation.Rules, r => r.Rule.Number == 2);
        var page = RulesPage.Render(run, TestInputs.Label, [], evaluation);

        Assert.Equal(string.Empty, rule2.Setting);
        Assert.Equal(VerdictKind.Holds, rule2.Kind);
        Assert.Contains("*At its declared setting: none of the reviewer's parameters is its classes'.*", page, StringComparison.Ordinal);
        Assert.Equal("Count=500", Assert.Single(evaluation.Rules, r => r.Rule.Number == 1).Setting);
    }

    [Fact]
    public void ClaimsTheRunDidNotMeasure_Should_BeNotMeasuredInThisRun_NotInconclusive()
    {
        // Rule 1 declared for HTTP and SQLite point lookups; the reviewer's run measured HTTP only. Rule 9 (files): nothing.
        var declared = PlanDeclarations.Claims.Where(c => c.Target is "HTTP (mock server)" or "SQLite point lookups" or "file reads").ToList();
        var run = Run([At(HttpGains, Reviewers("Count=500&LatencyMs=20"), 1)], declared: declared);
        var evaluation = Claims.Evaluate(run);

        var rule1 = Assert.Single(evaluation.Rules, r => r.Rule.Number == 1);
        var rule9 = Assert.Single(evaluation.Rules, r => r.Rule.Number == 9);
        var page = RulesPage.Render(run, TestInputs.Label, [], evaluation);

        Assert.Equal(VerdictKind.Holds, rule1.Kind);
        Assert.Contains(rule1.Missing, c => c.Target == "SQLite point lookups");
        Assert.Contains("Not measured in this run: SQLite point lookups", page, StringComparison.Ordinal);
        Assert.Equal(VerdictKind.NotMeasured, rule9.Kind);
        Assert.Null(rule9.Setting);
        Assert.StartsWith("**Not measured** in this run: none of its deciding claims' two sides ran at the reviewer's setting (file reads", Answers.Of(rule9, run.Declarations), StringComparison.Ordinal);
    }

    [Fact]
    public void DeclaredRun_Should_AnswerAtTheDeclaredSetting_AsBefore()
    {
        var run = ClaimRuns.Build([new Placement(HttpGains, 1)], PlanDeclarations.Rules, PlanDeclarations.Metrics);

        var evaluation = Claims.Evaluate(run);
        var rule = Assert.Single(evaluation.Rules, r => r.Rule.Number == 1);

        Assert.Null(evaluation.Reviewer);
        Assert.Null(rule.Setting);
        Assert.False(rule.ReviewersRun);
        Assert.Null(Assert.Single(rule.Claims).AtReviewer);
        Assert.Null(Assert.Single(rule.Lines).ReviewerSetting);
    }

    [Fact]
    public void ReviewerSetting_Should_ReadTheParametersAndTheLatency_AsTheSuiteWritesThem()
    {
        var setting = ReviewerSetting.Parse("--params Count=100,500 latencyMs=20 --latency " + Lognormal + " --seed 7");

        Assert.Equal(["100", "500"], setting.Values("Count")!);
        Assert.Equal(["20"], setting.Values("LatencyMs")!); // BenchmarkDotNet's names, matched ignoring case as the suite does
        Assert.Null(setting.Values("Devices"));
        Assert.Equal(Lognormal, setting.Latency);
        Assert.Equal("lognormal median 20 ms p99 200 ms", ReviewerSetting.LatencyWords(Lognormal));
        Assert.Equal("uniform min 5 ms max 50 ms", ReviewerSetting.LatencyWords("uniform:min=5ms,max=50ms"));
    }
}
