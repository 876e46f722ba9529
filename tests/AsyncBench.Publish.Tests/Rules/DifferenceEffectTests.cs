using AsyncBench.Protocol;
using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Rules;
using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publish.Tests;

/// <summary>A difference's effect in words: its interval on the sentence's own scale, signed where it crosses zero.</summary>
public sealed class DifferenceEffectTests
{
    [Theory]
    [InlineData(6.76, 5.78, 7.75, "async methods cost 6.76 ns [5.78 ns, 7.75 ns] more per call than plain methods")]
    [InlineData(20.9, -698.6, 740.5, "async methods cost 20.9 ns [−699 ns, 741 ns] more per call than plain methods")]
    [InlineData(-20.9, -740.5, 698.6, "async methods cost 20.9 ns [−699 ns, 741 ns] less per call than plain methods")]
    [InlineData(-6.76, -7.75, -5.78, "async methods cost 6.76 ns [5.78 ns, 7.75 ns] less per call than plain methods")]
    public void Difference_Should_HoldItsValueInsideItsInterval_AsWritten(double value, double lower, double upper, string expected)
    {
        var claim = new DeclaredClaim("Demo.Rules.AsyncMethodBenchmarks", "a tiny method", 2, "cheap", "A question?", ClaimMeasure.Difference,
            "Async", "Sync", null, false, "", [100], [Answer.Yes, Answer.No], [], true) { SideWords = "async methods", VersusWords = "plain methods" };
        var random = new Random(1);
        var side = SyntheticRuns.Launched(new BenchmarkId("Demo.Rules", "AsyncMethodBenchmarks", "Async", []), 30, random);
        var versus = SyntheticRuns.Launched(new BenchmarkId("Demo.Rules", "AsyncMethodBenchmarks", "Sync", []), 10, random);
        var instance = new ClaimInstance(claim, "", true, side, versus, new Estimate(value, lower, upper), [], 5, null, null, [], null, null, Decider.Time);

        Assert.Equal(expected, Answers.TimeEffect(instance, Naming.Words, withInterval: true));
    }
}
