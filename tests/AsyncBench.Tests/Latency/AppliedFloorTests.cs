using AsyncBench.Protocol.Latency;

namespace AsyncBench.Tests.Latency;

/// <summary>The split of an iteration's applied delays into its invocations, and each invocation's floor by its schedule.</summary>
public sealed class AppliedFloorTests
{
    private static readonly double[] Delays = [5, 40, 10, 20, 1, 3, 7, 90];

    private static IReadOnlyList<DelayedPiece> Units(params double[] delays) => [.. delays.Select(d => new DelayedPiece(1, d))];

    [Fact]
    public void PerInvocation_Should_SplitInArrivalOrder_AndReplayEachInvocationsSchedule()
    {
        // Two invocations of four units each.
        Assert.Equal([75.0, 101.0], AppliedFloor.PerInvocation(Units(Delays), 0, count: 4, invocations: 2, lanes: 1));
        Assert.Equal([40.0, 90.0], AppliedFloor.PerInvocation(Units(Delays), 0, count: 4, invocations: 2, lanes: 4));
        Assert.Equal([40.0, 90.0], AppliedFloor.PerInvocation(Units(Delays), 0, count: 4, invocations: 2, lanes: 64));
        // Two lanes: 5 | 40 on the two, 10 after the 5 (ends 15), 20 after that (ends 35): the 40 ends last; then 1 | 3, 7 at 1, 90 at 3.
        Assert.Equal([40.0, 93.0], AppliedFloor.PerInvocation(Units(Delays), 0, count: 4, invocations: 2, lanes: 2));
    }

    [Fact]
    public void PerInvocation_Should_CountAChunksUnits_AndHoldItOnce()
    {
        // A Redis-like iteration: invocation 1 is a chunk of 3 commands and one of 1; invocation 2 a chunk split over two reads (0, then 4).
        IReadOnlyList<DelayedPiece> chunks = [new(3, 30), new(1, 12), new(0, 2), new(4, 25)];
        Assert.Equal([30.0, 25.0], AppliedFloor.PerInvocation(chunks, 0, count: 4, invocations: 2, lanes: 4));
        Assert.Equal([42.0, 27.0], AppliedFloor.PerInvocation(chunks, 0, count: 4, invocations: 2, lanes: 1));
    }

    [Fact]
    public void PerInvocation_Should_GiveNoFloor_WhenTheLogDroppedDelays()
    {
        Assert.Null(AppliedFloor.PerInvocation(Units(Delays), dropped: 1, count: 4, invocations: 2, lanes: 4));
    }

    [Theory]
    [InlineData(4, 3)] // 8 units are not three invocations of 4
    [InlineData(3, 2)] // 8 units of 3 leave 2 over
    [InlineData(4, 1)] // one invocation's worth too many
    public void PerInvocation_Should_GiveNoFloor_WhenTheUnitsDoNotDivideIntoTheInvocations(int count, long invocations)
    {
        Assert.Null(AppliedFloor.PerInvocation(Units(Delays), 0, count, invocations, lanes: 1));
    }

    [Fact]
    public void PerInvocation_Should_GiveNoFloor_WhenAChunkSpansTwoInvocations()
    {
        IReadOnlyList<DelayedPiece> chunks = [new(3, 30), new(2, 12), new(3, 25)];
        Assert.Null(AppliedFloor.PerInvocation(chunks, 0, count: 4, invocations: 2, lanes: 4));
    }

    [Fact]
    public void Of_Should_BeSerialForOneLane_AllForEveryUnit_AndTheReplayBetween()
    {
        var delays = Delays.Take(4).ToList();
        var pieces = Units([.. delays]);
        Assert.Equal(IdealFloor.Serial(delays), AppliedFloor.Of(pieces, 1, 4));
        Assert.Equal(IdealFloor.All(delays), AppliedFloor.Of(pieces, 4, 4));
        Assert.Equal(IdealFloor.Bounded(delays, 2), AppliedFloor.Of(pieces, 2, 4));
    }

    [Fact]
    public void Of_Should_LetAChunkOfKUnitsTakeKLanes_InTheReplay()
    {
        // Two lanes, four commands: a chunk of the first two (held 30), then one of the next two (held 10). Each chunk
        // fills both lanes, so the second starts when the first ends: 40. Replayed one lane a chunk, both would run at
        // once (30): four commands in flight at a degree of two.
        IReadOnlyList<DelayedPiece> chunks = [new(2, 30), new(2, 10)];
        Assert.Equal(40, AppliedFloor.Of(chunks, lanes: 2, count: 4));

        // A chunk of one after a chunk of two on three lanes: the single command takes the free third lane at once.
        IReadOnlyList<DelayedPiece> mixed = [new(2, 30), new(1, 10), new(1, 5)];
        Assert.Equal(30, AppliedFloor.Of(mixed, lanes: 3, count: 4));
    }
}
