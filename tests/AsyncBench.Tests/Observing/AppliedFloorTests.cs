using AsyncBench.Benchmarks.Http;
using AsyncBench.Benchmarks.Observing;
using AsyncBench.Benchmarks.Redis;
using AsyncBench.Benchmarks.Serial;
using AsyncBench.Fixtures;
using AsyncBench.Fixtures.Http;
using AsyncBench.Fixtures.Redis;
using AsyncBench.Fixtures.Serial;
using AsyncBench.Protocol;
using AsyncBench.Protocol.Latency;
using AsyncBench.Tests.Serial;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace AsyncBench.Tests.Observing;

/// <summary>
/// A case's applied floor, computed in the benchmark process (<see cref="CaseObserver.IterationFloorNs"/>) from what the
/// real targets logged over an iteration of a few invocations under a log-normal distribution, and how the host turns the
/// iterations' values into FloorNs. No timing is asserted: the floors are compared with the targets' own logs.
/// </summary>
public sealed class AppliedFloorTests
{
    private const int Seed = 17;
    private const int Count = 8;
    private const int Invocations = 3;

    private static readonly LatencyDistribution Tail = LatencyDistribution.Parse("lognormal:median=2ms,p99=20ms");

    [Fact]
    public async Task HttpWhenAll_Should_FloorEachInvocationAtTheLargestOfItsDelays_MeanOverInvocations()
    {
        // Arrange
        await using var workload = await HttpWorkload.StartAsync(new MockHttpServerOptions { Latency = Tail, Seed = Seed });
        var observation = new HttpServerObservation(workload.Server!);
        observation.Reset();

        // Act: one iteration of three invocations, one after another.
        for (var i = 0; i < Invocations; i++)
        {
            await StrategyRunner.RunAsync(StrategyRunner.WhenAll, workload, Count);
        }

        observation.Take(Invocations);
        var floorNs = CaseObserver.IterationFloorNs([observation], new FloorSchedule(Count, Count, 2), Invocations);
        var shortNs = CaseObserver.IterationFloorNs([observation], new FloorSchedule(Count, Count, 2), Invocations - 1);

        // Assert: the server's own log, in arrival order, eight delays an invocation; the floor is the largest of each.
        var logged = (await workload.Server!.GetStatsAsync()).Delays!.Entries;
        Assert.Equal(Count * Invocations, logged.Count);
        var expected = logged.Chunk(Count).Select(invocation => IdealFloor.All([.. invocation.Select(e => e.WaitedMs)])).ToList();
        Assert.Equal(expected.Average() * 1e6, floorNs);
        // Delays that do not divide into the iteration's invocations give no floor, not a wrong one.
        Assert.Equal(CaseObserver.NoAppliedFloor, shortNs);
    }

    [Fact]
    public async Task RedisSerial_Should_FloorEachInvocationAtTheSumOfItsChunks()
    {
        // Arrange
        await using var workload = await RedisGetWorkload.StartAsync(new DelayedRedisServerOptions { Latency = Tail, Seed = Seed }, Count);
        var observation = new RedisProxyObservation(workload.Server!);
        observation.Reset();

        // Act
        for (var i = 0; i < Invocations; i++)
        {
            await StrategyRunner.RunAsync(StrategyRunner.SerialAwait, workload, Count);
        }

        observation.Take(Invocations);
        var floorNs = CaseObserver.IterationFloorNs([observation], new FloorSchedule(Count, 1, 2), Invocations);

        // Assert: one GET at a time, so each is a chunk of its own; the loop's floor is the sum of an invocation's holds.
        var holds = (await workload.Server!.GetStatsAsync()).UpstreamHolds!.Entries;
        Assert.All(holds, chunk => Assert.Equal(1, chunk.Frames));
        Assert.Equal(Count * Invocations, holds.Count);
        var expected = holds.Chunk(Count).Select(invocation => IdealFloor.Serial([.. invocation.Select(e => e.WaitedMs)])).ToList();
        Assert.Equal(expected.Average() * 1e6, floorNs);
    }

    [SerialFact]
    public async Task SerialDevices_Should_ReportTheirAppliedDelays_AndFloorAtTheDevicesBound()
    {
        // Arrange: two devices, so eight conversations at once still take two lanes.
        await using var workload = await SerialPortWorkload.StartAsync(new VirtualSerialPairOptions { Devices = 2, BaudRate = 115200, Latency = Tail, Seed = Seed });
        var observation = new SerialDevicesObservation(workload.Pair);
        observation.Reset();

        // Act
        for (var i = 0; i < Invocations; i++)
        {
            await StrategyRunner.RunAsync(StrategyRunner.WhenAll, workload, Count);
        }

        var values = observation.Take(Invocations);
        var floorNs = CaseObserver.IterationFloorNs([observation], new FloorSchedule(Count, 2, 2), Invocations);

        // Assert: every conversation logged once, in draw order across the devices; the metrics and the floor come from them.
        var delays = observation.LastDelays!;
        Assert.Equal((Count * Invocations, 0L), (delays.Pieces.Count, delays.Dropped));
        var waits = delays.Pieces.Select(p => p.WaitedMs).ToList();
        var sorted = waits.Order().ToList();
        Assert.Equal(sorted[(sorted.Count / 2) - 1], values[SerialMetricIds.AppliedDelayMedianMs]);
        Assert.Equal(sorted[^1], values[SerialMetricIds.AppliedDelayP99Ms]);
        var expected = waits.Chunk(Count).Select(invocation => IdealFloor.Bounded(invocation, 2)).ToList();
        Assert.Equal(expected.Average() * 1e6, floorNs);
    }

    [Fact]
    public void HostFloor_Should_BeTheAppliedMedian_OrNone_OrTheDeclaredOne()
    {
        var whenAll = BenchmarkConverter.TypeToBenchmarks(typeof(HttpBenchmarks), ManualConfig.CreateEmpty()).BenchmarksCases.First(c =>
            c.Descriptor.WorkloadMethod.Name == nameof(HttpBenchmarks.WhenAll)
            && Equals(CaseFacts.ValueOf(c, "Count"), 100) && Equals(CaseFacts.ValueOf(c, "LatencyMs"), 20));
        static IReadOnlyDictionary<string, double> Iteration(double? appliedNs) =>
            appliedNs is { } ns ? new Dictionary<string, double> { [MetricIds.CpuTimeNs] = 1, [CaseObserver.AppliedFloorNs] = ns } : new Dictionary<string, double> { [MetricIds.CpuTimeNs] = 1 };

        // Every iteration applied: their median.
        Assert.Equal(60e6, ObservedMetricsDiagnoser.FloorNs(whenAll, [Iteration(50e6), Iteration(60e6), Iteration(90e6)], new Dictionary<string, double>()));
        // One iteration whose delays did not split, or one without a value: no floor at all.
        Assert.Null(ObservedMetricsDiagnoser.FloorNs(whenAll, [Iteration(50e6), Iteration(CaseObserver.NoAppliedFloor), Iteration(90e6)], new Dictionary<string, double>()));
        Assert.Null(ObservedMetricsDiagnoser.FloorNs(whenAll, [Iteration(50e6), Iteration(null)], new Dictionary<string, double>()));
        // None applied (a fixed-latency run): the declared floor, 20 ms for a hundred at once.
        Assert.Equal(20e6, ObservedMetricsDiagnoser.FloorNs(whenAll, [Iteration(null), Iteration(null)], new Dictionary<string, double>()));
    }
}
