using AsyncBench.Publishing.Comparing;
using AsyncBench.Publishing.Reading;

namespace AsyncBench.Publish.Tests;

/// <summary>Allocations and work items gate where the runs show them deterministic, and are reported with their spread where not.</summary>
public class DeterministicCountTests
{
    private static readonly GateOptions Default = new();

    private static readonly BenchmarkId Id = SyntheticRuns.Id("Serial", 100);

    private static BenchmarkRun Night(int night, Random random, double allocated = 4096, double workItems = 100, long operations = 64) =>
        SyntheticRuns.Night(night, [SyntheticRuns.Launched(Id, 2_000_000, random, allocated: allocated, workItems: workItems, operations: operations)]);

    [Fact]
    public void WorkItems_Should_Gate_WhenAWholeNumberPerOperationInBothRuns_WithoutHistory()
    {
        var random = new Random(71);

        var comparison = Gate.Compare(Night(0, random, workItems: 100), Night(1, random, workItems: 200), Default);

        var compared = Assert.Single(comparison.Compared);
        Assert.True(compared.WorkItemsRegressed);
        Assert.Equal(CountBasis.WholePerOperation, compared.WorkItems!.Basis);
        Assert.Contains("whole number per operation", GateReport.CountChange(compared.WorkItems), StringComparison.Ordinal);
        Assert.True(comparison.HasRegression);
    }

    [Fact]
    public void WorkItems_Should_NotGate_WhenTheyVaryBetweenOperations()
    {
        var random = new Random(72);

        var comparison = Gate.Compare(Night(0, random, workItems: 103.07), Night(1, random, workItems: 151.4), Default);

        var compared = Assert.Single(comparison.Compared);
        Assert.NotNull(compared.WorkItems);
        Assert.False(compared.WorkItems.Gated);
        Assert.Equal(CountBasis.VariesBetweenOperations, compared.WorkItems!.Basis);
        Assert.Contains("varies between operations", GateReport.CountChange(compared.WorkItems), StringComparison.Ordinal);
        Assert.False(comparison.HasRegression);
    }

    [Fact]
    public void WorkItems_Should_NotTrustAWholeNumber_FromTooFewOperations()
    {
        // One operation per run: any count is a whole number per operation.
        var random = new Random(73);

        var comparison = Gate.Compare(Night(0, random, workItems: 100, operations: 1), Night(1, random, workItems: 200, operations: 1), Default);

        Assert.False(Assert.Single(comparison.Compared).WorkItems!.Gated);
        Assert.False(comparison.HasRegression);
    }

    [Fact]
    public void Allocations_Should_Gate_AfterTwoAgreeingRuns_NotFive()
    {
        var random = new Random(74);
        var history = new List<BenchmarkRun> { Night(0, random, allocated: 360_000), Night(1, random, allocated: 360_000) };

        var comparison = Gate.Compare(history[^1], Night(2, random, allocated: 720_000), Default, history);

        var compared = Assert.Single(comparison.Compared);
        Assert.True(compared.AllocationRegressed);
        Assert.Equal(CountBasis.SameInEarlierRuns, compared.Allocation!.Basis);
        Assert.Contains("gated: the same in 2 earlier runs", GateReport.CountChange(compared.Allocation), StringComparison.Ordinal);
        Assert.True(comparison.HasRegression);
    }

    [Fact]
    public void Allocations_Should_BeReportedWithTheirSpread_WhenTheyVaryBetweenRuns()
    {
        var random = new Random(75);
        var history = new List<BenchmarkRun> { Night(0, random, allocated: 350_000), Night(1, random, allocated: 372_000) };

        var comparison = Gate.Compare(history[^1], Night(2, random, allocated: 720_000), Default, history);

        var compared = Assert.Single(comparison.Compared);
        Assert.False(compared.AllocationRegressed);
        Assert.Equal(CountBasis.VariesBetweenRuns, compared.Allocation!.Basis);
        Assert.Contains("varies between runs", GateReport.CountChange(compared.Allocation), StringComparison.Ordinal);
        Assert.False(comparison.HasRegression);
    }

    /// <summary>One night merged from passes: each of its five launches (processes) kept its own counts.</summary>
    private static BenchmarkRun Passes(int night, Random random, double[] allocated, double[]? workItems = null) =>
        SyntheticRuns.Night(night, [SyntheticRuns.WithLaunchCounts(
            SyntheticRuns.Launched(Id, 2_000_000, random, allocated: allocated[^1], workItems: workItems?[^1] ?? 100.37),
            allocated,
            workItems ?? allocated.Select(_ => 100.37).ToArray())]);

