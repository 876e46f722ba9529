using System.Diagnostics;
using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Observing;
using AsyncBench.Protocol;

namespace AsyncBench.Tests.Observing;

/// <summary>
/// The batch p99 across invocations: each invocation's batch from its units' own timestamps (given here, not measured, so
/// nothing depends on the machine), and the last iteration's accumulated value as the case's.
/// </summary>
public sealed class BatchP99Tests
{
    private static readonly double NanosecondsPerTick = 1e9 / Stopwatch.Frequency;

    [Fact]
    public void Batches_Should_SpanEachInvocationsEarliestCallToItsLastResult_AcrossIterations()
    {
        // Arrange
        var units = new UnitObservation();

        // Act: iteration 1, two invocations of two units (batches 1,050 and 2,100 ticks); iteration 2, one of 30,000.
        units.Reset();
        units.EndOfBatch(100, 1_100, 2);
        units.EndOfBatch(50, 600, 2);
        units.EndOfBatch(2_000, 2_500, 2);
        units.EndOfBatch(2_100, 4_100, 2);
        var first = units.BatchP99Ns(2, 2);
        units.Reset();
        units.EndOfBatch(10_000, 25_000, 2);
        units.EndOfBatch(5_000, 35_000, 2);
        var second = units.BatchP99Ns(2, 1);

        // Assert: the histogram's buckets hold a value within 3 %.
        Assert.InRange(first!.Value, 2_100 * NanosecondsPerTick * 0.97, 2_100 * NanosecondsPerTick * 1.03);
        Assert.InRange(second!.Value, 30_000 * NanosecondsPerTick * 0.97, 30_000 * NanosecondsPerTick * 1.03);
    }

    [Fact]
    public void Batches_Should_BeNoneForGood_OnceAnIterationsUnitsDoNotComeToCountPerInvocation()
    {
        var units = new UnitObservation();
        units.Reset();
        units.EndOfBatch(100, 1_100, 2);
        units.EndOfBatch(50, 600, 2);
        units.EndOfBatch(700, 900, 2); // a third unit in an iteration of one invocation of two
        Assert.Equal(-1, units.BatchP99Ns(2, 1));
        units.Reset();
        units.EndOfBatch(100, 1_100, 2);
        units.EndOfBatch(50, 600, 2);
        Assert.Equal(-1, units.BatchP99Ns(2, 1));
    }

    [Fact]
    public void Aggregate_Should_TakeTheLastIterationsValue_AndLeaveItOut_WhenItSaysNone()
    {
        static IReadOnlyDictionary<string, double> Line(double value) => new Dictionary<string, double> { [MetricIds.BatchP99Ns] = value };

        Assert.Equal(7e6, ObservedMetricsDiagnoser.Aggregate([Line(9e6), Line(5e6), Line(7e6)])[MetricIds.BatchP99Ns]);
        Assert.False(ObservedMetricsDiagnoser.Aggregate([Line(9e6), Line(-1)]).ContainsKey(MetricIds.BatchP99Ns));
    }
}
