using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Http;
using AsyncBench.FlakyServer;
using AsyncBench.Protocol;

namespace AsyncBench.Tests.Harness;

/// <summary>
/// The error budget against a real server that fails every 10th request (<see cref="FlakyServer"/>, real sockets):
/// under a budget a failed unit is counted and the batch goes on under every strategy; the case fails, with the first
/// failure's own message, only when its failed share over the measured iterations passes the budget. Each test has its
/// own server, so its request count starts at 0 and N consecutive requests hold exactly N ÷ 10 failures.
/// </summary>
public sealed class ErrorBudgetTests
{
    private const int FailEvery = 10;

    public static TheoryData<string> StrategyNames => new(StrategyRunner.Names);

    [Theory]
    [MemberData(nameof(StrategyNames))]
    public async Task Batch_Should_CountFailedUnits_AndGoOn_UnderABudget(string strategy)
    {
        await using var flaky = new FlakyTarget(budget: 0.5);
        var workload = flaky.Workload;

        workload.Units.Reset();
        var returned = await StrategyRunner.RunAsync(strategy, workload, 40);
        var measured = workload.Units.Take(1);

        Assert.Equal(40, returned.Count); // every unit returned: the failed ones were counted, not thrown
        Assert.Equal(4, flaky.Server.Failed);
        Assert.Equal(10.0, measured[MetricIds.UnitsFailedShare]);
    }

    [Theory]
    [InlineData(0.2)] // 10 % failed, within 20 %
    [InlineData(0.1)] // exactly at the budget: the case fails only past it
    public async Task Case_Should_Pass_WhenItsFailedShareIsWithinTheBudget(double budget)
    {
        await using var flaky = new FlakyTarget(budget: budget);
        var workload = flaky.Workload;

        var shares = await MeasureIterationsAsync(workload, iterations: 3, count: 10);
        await workload.RunAsync(0, CancellationToken.None); // the invocation after the measured iterations: no verdict against it

        Assert.Equal([10.0, 10.0, 10.0], shares);
    }

    [Fact]
    public async Task Case_Should_Fail_WithTheFirstFailure_WhenItsFailedSharePassesTheBudget()
    {
        await using var flaky = new FlakyTarget(budget: 0.05);
        var workload = flaky.Workload;

        await MeasureIterationsAsync(workload, iterations: 3, count: 10);
        var error = await Assert.ThrowsAsync<ErrorBudgetException>(() => workload.RunAsync(0, CancellationToken.None).AsTask());

        Assert.StartsWith("3 of 30 measured units failed (10 %), past the error budget of 5 %; the first: GET ", error.Message, StringComparison.Ordinal);
        Assert.Contains("returned 500 InternalServerError", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verdict_Should_WaitForTheLastMeasuredIteration()
    {
        await using var flaky = new FlakyTarget(budget: 0.05);
        var workload = flaky.Workload;
        await MeasureIterationsAsync(workload, iterations: 1, count: 10);

        workload.Units.Reset(); // a next measured iteration starts: its units run, the verdict waits for its end
        await Strategies.SerialAwaitAsync(workload, 10);

        Assert.Equal(10.0, workload.Units.Take(1)[MetricIds.UnitsFailedShare]);
    }

    [Fact]
    public async Task Batch_Should_Throw_WithoutABudget()
    {
        await using var flaky = new FlakyTarget(budget: null);
        var workload = flaky.Workload;

        var error = await Assert.ThrowsAsync<WorkloadCheckException>(() => Strategies.SerialAwaitAsync(workload, 10));

        Assert.Contains("returned 500", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(MetricIds.UnitsFailedShare, workload.Units.Take(1).Keys);
    }

    [Fact]
    public void Budget_Should_Not_TolerateTheBatchsOwnCancellation()
    {
        var units = new UnitObservation { Budget = 0.5 };
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.False(units.Tolerates(new OperationCanceledException(cancelled.Token), cancelled.Token));
        Assert.True(units.Tolerates(new TaskCanceledException("timeout"), CancellationToken.None)); // HttpClient's own timeout
        Assert.False(new UnitObservation().Tolerates(new HttpRequestException("refused"), CancellationToken.None));
    }

    /// <summary>Runs <paramref name="iterations"/> measured iterations as BenchmarkDotNet's engine events frame them, one batch of <paramref name="count"/> each.</summary>
    private static async Task<List<double>> MeasureIterationsAsync(HttpWorkload workload, int iterations, int count)
    {
        var shares = new List<double>();
        for (var i = 0; i < iterations; i++)
        {
            workload.Units.Reset();
            await Strategies.SerialAwaitAsync(workload, count);
            shares.Add(workload.Units.Take(1)[MetricIds.UnitsFailedShare]);
        }

        return shares;
    }

    /// <summary>A server of the test's own that fails every <see cref="FailEvery"/>th request, and a workload against it under <c>budget</c>.</summary>
    private sealed class FlakyTarget : IAsyncDisposable
    {
        public FlakyTarget(double? budget)
        {
            Workload = HttpWorkload.Against(Server.Url);
            Workload.Units.Budget = budget;
        }

        public FlakyServer.FlakyServer Server { get; } = FlakyServer.FlakyServer.Start(new FlakyServerOptions { FailEvery = FailEvery, LatencyMs = 0 });

        public HttpWorkload Workload { get; }

        public async ValueTask DisposeAsync()
        {
            await Workload.DisposeAsync();
            await Server.DisposeAsync();
        }
    }
}
