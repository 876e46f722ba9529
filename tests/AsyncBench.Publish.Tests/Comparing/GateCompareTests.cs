using AsyncBench.Publishing;
using AsyncBench.Publishing.Comparing;
using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publish.Tests;

/// <summary>The gate's comparison of two runs (Gate.Compare): matched by full ID, judged by their noise, counts gated where deterministic.</summary>
public class GateCompareTests
{
    private static readonly GateOptions Default = new();

    [Fact]
    public void Compare_Should_FlagAKnown30PercentRegression()
    {
        var id = SyntheticRuns.Id("WhenAll", 100);
        var baseRun = SyntheticRuns.Run("base", SyntheticRuns.Result(id, 30_000_000, 0.03, seed: 1));
        var diffRun = SyntheticRuns.Run("diff", SyntheticRuns.Result(id, 39_000_000, 0.03, seed: 2));

        var comparison = Gate.Compare(baseRun, diffRun, Default);

        var slower = Assert.Single(comparison.Slower);
        Assert.InRange(slower.Ratio!.Value, 1.25, 1.35);
        Assert.Equal(NoiseBasis.Iterations, slower.Noise!.Basis);
        Assert.True(comparison.HasRegression);
        Assert.Contains("## Slower", GateReport.Markdown(comparison), StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_Should_CallNoisyButUnchangedRunsTheSame()
    {
        var ids = new[] { 1, 10, 100, 1000 }.SelectMany(count => new[] { SyntheticRuns.Id("Serial", count), SyntheticRuns.Id("WhenAll", count) }).ToList();
        var baseRun = SyntheticRuns.Run("base", [.. ids.Select((id, i) => SyntheticRuns.Result(id, 20_000_000 + (i * 1_000_000), 0.08, seed: 100 + i))]);
        var diffRun = SyntheticRuns.Run("diff", [.. ids.Select((id, i) => SyntheticRuns.Result(id, 20_000_000 + (i * 1_000_000), 0.08, seed: 200 + i))]);

        var comparison = Gate.Compare(baseRun, diffRun, Default);

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

        var comparison = Gate.Compare(baseRun, diffRun, Default);

        var compared = Assert.Single(comparison.Compared);
        Assert.Equal(TimeChange.Same, compared.Time);
        Assert.StartsWith("352 KB → 703 KB (+100.0%; not gated", GateReport.CountChange(compared.Allocation!), StringComparison.Ordinal);
        Assert.False(comparison.HasRegression);
        Assert.Contains("## Allocation and work-item changes", GateReport.Markdown(comparison), StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_Should_GateAnAllocationIncrease_WhereTheHistoryShowsItDeterministic()
    {
        var random = new Random(31);
        var id = SyntheticRuns.Id("Serial", 100);
        var history = Enumerable.Range(0, 6).Select(n => SyntheticRuns.Night(n, [SyntheticRuns.Launched(id, 2_000_000, random, allocated: 360_000)])).ToList();
        var today = SyntheticRuns.Night(6, [SyntheticRuns.Launched(id, 2_000_000, random, allocated: 720_000)]);

        var comparison = Gate.Compare(history[^1], today, Default, history);

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

        var comparison = Gate.Compare(history[^1], today, Default, history);

        var compared = Assert.Single(comparison.Compared);
        Assert.NotNull(compared.WorkItems);
        Assert.False(compared.WorkItems.Gated);
        Assert.Equal(CountBasis.VariesBetweenRuns, compared.WorkItems!.Basis);
        Assert.Contains("varies between runs", GateReport.CountChange(compared.WorkItems), StringComparison.Ordinal);
        Assert.False(comparison.HasRegression);
    }

    [Fact]
    public void Compare_Should_NotFlagSmallAllocationJitter()
    {
        var id = SyntheticRuns.Id("WhenAll", 10);
        var baseRun = SyntheticRuns.Run("base", SyntheticRuns.Result(id, 23_000_000, 0.05, seed: 5, allocated: 36_300));
        var diffRun = SyntheticRuns.Run("diff", SyntheticRuns.Result(id, 23_000_000, 0.05, seed: 6, allocated: 36_500));

        var comparison = Gate.Compare(baseRun, diffRun, Default);

        Assert.Null(Assert.Single(comparison.Compared).Allocation);
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

        var comparison = Gate.Compare(baseRun, diffRun, Default);

        Assert.Equal(SyntheticRuns.Id("WhenAll", 10), Assert.Single(comparison.Compared).Id);
        Assert.Equal(SyntheticRuns.Id("WhenAll", 1000), Assert.Single(comparison.New));
        Assert.Equal(SyntheticRuns.Id("WhenAll", 100), Assert.Single(comparison.Missing));
    }

    [Fact]
    public void Compare_Should_CountANewlyFailingBenchmarkAsARegression()
    {
        var id = SyntheticRuns.Id("ThreadPerRequest", 10);
        var failed = new BenchmarkResult(id, null, null, null, null, []);
        var comparison = Gate.Compare(
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

        var error = Assert.Throws<PublishException>(() => Gate.Compare(baseRun, diffRun, Default));

        Assert.Contains("no benchmark in common", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_Should_CallA15PercentShiftTheSame_WhenItIsNotPastItsNoise()
    {
        // Medians 15% apart, but with ±10% noise between iterations of one process the difference is not significant.
        var id = SyntheticRuns.Id("WhenAll", 10);
        var comparison = Gate.Compare(
            SyntheticRuns.Run("base", SyntheticRuns.Result(id, 20_000_000, 0.10, seed: 21)),
            SyntheticRuns.Run("diff", SyntheticRuns.Result(id, 23_000_000, 0.10, seed: 22)),
            Default);

        Assert.Equal(TimeChange.Same, Assert.Single(comparison.Compared).Time);
    }
}
