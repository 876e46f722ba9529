using AsyncBench.Protocol.Latency;

namespace AsyncBench.Tests.Latency;

/// <summary>Each strategy's floor on delays worked out by hand.</summary>
public sealed class IdealFloorTests
{
    [Fact]
    public void Serial_Should_BeTheSum_AndAllTheLargest()
    {
        double[] delays = [20, 5, 200, 15];

        Assert.Equal(240, IdealFloor.Serial(delays));
        Assert.Equal(200, IdealFloor.All(delays));
        Assert.Equal(0, IdealFloor.Serial([]));
        Assert.Equal(0, IdealFloor.All([]));
    }

    [Theory]
    // Two workers: 1 → A (ends 1), 2 → B (2), 3 → A (1 + 3 = 4), 4 → B (2 + 4 = 6).
    [InlineData(new double[] { 1, 2, 3, 4 }, 2, 6)]
    // The long one first: A holds 5 while B does the four short ones (4): 5.
    [InlineData(new double[] { 5, 1, 1, 1, 1 }, 2, 5)]
    // The long one last: A and B share the four short ones (2 each), then 5 starts at 2: 7.
    [InlineData(new double[] { 1, 1, 1, 1, 5 }, 2, 7)]
    // Three equal delays on two workers: two rounds.
    [InlineData(new double[] { 3, 3, 3 }, 2, 6)]
    // Three workers: 4, 4, 1 start at once; 2 takes the one free at 1 (ends 3); 2 more takes the one free at 3 (ends 5).
    [InlineData(new double[] { 4, 4, 1, 2, 2 }, 3, 5)]
    public void Bounded_Should_ReplayTheSchedule_EachUnitToTheEarliestFreeWorker(double[] delays, int degree, double floor) =>
        Assert.Equal(floor, IdealFloor.Bounded(delays, degree));

    [Fact]
    public void Bounded_Should_BeSerialAtDegreeOne_AndAllAtTheCount()
    {
        double[] delays = [20, 5, 200, 15, 40];

        Assert.Equal(IdealFloor.Serial(delays), IdealFloor.Bounded(delays, 1));
        Assert.Equal(IdealFloor.All(delays), IdealFloor.Bounded(delays, delays.Length));
        Assert.Equal(IdealFloor.All(delays), IdealFloor.Bounded(delays, 64));
        Assert.Equal(0, IdealFloor.Bounded(Array.Empty<double>(), 4));
    }

    [Fact]
    public void BadInput_Should_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IdealFloor.Bounded([1.0], 0));
        Assert.Throws<ArgumentException>(() => IdealFloor.Serial([1.0, -1.0]));
        Assert.Throws<ArgumentException>(() => IdealFloor.All([double.NaN]));
    }
}
