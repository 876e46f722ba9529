using AsyncBench.Benchmarks.Observing;
using AsyncBench.Protocol.Latency;

namespace AsyncBench.Tests.Observing;

/// <summary>
/// The applied delays' median and p99 pooled over a case's measured iterations: from given delays (not measured), so
/// nothing depends on the machine.
/// </summary>
public sealed class AppliedDelayPoolTests
{
    private const string Median = "median";
    private const string P99 = "p99";

    [Fact]
    public void Pool_Should_TakeItsQuantilesOverEveryIterationsDelays_NotPerIteration()
    {
        // Arrange: two iterations of 100 delays, 1..100 ms and 101..200 ms. Per iteration the p99 is 99 and 199 ms, the
        // median 50 and 150; pooled, 200 delays: the 198th (198 ms) and the 100th (100 ms).
        var pool = new AppliedDelayPool();
        var first = new Dictionary<string, double>();
        var second = new Dictionary<string, double>();

        // Act
        pool.Take(first, Report(Enumerable.Range(1, 100)), Median, P99);
        pool.Take(second, Report(Enumerable.Range(101, 100)), Median, P99);

        // Assert
        Assert.Equal(50, first[Median]);
        Assert.Equal(99, first[P99]);
        Assert.Equal(100, second[Median]);
        Assert.Equal(198, second[P99]);
    }

    [Fact]
    public void Pool_Should_WriteNothing_UntilADelayCame()
    {
        // Arrange
        var pool = new AppliedDelayPool();
        var values = new Dictionary<string, double>();

        // Act
        pool.Take(values, DelayReport<AppliedDelay>.Empty, Median, P99);
        pool.Take<AppliedDelay>(values, null, Median, P99);

        // Assert
        Assert.Empty(values);
    }

    [Fact]
    public void Pool_Should_KeepTheFirstDelays_PastItsCapacity()
    {
        // Arrange: a full pool of 1 ms delays, then an iteration of 500 ms ones.
        var pool = new AppliedDelayPool();
        var values = new Dictionary<string, double>();
        pool.Take(values, Report(Enumerable.Repeat(1, AppliedDelayPool.Capacity)), Median, P99);

        // Act
        pool.Take(values, Report(Enumerable.Repeat(500, 1_000)), Median, P99);

        // Assert
        Assert.Equal(1, values[P99]);
    }

    private static DelayReport<AppliedDelay> Report(IEnumerable<int> waitsMs)
    {
        var entries = waitsMs.Select((ms, i) => new AppliedDelay(i, i, ms)).ToArray();
        return new DelayReport<AppliedDelay>(entries.Length, entries.Average(e => e.WaitedMs), 0, 0, 0, entries);
    }
}
