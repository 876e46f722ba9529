using AsyncBench.Benchmarks.Http;
using AsyncBench.Benchmarks.Observing;
using AsyncBench.Benchmarks.Running;
using AsyncBench.Benchmarks.Serial;
using AsyncBench.Protocol;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace AsyncBench.Tests.Observing;

/// <summary>Floors, concurrency and the quick cut come from the benchmarks' declarations; each Bound outcome can come out.</summary>
public sealed class CaseFactsTests
{
    [Fact]
    public void SerialFloor_Should_CountLineTimeAndTheOneConversationPerDeviceBound()
    {
        var whenAll = Case<SerialPortBenchmarks>("WhenAll", ("Devices", 1), ("BaudRate", 9600));

        // 16 conversations on one device, each 5 ms + 26 bytes × 10 bits ÷ 9600 baud (27.08 ms): ≈ 513 ms, not 5 ms.
        Assert.Equal(16 * (5 + (260 * 1000.0 / 9600)), CaseFacts.FloorMs(whenAll, null)!.Value, precision: 2);
        Assert.Equal(16, CaseFacts.Concurrency(whenAll));
    }

    [Fact]
    public void HttpFloor_Should_SpreadTheWaitOverTheDeclaredConcurrency()
    {
        Assert.Equal(20.0 * 1000, CaseFacts.FloorMs(Case<HttpBenchmarks>("Serial", ("Count", 1000), ("LatencyMs", 20)), null));
        Assert.Equal(20.0 * 16, CaseFacts.FloorMs(Case<HttpBenchmarks>("ParallelForEachAsync", ("Count", 1000), ("LatencyMs", 20), ("maxDegreeOfParallelism", 64)), null));
        Assert.Equal(20.0 * 500, CaseFacts.FloorMs(Case<HttpBenchmarks>("Serial", ("Count", 1000), ("LatencyMs", 20)), measuredTargetLatencyMs: 10));
    }

    [Fact]
    public void SweepCut_Should_LeaveOutOnlyCasesWhoseFloorIsAboveItsLimit()
    {
        Assert.False(Profiles.SweepFilter.Predicate(Case<HttpBenchmarks>("Serial", ("Count", 1000), ("LatencyMs", 20))));
        Assert.True(Profiles.SweepFilter.Predicate(Case<HttpBenchmarks>("WhenAll", ("Count", 1000), ("LatencyMs", 20))));
        Assert.True(Profiles.SweepFilter.Predicate(Case<HttpBenchmarks>("Serial", ("Count", 100), ("LatencyMs", 20))));
    }

    [Theory]
    [InlineData(25e6, 20e6, 1.0, MetricIds.BoundByWait)]
    [InlineData(100e6, 20e6, 60.0, MetricIds.BoundByServerCpu)]
    [InlineData(100e6, 20e6, 10.0, MetricIds.BoundByClient)]
    [InlineData(1e6, null, 0.9, MetricIds.BoundByServerCpu)]
    [InlineData(1e6, null, 0.1, MetricIds.BoundByClient)]
    public void Bound_Should_NameWhatHeldTheCase(double medianNs, double? floorNs, double serverCpuMs, int expected)
    {
        Assert.Equal(expected, CaseFacts.Bound(medianNs, floorNs, serverCpuMs));
    }

    private static BenchmarkCase Case<T>(string method, params (string Name, int Value)[] parameters) =>
        BenchmarkConverter.TypeToBenchmarks(typeof(T), ManualConfig.CreateEmpty()).BenchmarksCases.First(c =>
            c.Descriptor.WorkloadMethod.Name == method
            && parameters.All(p => Equals(CaseFacts.ValueOf(c, p.Name), p.Value)));
}
