using AsyncBench.Protocol;
using AsyncBench.Publishing.Pages;
using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Rules;

namespace AsyncBench.Publish.Tests;

/// <summary>
/// A side's time over its own applied floor (<see cref="ClaimMeasure.OverFloor"/>): each outcome it can take (yes, no,
/// undecided, provisional), and "not measured" where its cases drew no distribution or reported no floor. Synthetic runs
/// (ClaimRuns) put the side's launches at the wanted multiple of its floor.
/// </summary>
public class OverFloorTests
{
    private const string Tail = "Count=100&LatencyMs=20&Latency=lognormal:median=20ms,p99=200ms";

    private static DeclaredClaim FanOut(string setting = Tail) =>
        new DeclaredClaim("Demo.Http.HttpBenchmarks", "HTTP (mock server)", 5, "fan-out-waits-for-its-slowest-unit", "Within 10 % of its slowest call?",
            ClaimMeasure.OverFloor, "WhenAll", null, null, false, setting, [1.1], [Answer.Yes, Answer.No], [], false)
        { SideWords = "async calls started together", TargetName = "HTTP" };

    private static BenchmarkRun Run(DeclaredClaim claim, int band, bool onThreshold = false, int launches = 5, bool passes = false) =>
        ClaimRuns.Build([new Placement(claim, band, onThreshold)], PlanDeclarations.Rules, PlanDeclarations.Metrics, launches, passes: passes);

    private static ClaimResult Evaluated(BenchmarkRun run) =>
        Assert.Single(Assert.Single(Claims.Evaluate(run).Rules, r => r.Rule.Number == 5).Claims);

    [Theory]
    [InlineData(0, false, false, Answer.Yes)]
    [InlineData(1, false, false, Answer.No)]
    [InlineData(1, true, false, null)]
    [InlineData(0, false, true, Answer.Yes)]
    [InlineData(1, false, true, Answer.No)]
    public void TimeOverItsFloor_Should_DecideByItsInterval(int band, bool onThreshold, bool passes, Answer? answer)
    {
        var at = Evaluated(Run(FanOut(), band, onThreshold, passes: passes)).AtDeclared;

        Assert.NotNull(at);
        Assert.Equal(answer, at.Answer);
        Assert.Equal(Decider.Time, at.DecidedBy);
        Assert.True(at.Value.HasInterval);
        Assert.Equal(ClaimRuns.Target(at.Claim, band, onThreshold), at.Value.Value, 1e-6);
        Assert.Equal(onThreshold ? [0, 1] : [band], at.Bands);
    }

    [Fact]
    public void TimeOverItsFloor_Should_BeProvisional_FromFewerLaunchesThanAVerdictNeeds()
    {
        var at = Evaluated(Run(FanOut(), 1, launches: 1)).AtDeclared!;

        Assert.Equal(Decider.Value, at.DecidedBy);
        Assert.True(at.Provisional);
        Assert.Equal(Answer.No, at.Answer);
    }

    [Fact]
    public void FixedLatency_Should_LeaveItNotMeasured_NotAnsweredFromTheDeclaredFloor()
    {
        // The cases carry no distribution: their floor is the declared wait, the same whatever N, so it says nothing of a tail.
        var claim = FanOut("Count=100&LatencyMs=20");
        var run = Run(claim, 0);

        var result = Evaluated(run);

        Assert.NotNull(run.Results.Single().Metric(MetricIds.FloorNs));
        Assert.Null(result.AtDeclared);
        Assert.Empty(result.Curve);
        var page = RulesPage.Render(run, TestInputs.Label, ResultTables.Build(run), Claims.Evaluate(run));
        Assert.Contains("`WhenAll` ÷ its floor: not measured", page, StringComparison.Ordinal);
    }

    [Fact]
    public void CaseWithoutAFloor_Should_LeaveItNotMeasured()
    {
        // Its delays did not split into its invocations: the suite left the floor out rather than report a wrong one.
        var run = Run(FanOut(), 0);
        run = run with { Results = [.. run.Results.Select(r => r with { Metrics = r.Metrics!.Where(m => m.Key != MetricIds.FloorNs).ToDictionary() })] };

        Assert.Null(Evaluated(run).AtDeclared);
    }

    [Fact]
    public void Answer_Should_SayWhatTheFloorIs_AsATime_NotACount()
    {
        // WhenAll keeps all its units in flight: its floor is the longest delay among them.
        var run = Run(FanOut(), 0);
        run = run with { Results = [.. run.Results.Select(r => r with { Metrics = r.Metrics!.Append(new(MetricIds.Concurrency, 100)).ToDictionary() })] };
        var evaluation = Claims.Evaluate(run);
        var rule = Assert.Single(evaluation.Rules, r => r.Rule.Number == 5);
        var at = Assert.Single(rule.Claims).AtDeclared!;

        var line = Answers.Line(at, rule, run.Declarations);
        var page = RulesPage.Render(run, TestInputs.Label, ResultTables.Build(run), evaluation);

        Assert.Equal(
            "Async calls started together took 0.550× [0.549, 0.551] its floor, 18.2 ms: its schedule replayed on the delays the target really applied (all 100 in flight at once: the longest delay among them)",
            line.Effect);
        Assert.Contains("each launch over its own floor", line.DecidedBy, StringComparison.Ordinal);
        Assert.DoesNotContain("(counted)", page, StringComparison.Ordinal);
        Assert.DoesNotContain("decided by the count", page, StringComparison.Ordinal);
    }
}
