using AsyncBench.Protocol.Latency;

namespace AsyncBench.Tests.Latency;

/// <summary>A target's log of applied delays: arrival order, nearest-rank median and p99, its bound, its reset.</summary>
public sealed class AppliedDelayLogTests
{
    [Fact]
    public void Report_Should_OrderByDraw_AndTakeNearestRankQuantiles()
    {
        var log = new AppliedDelayLog<AppliedDelay>();
        // Completed out of arrival order, as concurrent waits end.
        foreach (var (draw, ms) in new[] { (2L, 30.0), (0L, 10.0), (3L, 40.0), (1L, 20.0) })
        {
            log.Add(new AppliedDelay(draw, Unit: draw + 100, ms));
        }

        var report = log.Report();

        Assert.Equal([0L, 1, 2, 3], report.Entries.Select(e => e.Draw));
        Assert.Equal([100L, 101, 102, 103], report.Entries.Select(e => e.Unit));
        Assert.Equal(4, report.Count);
        Assert.Equal(25, report.MeanMs);
        Assert.Equal(100, report.TotalMs);
        Assert.Equal(20, report.MedianMs); // the 2nd of 4
        Assert.Equal(40, report.P99Ms);    // the 4th of 4
        Assert.Equal(0, report.Dropped);
    }

    [Fact]
    public void PastItsCapacity_Should_CountWithoutKeeping()
    {
        var log = new AppliedDelayLog<AppliedDelay>(capacity: 3);
        for (var i = 0; i < 5; i++)
        {
            log.Add(new AppliedDelay(i, i, i));
        }

        var report = log.Report();

        Assert.Equal(5, report.Count);
        Assert.Equal(2, report.Dropped);
        Assert.Equal(0 + 1 + 2 + 3 + 4, report.TotalMs); // the dropped ones' waits count in the mean
        Assert.Equal(1, report.MedianMs); // the kept ones' median
        Assert.Equal(3, report.Entries.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AppliedDelayLog<AppliedDelay>(capacity: 0));
    }

    [Fact]
    public void Reset_Should_ForgetEverything()
    {
        var log = new AppliedDelayLog<AppliedDelay>(capacity: 1);
        log.Add(new AppliedDelay(0, 0, 1));
        log.Add(new AppliedDelay(1, 1, 1));

        log.Reset();

        Assert.Equal(DelayReport<AppliedDelay>.Empty, log.Report());
        Assert.Equal((0L, 0.0, 0.0, 0.0, 0L), (log.Report().Count, log.Report().MeanMs, log.Report().MedianMs, log.Report().P99Ms, log.Report().Dropped));
    }
}
