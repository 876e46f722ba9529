using System.Text.RegularExpressions;
using AsyncBench.Benchmarks.Declarations;
using AsyncBench.Protocol;
using AsyncBench.Publish.Tests;
using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Rules;

namespace AsyncBench.Tests.Publishing;

/// <summary>
/// The suite's own declarations (its [Claim]s, rules and metric descriptions, exported as a run would export them):
/// synthetic runs whose values fall in each band reach each verdict of each rule that those claims allow, every answer
/// stays within 30 words of plain prose, and each claim's bands answer its question the way its question reads.
/// </summary>
public partial class SuiteRulesTests
{
    private static readonly IReadOnlyList<Type> SuiteTypes = AsyncBench.Benchmarks.Running.ConfigurationCheck.BenchmarkClasses;

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
        var named = SuiteClaims.SelectMany(c => c.Mechanism.Append(c.MetricId).Append(c.Premise?.MetricId)).OfType<string>().Distinct();
        Assert.All(named, id => Assert.True(described.Contains(id) || BuiltInMetrics.Describe(id) is not null, $"{id} has no description"));
        Assert.All(SuiteClaims, c => Assert.False(string.IsNullOrWhiteSpace(c.SideWords), $"{c.Class} {c.Id}: no words for {c.Side}"));
    }

    [Theory]
    [MemberData(nameof(RulesAndVerdicts))]
    public void EveryRule_Should_ReachEachVerdict_ItsDeclaredClaimsAllow(int rule, VerdictKind wanted)
    {
        var placements = Scenarios.For([.. SuiteClaims.Where(c => c.Rule == rule)], wanted);
        Assert.NotNull(placements);

        var run = ClaimRuns.Build(placements, SuiteRules, SuiteMetrics);

        var result = Claims.Evaluate(run).Rules.Single(r => r.Rule.Number == rule);

        Assert.Equal(wanted, result.Kind);
        Assert.InRange(Answers.Words(Answers.Of(result, run.Declarations)), 5, Answers.MaxWords);
    }

    [Theory]
    [MemberData(nameof(UnreachableVerdicts))]
    public void Verdict_Should_BeOutOfReach_OnlyWhereTheDeclaredClaimsCannotGiveIt(int rule, VerdictKind wanted)
    {
        Assert.Null(Scenarios.For([.. SuiteClaims.Where(c => c.Rule == rule)], wanted));
    }

    /// <summary>
    /// What the suite's claims cannot give, and why: "holds only for" needs two deciding claims; "inconclusive" needs a
    /// deciding claim with an interval (a time ratio or difference). A count has none.
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
    public void EveryAnswer_OfARealisticRun_Should_BeAtMost30PlainWords(int mix)
    {
        var (run, rules) = RealisticRun(mix);

        Assert.Equal(10, rules.Count);
        Assert.All(rules, r =>
        {
            var answer = Answers.Of(r, run.Declarations);
            Assert.InRange(Answers.Words(answer), 5, Answers.MaxWords);
            Assert.DoesNotContain("`", answer, StringComparison.Ordinal);
            Assert.DoesNotMatch(FractionOfAThing(), answer);
        });
        Assert.All(rules, r => Assert.NotEqual(VerdictKind.NotMeasured, r.Kind));
    }

    /// <summary>
    /// No phrase twice in one answer: rule 5 with every target's async calls one at a time once read "async calls ran one
    /// at a time; async calls ran one at a time" (the quoted time, decided by its premise, is the deciding count again).
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void EveryAnswer_OfARealisticRun_Should_SayEachPhraseOnce(int mix)
    {
        var (run, rules) = RealisticRun(mix);

        Assert.All(rules, r =>
        {
            var phrases = Answers.Of(r, run.Declarations).TrimEnd('.').Split(["; ", ". ", ": "], StringSplitOptions.None);
            Assert.Equal(phrases.Distinct(StringComparer.Ordinal), phrases);
        });
    }

    /// <summary>A range only where its ends differ: "async calls 2.20× faster", never "2.20× to 2.20× faster".</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void EveryAnswer_OfARealisticRun_Should_GiveARange_OnlyWhereItsEndsDiffer(int mix)
    {
        var (run, rules) = RealisticRun(mix);

        Assert.All(rules, r => Assert.DoesNotMatch(RangeOfOneValue(), Answers.Of(r, run.Declarations)));
    }

    /// <summary>
    /// Every claim of the suite in one run: deciding claims hold, do not carry over, or alternate (<paramref name="mix"/> 0,
    /// 1, 2: the longest answers have both lists and the cause), evidence claims wherever their sides fall; every mechanism observed.
    /// </summary>
    private static (BenchmarkRun Run, IReadOnlyList<RuleResult> Rules) RealisticRun(int mix)
    {
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
        return (run, Claims.Evaluate(run).Rules);
    }

    /// <summary>How each claim's question reads: which way its value must go for the answer to be yes.</summary>
    public enum YesWhen
    {
        /// <summary>A ratio or difference: yes when the side takes longer than the versus side (above the threshold).</summary>
        SideTakesLonger,

        /// <summary>A ratio or difference: yes when the side does not take that much longer (below the threshold).</summary>
        SideDoesNotTakeLonger,

        /// <summary>A count: yes when there are as many or more (at or above the threshold).</summary>
        Many,

        /// <summary>A count: yes when there are fewer.</summary>
        Few,
    }

    /// <summary>
    /// Each claim's question, read by a person, as the way its value must go for "yes": the bands must agree. Rule 4's
    /// <c>blocking-on-a-task-is-compensated</c> once read "holds" at 0.0704× (blocking 14× slower than sleeping) for "is
    /// blocking faster than sleeping?"; rules 9 and 10 once asked one question with opposite bands. A claim added to the
    /// suite must be read here too.
    /// </summary>
    private static readonly Dictionary<(int Rule, string Id), YesWhen> Readings = new()
    {
        [(1, "async-beats-a-blocking-loop")] = YesWhen.SideTakesLonger,                    // the async calls beat a blocking loop: the loop (Serial) takes longer
        [(1, "cpu-work-gains-from-threads")] = YesWhen.SideTakesLonger,                    // pool threads beat a blocking loop
        [(2, "async-costs-little-until-it-suspends")] = YesWhen.SideDoesNotTakeLonger,     // costs less than 100 ns more
        [(2, "async-valuetask-costs-little-until-it-suspends")] = YesWhen.SideDoesNotTakeLonger,
        [(2, "async-at-most-doubles-a-tiny-call")] = YesWhen.SideDoesNotTakeLonger,        // at most doubles
        [(2, "suspending-is-where-the-cost-is")] = YesWhen.SideTakesLonger,                // suspending costs at least 1 μs more
        [(3, "unawaited-call-never-runs")] = YesWhen.Few,                                  // never runs: few ran
        [(3, "awaited-call-runs")] = YesWhen.Many,
        [(3, "unawaited-result-is-lost")] = YesWhen.Few,                                   // lost: few received
        [(3, "unawaited-exception-never-reaches-the-caller")] = YesWhen.Few,
        [(3, "unawaited-call-fails-unseen")] = YesWhen.Few,                                // silent: few reported
        [(4, "blocking-on-a-task-raises-an-error")] = YesWhen.Many,
        [(4, "blocking-with-result-raises-an-error")] = YesWhen.Many,
        [(4, "blocking-on-a-task-starves-the-pool")] = YesWhen.SideTakesLonger,            // blocking takes longer than awaiting
        [(4, "blocking-on-a-task-is-compensated")] = YesWhen.SideTakesLonger,              // blocking faster than sleeping: sleeping (the side) takes longer
        [(4, "blocking-on-a-task-costs")] = YesWhen.SideTakesLonger,
        [(5, "gather-runs-together")] = YesWhen.Many,
        [(5, "gather-beats-one-at-a-time")] = YesWhen.SideTakesLonger,                     // one at a time (the side) takes longer
        [(5, "default-degree-is-not-gather")] = YesWhen.SideTakesLonger,
        [(5, "fan-out-waits-for-its-slowest-unit")] = YesWhen.SideDoesNotTakeLonger,      // within 10 % of its floor: not more
        [(6, "wrapped-calls-run-one-after-another")] = YesWhen.Few,
        [(6, "wrapping-gains-nothing-over-a-loop")] = YesWhen.SideDoesNotTakeLonger,       // the loop (the side) is not 10 % slower
        [(6, "wrapping-costs-more-than-native-async")] = YesWhen.SideTakesLonger,
        [(7, "sleep-stalls-the-batch")] = YesWhen.SideTakesLonger,
        [(7, "sleepers-one-at-a-time")] = YesWhen.Few,
        [(8, "async-client-beats-blocking-at-the-same-concurrency")] = YesWhen.SideTakesLonger, // blocking threads (the side) take longer
        [(8, "thread-start-up-costs")] = YesWhen.SideTakesLonger,
        [(8, "unthrottled-burst-is-refused")] = YesWhen.Many,
        [(8, "throttled-burst-is-not-refused")] = YesWhen.Few,
        [(8, "throttling-pays-off")] = YesWhen.SideTakesLonger,
        [(9, "async-api-beats-blocking-one-at-a-time")] = YesWhen.SideTakesLonger,
        [(9, "async-api-beats-blocking-at-the-same-concurrency")] = YesWhen.SideTakesLonger,
        [(10, "lazy-reader-fails-after-its-connection")] = YesWhen.Many,
        [(10, "materialized-list-survives")] = YesWhen.Few,
        [(10, "async-calls-run-together")] = YesWhen.Many,
        [(10, "async-api-beats-blocking-one-at-a-time")] = YesWhen.SideTakesLonger,
        [(10, "async-api-beats-blocking-at-the-same-concurrency")] = YesWhen.SideTakesLonger,
    };

    private const string TailLatency = "lognormal:median=20ms,p99=200ms";

    public static TheoryData<int> Rules() => [.. Enumerable.Range(1, 10)];

    [Theory]
    [MemberData(nameof(Rules))]
    public void EachBand_Should_AnswerTheQuestionTheWayItReads(int rule)
    {
        foreach (var claim in SuiteClaims.Where(c => c.Rule == rule))
        {
            Assert.True(Readings.TryGetValue((claim.Rule, claim.Id), out var reading), $"rule {rule} {claim.Id}: read its question into {nameof(Readings)}.");
            var yesAbove = reading is YesWhen.SideTakesLonger or YesWhen.Many;
            var (low, high) = (claim.Answers[0], claim.Answers[^1]);
            Assert.True((yesAbove ? high : low) == Answer.Yes && (yesAbove ? low : high) == Answer.No,
                $"rule {rule} {claim.Id} ({claim.Class}): \"{claim.Question}\" reads yes when {reading}, but its bands answer {low} below and {high} above.");

            // Read out of a value: far in the yes band, the claim answers yes.
            // A time over its applied floor is read only where the cases drew their delays from a distribution (--latency).
            var placed = claim.Measure == ClaimMeasure.OverFloor ? claim with { Setting = claim.Setting + "&Latency=" + TailLatency } : claim;
            var run = ClaimRuns.Build([new Placement(placed, yesAbove ? claim.Thresholds.Count : 0)], SuiteRules, SuiteMetrics);
            var at = Claims.Evaluate(run).Rules.Single(r => r.Rule.Number == rule).Claims.Single().AtDeclared!;
            Assert.Equal(Answer.Yes, at.Answer);
        }
    }

    /// <summary>
    /// Rule 5 under a tail, as the suite declares it on HTTP and Redis: the calls started together over their applied floor.
    /// A run at the declared setting (a fixed latency) does not measure it; a run whose cases drew a distribution answers
    /// yes within 10 % of the floor, no past it, and undecided where the interval spans 1.1×.
    /// </summary>
    [Theory]
    [InlineData(false, 0, false, null, false)]
    [InlineData(true, 0, false, Answer.Yes, true)]
    [InlineData(true, 1, false, Answer.No, true)]
    [InlineData(true, 1, true, null, true)]
    public void FanOutClaims_Should_BeReadOverTheAppliedFloor_OnlyUnderADistribution(bool tail, int band, bool onThreshold, Answer? answer, bool measured)
    {
        var fanOut = SuiteClaims.Where(c => c.Measure == ClaimMeasure.OverFloor).ToList();
        Assert.Equal(["HTTP", "Redis"], fanOut.Select(c => c.TargetName).Order());
        foreach (var claim in fanOut)
        {
            Assert.Equal((5, "WhenAll", false), (claim.Rule, claim.Side, claim.Deciding));
            var placed = tail ? claim with { Setting = claim.Setting + "&Latency=" + TailLatency } : claim;
            var run = ClaimRuns.Build([new Placement(placed, band, onThreshold)], SuiteRules, SuiteMetrics);

            var at = Claims.Evaluate(run).Rules.Single(r => r.Rule.Number == 5).Claims.Single().AtDeclared;

            Assert.Equal(measured, at is not null);
            Assert.Equal(answer, at?.Answer);
        }
    }

    /// <summary>
    /// A phrase whose side is its subject would need the side's number ("a blocking loop keep"); the suite's phrases agree
    /// with the value instead, whatever words the side has.
    /// </summary>
    [Theory]
    [InlineData("a blocking loop", 1, "by design, at most 1 unit of a blocking loop is in flight")]
    [InlineData("async calls", 100, "by design, at most 100 units of async calls are in flight")]
    public void DeclaredConcurrency_Should_ReadAsASentence_ForASideInTheSingularOrThePlural(string side, double units, string expected)
    {
        var result = ClaimRuns.Result(SyntheticRuns.Id("Serial", 100), 1e6, 0.01, 1);

        Assert.Equal(expected, Answers.Phrase(SuiteMetrics.Single(m => m.Id == MetricIds.Concurrency), MetricIds.Concurrency, side, units, units, result, Naming.Words));
    }

    /// <summary>A range whose two ends are the same value: "2.20× to 2.20×".</summary>
    [GeneratedRegex(@"\b(\d[\d.,]*)× to \1×")]
    private static partial Regex RangeOfOneValue();

    /// <summary>A count of whole things with a fraction: "0.0938 results".</summary>
    [GeneratedRegex(@"\b\d+\.\d+ (results?|errors?|calls?|units?|threads?|requests?|exceptions?|items?|readers?)\b")]
    private static partial Regex FractionOfAThing();
}
