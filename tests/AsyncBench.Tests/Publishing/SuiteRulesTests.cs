using AsyncBench.Benchmarks.Declarations;
using AsyncBench.Protocol;
using AsyncBench.Publish.Tests;
using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Rules;

namespace AsyncBench.Tests.Publishing;

/// <summary>
/// The suite's own declarations (its [Claim]s, rules and metric descriptions, exported as a run would export them):
/// synthetic runs whose values fall in each band reach each verdict of each rule that those claims allow, and every
/// answer stays within 50 words.
/// </summary>
public class SuiteRulesTests
{
    private static readonly Type[] SuiteTypes = typeof(DeclarationsExporter).Assembly.GetTypes();

    private static readonly IReadOnlyList<DeclaredClaim> SuiteClaims = DeclarationsExporter.Claims(SuiteTypes);

    private static readonly IReadOnlyList<DeclaredRule> SuiteRules = DeclarationsExporter.Rules(SuiteTypes);

    private static readonly IReadOnlyList<DeclaredMetric> SuiteMetrics = DeclarationsExporter.Metrics();

    /// <summary>Each rule with each verdict its declared claims can give (every verdict but <see cref="Unreachable"/>'s).</summary>
    public static TheoryData<int, VerdictKind> RulesAndVerdicts()
    {
        var data = new TheoryData<int, VerdictKind>();
        foreach (var rule in Enumerable.Range(1, 10))
        {
            foreach (var kind in Scenarios.Decided.Where(k => !Unreachable().Contains((rule, k))))
            {
                data.Add(rule, kind);
            }
        }

        return data;
    }

    public static TheoryData<int, VerdictKind> UnreachableVerdicts()
    {
        var data = new TheoryData<int, VerdictKind>();
        foreach (var (rule, kind) in Unreachable().Order())
        {
            data.Add(rule, kind);
        }

        return data;
    }

    [Fact]
    public void Suite_Should_DeclareDecidingClaimsForEveryRule_AndDescribeEveryMetricTheyName()
    {
        Assert.Equal(Enumerable.Range(1, 10), SuiteRules.Select(r => r.Number));
        Assert.Equal(Enumerable.Range(1, 10), SuiteClaims.Where(c => c.Deciding).Select(c => c.Rule).Distinct().Order());
        var described = SuiteMetrics.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var named = SuiteClaims.SelectMany(c => c.Mechanism.Append(c.MetricId)).OfType<string>().Distinct();
        Assert.All(named, id => Assert.True(described.Contains(id) || BuiltInMetrics.Describe(id) is not null, $"{id} has no description"));
    }

    [Theory]
    [MemberData(nameof(RulesAndVerdicts))]
    public void EveryRule_Should_ReachEachVerdict_ItsDeclaredClaimsAllow(int rule, VerdictKind wanted)
    {
        var placements = Scenarios.For([.. SuiteClaims.Where(c => c.Rule == rule)], wanted);
        Assert.NotNull(placements);

        var run = ClaimRuns.Build(placements, SuiteRules, SuiteMetrics);

        var result = Claims.Evaluate(run).Single(r => r.Rule.Number == rule);

        Assert.Equal(wanted, result.Verdict.Kind);
        Assert.InRange(Answers.Words(Answers.Of(result, run.Declarations)), 8, Answers.MaxWords);
    }

    [Theory]
    [MemberData(nameof(UnreachableVerdicts))]
    public void Verdict_Should_BeOutOfReach_OnlyWhereTheDeclaredClaimsCannotGiveIt(int rule, VerdictKind wanted)
    {
        Assert.Null(Scenarios.For([.. SuiteClaims.Where(c => c.Rule == rule)], wanted));
    }

    /// <summary>
    /// What the suite's claims cannot give, and why: "holds only for" needs two deciding claims; "inconclusive" needs a
    /// deciding claim with an interval (a time ratio or difference). A count observed in one launch has none.
    /// </summary>
    private static HashSet<(int, VerdictKind)> Unreachable()
    {
        var unreachable = new HashSet<(int, VerdictKind)>();
        foreach (var rule in Enumerable.Range(1, 10))
        {
            var deciding = SuiteClaims.Where(c => c.Rule == rule && c.Deciding).ToList();
            if (deciding.Count < 2)
            {
                unreachable.Add((rule, VerdictKind.HoldsOnlyFor));
            }

            if (deciding.All(c => c.Measure == ClaimMeasure.Metric))
            {
                unreachable.Add((rule, VerdictKind.Inconclusive));
            }
        }

        return unreachable;
    }

    [Fact]
    public void EveryRule_Should_BeAbleToHold_AndNotCarryOver()
    {
        foreach (var rule in Enumerable.Range(1, 10))
        {
            var claims = SuiteClaims.Where(c => c.Rule == rule).ToList();
            Assert.NotNull(Scenarios.For(claims, VerdictKind.Holds));
            Assert.NotNull(Scenarios.For(claims, VerdictKind.DoesNotCarryOver));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void EveryAnswer_OfARealisticRun_Should_BeAtMost50Words(int mix)
    {
        // Every claim of the suite in one run: deciding claims hold, do not carry over, or alternate (the longest
        // answers: both lists and the cause), evidence claims wherever their sides fall; every mechanism observed.
        var placements = new List<Placement>();
        var deciding = SuiteClaims.Where(c => c.Deciding).ToList();
        foreach (var (claim, i) in deciding.Select((c, i) => (c, i)))
        {
            var outcome = mix switch
            {
                0 => RuleOutcome.Holds,
                1 => RuleOutcome.DoesNotCarryOver,
                _ => i % 2 == 0 ? RuleOutcome.Holds : RuleOutcome.DoesNotCarryOver,
            };
            placements.Add(Scenarios.In(claim, outcome)!);
        }

        placements.AddRange(SuiteClaims.Where(c => !c.Deciding).Select(c => new Placement(c, 0)));
        var run = ClaimRuns.Build(placements, SuiteRules, SuiteMetrics, declared: SuiteClaims);

        var rules = Claims.Evaluate(run);

        Assert.Equal(10, rules.Count);
        Assert.All(rules, r => Assert.InRange(Answers.Words(Answers.Of(r, run.Declarations)), 8, Answers.MaxWords));
        Assert.All(rules, r => Assert.DoesNotContain(r.Verdict.Kind, new[] { VerdictKind.NotMeasured, VerdictKind.NotJudged }));
    }
}
