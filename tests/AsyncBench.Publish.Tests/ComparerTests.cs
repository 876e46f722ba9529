using AsyncBench.Publishing;
using Perfolizer.Mathematics.SignificanceTesting.Base;
using Perfolizer.Mathematics.SignificanceTesting.MannWhitney;
using Perfolizer.Metrology;
using Pragmastat;
using Pragmastat.Estimators;

namespace AsyncBench.Publish.Tests;

public class ComparerTests
{
    private static readonly CompareOptions Default = new();

    [Fact]
    public void Compare_Should_FlagAKnown30PercentRegression()
    {
        var id = SyntheticRuns.Id("WhenAll", 100);
        var baseRun = SyntheticRuns.Run("base", SyntheticRuns.Result(id, 30_000_000, 0.03, seed: 1));
        var diffRun = SyntheticRuns.Run("diff", SyntheticRuns.Result(id, 39_000_000, 0.03, seed: 2));

        var comparison = Comparer.Compare(baseRun, diffRun, Default);

        var slower = Assert.Single(comparison.Slower);
        Assert.InRange(slower.Ratio!.Value, 1.25, 1.35);
        Assert.Equal(NoiseBasis.Iterations, slower.Noise!.Basis);
        Assert.True(comparison.HasRegression);
        Assert.Contains("## Slower", Comparer.Markdown(comparison), StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_Should_CallNoisyButUnchangedRunsTheSame()
    {
        var ids = new[] { 1, 10, 100, 1000 }.SelectMany(count => new[] { SyntheticRuns.Id("Serial", count), SyntheticRuns.Id("WhenAll", count) }).ToList();
        var baseRun = SyntheticRuns.Run("base", [.. ids.Select((id, i) => SyntheticRuns.Result(id, 20_000_000 + (i * 1_000_000), 0.08, seed: 100 + i))]);
        var diffRun = SyntheticRuns.Run("diff", [.. ids.Select((id, i) => SyntheticRuns.Result(id, 20_000_000 + (i * 1_000_000), 0.08, seed: 200 + i))]);

        var comparison = Comparer.Compare(baseRun, diffRun, Default);

        Assert.Equal(ids.Count, comparison.Compared.Count);
        Assert.Empty(comparison.Slower);
        Assert.Empty(comparison.Faster);
        Assert.False(comparison.HasRegression);
        Assert.InRange(comparison.GeometricMeanRatio!.Value, 0.95, 1.05);
    }

    [Fact]
    public void Compare_Should_ReportAChangedAllocation_ButNotGateIt_WithoutHistory()
    {
        var id = SyntheticRuns.Id("SerialAwait", 100);
        var baseRun = SyntheticRuns.Run("base", SyntheticRuns.Result(id, 2_000_000_000, 0.05, seed: 3, allocated: 360_000));
        var diffRun = SyntheticRuns.Run("diff", SyntheticRuns.Result(id, 2_000_000_000, 0.05, seed: 4, allocated: 720_000));

        var comparison = Comparer.Compare(baseRun, diffRun, Default);

        var compared = Assert.Single(comparison.Compared);
        Assert.Equal(TimeChange.Same, compared.Time);
        Assert.StartsWith("352 KB → 703 KB (+100.0%; not gated", compared.AllocationChange, StringComparison.Ordinal);
        Assert.False(comparison.HasRegression);
        Assert.Contains("## Allocation and work-item changes", Comparer.Markdown(comparison), StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_Should_GateAnAllocationIncrease_WhereTheHistoryShowsItDeterministic()
    {
        var random = new Random(31);
        var id = SyntheticRuns.Id("Serial", 100);
        var history = Enumerable.Range(0, 6).Select(n => SyntheticRuns.Night(n, [SyntheticRuns.Launched(id, 2_000_000, random, allocated: 360_000)])).ToList();
        var today = SyntheticRuns.Night(6, [SyntheticRuns.Launched(id, 2_000_000, random, allocated: 720_000)]);

        var comparison = Comparer.Compare(history[^1], today, Default, history);

        var compared = Assert.Single(comparison.Compared);
        Assert.True(compared.AllocationRegressed);
        Assert.True(comparison.HasRegression);
    }

    [Fact]
    public void Compare_Should_ReportButNotGate_WorkItemsThatVaryBetweenRuns()
    {
        // Work items of a concurrent strategy depend on timing: 60-140 per batch from night to night.
        var random = new Random(32);
        var id = SyntheticRuns.Id("WhenAll", 100);
        var history = Enumerable.Range(0, 6).Select(n => SyntheticRuns.Night(n, [SyntheticRuns.Launched(id, 2_000_000, random, workItems: 60 + (n * 16))])).ToList();
        var today = SyntheticRuns.Night(6, [SyntheticRuns.Launched(id, 2_000_000, random, workItems: 200)]);

        var comparison = Comparer.Compare(history[^1], today, Default, history);

        var compared = Assert.Single(comparison.Compared);
        Assert.NotNull(compared.WorkItems);
        Assert.False(compared.WorkItems.Gated);
        Assert.Contains("varies between runs", compared.WorkItemChange, StringComparison.Ordinal);
        Assert.False(comparison.HasRegression);
    }

    [Fact]
    public void Compare_Should_NotFlagSmallAllocationJitter()
    {
        var id = SyntheticRuns.Id("WhenAll", 10);
        var baseRun = SyntheticRuns.Run("base", SyntheticRuns.Result(id, 23_000_000, 0.05, seed: 5, allocated: 36_300));
        var diffRun = SyntheticRuns.Run("diff", SyntheticRuns.Result(id, 23_000_000, 0.05, seed: 6, allocated: 36_500));

        var comparison = Comparer.Compare(baseRun, diffRun, Default);

        Assert.Null(Assert.Single(comparison.Compared).AllocationChange);
        Assert.False(comparison.HasRegression);
    }

    [Fact]
    public void Compare_Should_MatchByEveryParameter_AndListNewAndMissing()
    {
        var baseRun = SyntheticRuns.Run("base",
            SyntheticRuns.Result(SyntheticRuns.Id("WhenAll", 10), 23_000_000, 0.02, seed: 7),
            SyntheticRuns.Result(SyntheticRuns.Id("WhenAll", 100), 28_000_000, 0.02, seed: 8));
        var diffRun = SyntheticRuns.Run("diff",
            SyntheticRuns.Result(SyntheticRuns.Id("WhenAll", 10), 23_000_000, 0.02, seed: 9),
            SyntheticRuns.Result(SyntheticRuns.Id("WhenAll", 1000), 60_000_000, 0.02, seed: 10));

        var comparison = Comparer.Compare(baseRun, diffRun, Default);

        Assert.Equal(SyntheticRuns.Id("WhenAll", 10), Assert.Single(comparison.Compared).Id);
        Assert.Equal(SyntheticRuns.Id("WhenAll", 1000), Assert.Single(comparison.New));
        Assert.Equal(SyntheticRuns.Id("WhenAll", 100), Assert.Single(comparison.Missing));
    }

    [Fact]
    public void Compare_Should_CountANewlyFailingBenchmarkAsARegression()
    {
        var id = SyntheticRuns.Id("ThreadPerRequest", 10);
        var failed = new BenchmarkResult(id, null, null, null, null, []);
        var comparison = Comparer.Compare(
            SyntheticRuns.Run("base", SyntheticRuns.Result(id, 29_000_000, 0.02, seed: 11)),
            SyntheticRuns.Run("diff", failed),
            Default);

        Assert.Single(comparison.Failed);
        Assert.True(comparison.HasRegression);
    }

    [Fact]
    public void Compare_Should_Refuse_RunsWithNothingInCommon()
    {
        var baseRun = SyntheticRuns.Run("base", SyntheticRuns.Result(SyntheticRuns.Id("Serial", 1), 22_000_000, 0.02, seed: 12));
        var diffRun = SyntheticRuns.Run("diff", SyntheticRuns.Result(SyntheticRuns.Id("Serial", 10), 220_000_000, 0.02, seed: 13));

        var error = Assert.Throws<PublishException>(() => Comparer.Compare(baseRun, diffRun, Default));

        Assert.Contains("no benchmark in common", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MannWhitney_Should_GiveTheExactTwoSidedPValue()
    {
        // Perfolizer's test, as the comparison calls it. Completely separated samples: only 2 of the
        // C(6,3) = 20 splits are as extreme; 2 of C(10,5) = 252 for five each.
        Assert.Equal(0.1, MannWhitneyP([1, 2, 3], [4, 5, 6], AlternativeHypothesis.TwoSides), 9);
        Assert.Equal(2.0 / 252, MannWhitneyP([1, 2, 3, 4, 5], [6, 7, 8, 9, 10], AlternativeHypothesis.TwoSides), 9);
        Assert.Equal(1.0, MannWhitneyP([1, 2, 3], [1, 2, 3], AlternativeHypothesis.TwoSides), 9);
    }

    [Fact]
    public void MannWhitney_Should_GiveTheExactOneSidedPValue()
    {
        // x above y in every value: 1 of C(6,3) = 20 splits, 1 of C(10,5) = 252; the reverse question is certain.
        Assert.Equal(0.05, MannWhitneyP([4, 5, 6], [1, 2, 3], AlternativeHypothesis.Greater), 9);
        Assert.Equal(1.0 / 252, MannWhitneyP([6, 7, 8, 9, 10], [1, 2, 3, 4, 5], AlternativeHypothesis.Greater), 9);
        Assert.Equal(1.0, MannWhitneyP([1, 2, 3], [4, 5, 6], AlternativeHypothesis.Greater), 9);
    }

    [Fact]
    public void MannWhitney_Should_TestAgainstTheThreshold_NotAgainstZero()
    {
        // y × 1.10 still lies below every x at +20 %, not at +5 %: the threshold moves the question.
        double[] y = [100, 101, 102, 103, 104];
        double[] x = [.. y.Select(v => v * 1.20)];
        double[] small = [.. y.Select(v => v * 1.05)];
        Assert.True(MannWhitneyP(x, y, AlternativeHypothesis.Greater, "10%") < CompareOptions.Alpha);
        Assert.True(MannWhitneyP(small, y, AlternativeHypothesis.Greater, "10%") > CompareOptions.Alpha);
        Assert.True(MannWhitneyP(small, y, AlternativeHypothesis.Greater) < CompareOptions.Alpha);
    }

    [Fact]
    public void ShiftEstimator_Should_GiveTheMedianOfPairwiseDifferences_XMinusY()
    {
        // Pragmastat's Hodges–Lehmann shift, in the direction the comparison reads it (today − base).
        Assert.Equal(10, ShiftEstimator.Instance.Estimate(new Sample(11.0, 12, 13), new Sample(1.0, 2, 3)).NominalValue, 9);
        Assert.Equal(-10, ShiftEstimator.Instance.Estimate(new Sample(1.0, 2, 3), new Sample(11.0, 12, 13)).NominalValue, 9);
    }

    private static double MannWhitneyP(double[] x, double[] y, AlternativeHypothesis alternative, string threshold = "0%") =>
        MannWhitneyTest.Instance.Perform(new Sample(x), new Sample(y), alternative, Threshold.Parse(threshold)).PValue;

    [Fact]
    public void Compare_Should_CallA15PercentShiftTheSame_WhenItIsNotClearlyPastTheThreshold()
    {
        // Medians 15% apart, but with ±10% noise the diff is not significantly above base × 1.10.
        var id = SyntheticRuns.Id("WhenAll", 10);
        var comparison = Comparer.Compare(
            SyntheticRuns.Run("base", SyntheticRuns.Result(id, 20_000_000, 0.10, seed: 21)),
            SyntheticRuns.Run("diff", SyntheticRuns.Result(id, 23_000_000, 0.10, seed: 22)),
            Default);

        Assert.Equal(TimeChange.Same, Assert.Single(comparison.Compared).Time);
    }
}