    [Fact]
    public void Allocations_Should_Gate_WithoutHistory_WhenEveryLaunchOfTheBaseRunAgrees()
    {
        var random = new Random(76);

        var comparison = Gate.Compare(Passes(0, random, [360_000, 360_000, 360_000, 360_000, 360_000]), Passes(1, random, [720_000, 720_000, 720_000, 720_000, 720_000]), Default);

        var compared = Assert.Single(comparison.Compared);
        Assert.True(compared.AllocationRegressed);
        Assert.Equal(CountBasis.SameInEveryLaunch, compared.Allocation!.Basis);
        Assert.Contains("gated: the same in all 5 launches of the earlier run", GateReport.CountChange(compared.Allocation), StringComparison.Ordinal);
        Assert.True(comparison.HasRegression);
    }

    [Fact]
    public void Allocations_Should_NotGate_WhenTheBaseRunsLaunchesDiffer()
    {
        var random = new Random(77);

        var comparison = Gate.Compare(Passes(0, random, [350_000, 372_000, 360_000, 365_000, 358_000]), Passes(1, random, [720_000, 720_000, 720_000, 720_000, 720_000]), Default);

        var compared = Assert.Single(comparison.Compared);
        Assert.False(compared.AllocationRegressed);
        Assert.Equal(CountBasis.VariesBetweenRuns, compared.Allocation!.Basis);
        Assert.Contains("not gated: varies between launches", GateReport.CountChange(compared.Allocation), StringComparison.Ordinal);
        Assert.False(comparison.HasRegression);
    }

    [Fact]
    public void Allocations_Should_JudgeToday_ByTheMedianOfItsLaunches()
    {
        // One odd process tonight (a launch that allocated twice as much) is not the code's change.
        var random = new Random(78);
        double[] same = [360_000, 360_000, 360_000, 360_000, 360_000];

        var comparison = Gate.Compare(Passes(0, random, same), Passes(1, random, [360_000, 360_000, 720_000, 360_000, 360_000]), Default);

        Assert.Null(Assert.Single(comparison.Compared).Allocation);
        Assert.False(comparison.HasRegression);
    }

    [Fact]
    public void WorkItems_Should_Gate_WithoutHistory_WhenEveryLaunchOfTheBaseRunAgrees_EvenIfNotWholePerOperation()
    {
        var random = new Random(79);
        double[] allocated = [4096, 4096, 4096, 4096, 4096];

        var comparison = Gate.Compare(Passes(0, random, allocated, [103.07, 103.07, 103.07, 103.07, 103.07]), Passes(1, random, allocated, [151.4, 151.4, 151.4, 151.4, 151.4]), Default);

        var compared = Assert.Single(comparison.Compared);
        Assert.True(compared.WorkItemsRegressed);
        Assert.Equal(CountBasis.SameInEveryLaunch, compared.WorkItems!.Basis);
        Assert.True(comparison.HasRegression);
    }

    [Fact]
    public void WorkItems_Should_NotGate_WhenTheBaseRunsLaunchesDiffer()
    {
        var random = new Random(80);
        double[] allocated = [4096, 4096, 4096, 4096, 4096];

        var comparison = Gate.Compare(Passes(0, random, allocated, [100, 103, 98, 101, 100]), Passes(1, random, allocated, [151, 151, 151, 151, 151]), Default);

        var compared = Assert.Single(comparison.Compared);
        Assert.False(compared.WorkItemsRegressed);
        Assert.Equal(CountBasis.VariesBetweenRuns, compared.WorkItems!.Basis);
        Assert.False(comparison.HasRegression);
    }

    [Fact]
    public void WorkItems_Should_NotGate_WhenTodaysLaunchesDiffer()
    {
        // Measured: one operation per launch, 0 work items in each of five launches before, 2 and 0 in tonight's two: a
        // background item in one process, not the code's change.
        var random = new Random(81);

        var comparison = Gate.Compare(Passes(0, random, [4096, 4096, 4096, 4096, 4096], [0, 0, 0, 0, 0]), Passes(1, random, [4096, 4096], [2, 0]), Default);

        var compared = Assert.Single(comparison.Compared);
        Assert.False(compared.WorkItemsRegressed);
        Assert.Equal(CountBasis.VariesBetweenTodaysLaunches, compared.WorkItems!.Basis);
        Assert.Contains("not gated: varies between today's launches (0–2", GateReport.CountChange(compared.WorkItems), StringComparison.Ordinal);
        Assert.False(comparison.HasRegression);
    }

    [Fact]
    public void Allocations_Should_NotGate_WhenTodaysLaunchesDiffer()
    {
        var random = new Random(82);
        double[] same = [360_000, 360_000, 360_000, 360_000, 360_000];

        var comparison = Gate.Compare(Passes(0, random, same), Passes(1, random, [720_000, 360_000, 720_000, 720_000, 500_000]), Default);

        var compared = Assert.Single(comparison.Compared);
        Assert.False(compared.AllocationRegressed);
        Assert.Equal(CountBasis.VariesBetweenTodaysLaunches, compared.Allocation!.Basis);
        Assert.False(comparison.HasRegression);
    }
}
