using AsyncBench.Publishing;

namespace AsyncBench.Publish.Tests;

/// <summary>Allocations and work items gate where the runs show them deterministic, and are reported with their spread where not.</summary>
public class DeterministicCountTests
{
    private static readonly CompareOptions Default = new();

    private static readonly BenchmarkId Id = SyntheticRuns.Id("Serial", 100);

    private static BenchmarkRun Night(int night, Random random, double allocated = 4096, double workItems = 100, long operations = 64) =>
        SyntheticRuns.Night(night, [SyntheticRuns.Launched(Id, 2_000_000, random, allocated: allocated, workItems: workItems, operations: operations)]);

    [Fact]
    public void WorkItems_Should_Gate_WhenAWholeNumberPerOperationInBothRuns_WithoutHistory()
    {
        var random = new Random(71);

        var comparison = Comparer.Compare(Night(0, random, workItems: 100), Night(1, random, workItems: 200), Default);

        var compared = Assert.Single(comparison.Compared);
        Assert.True(compared.WorkItemsRegressed);
        Assert.Equal(CountBasis.WholePerOperation, compared.WorkItems!.Basis);
        Assert.Contains("whole number per operation", ComparisonReport.CountChange(compared.WorkItems), StringComparison.Ordinal);
        Assert.True(comparison.HasRegression);
    }

    [Fact]
    public void WorkItems_Should_NotGate_WhenTheyVaryBetweenOperations()
    {
        var random = new Random(72);

        var comparison = Comparer.Compare(Night(0, random, workItems: 103.07), Night(1, random, workItems: 151.4), Default);

        var compared = Assert.Single(comparison.Compared);
        Assert.NotNull(compared.WorkItems);
        Assert.False(compared.WorkItems.Gated);
        Assert.Equal(CountBasis.VariesBetweenOperations, compared.WorkItems!.Basis);
        Assert.Contains("varies between operations", ComparisonReport.CountChange(compared.WorkItems), StringComparison.Ordinal);
        Assert.False(comparison.HasRegression);
    }

    [Fact]
    public void WorkItems_Should_NotTrustAWholeNumber_FromTooFewOperations()
    {
        // One operation per run: any count is a whole number per operation.
        var random = new Random(73);

        var comparison = Comparer.Compare(Night(0, random, workItems: 100, operations: 1), Night(1, random, workItems: 200, operations: 1), Default);

        Assert.False(Assert.Single(comparison.Compared).WorkItems!.Gated);
        Assert.False(comparison.HasRegression);
    }

    [Fact]
    public void Allocations_Should_Gate_AfterTwoAgreeingRuns_NotFive()
    {
        var random = new Random(74);
        var history = new List<BenchmarkRun> { Night(0, random, allocated: 360_000), Night(1, random, allocated: 360_000) };

        var comparison = Comparer.Compare(history[^1], Night(2, random, allocated: 720_000), Default, history);

        var compared = Assert.Single(comparison.Compared);
        Assert.True(compared.AllocationRegressed);
        Assert.Equal(CountBasis.SameInEarlierRuns, compared.Allocation!.Basis);
        Assert.Contains("gated: the same in 2 earlier runs", ComparisonReport.CountChange(compared.Allocation), StringComparison.Ordinal);
        Assert.True(comparison.HasRegression);
    }

    [Fact]
    public void Allocations_Should_BeReportedWithTheirSpread_WhenTheyVaryBetweenRuns()
    {
        var random = new Random(75);
        var history = new List<BenchmarkRun> { Night(0, random, allocated: 350_000), Night(1, random, allocated: 372_000) };

        var comparison = Comparer.Compare(history[^1], Night(2, random, allocated: 720_000), Default, history);

        var compared = Assert.Single(comparison.Compared);
        Assert.False(compared.AllocationRegressed);
        Assert.Equal(CountBasis.VariesBetweenRuns, compared.Allocation!.Basis);
        Assert.Contains("varies between runs", ComparisonReport.CountChange(compared.Allocation), StringComparison.Ordinal);
        Assert.False(comparison.HasRegression);
    }
}
