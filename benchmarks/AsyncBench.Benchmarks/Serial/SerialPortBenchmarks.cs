using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Observing;
using AsyncBench.Fixtures.Serial;
using AsyncBench.Protocol;
using AsyncBench.Protocol.Serial;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using AsyncBench.Benchmarks.Declarations;

namespace AsyncBench.Benchmarks.Serial;

/// <summary>
/// Rule 1 for serial (USB) devices: request/reply conversations with K emulated devices over real
/// System.IO.Ports ports on pseudo-terminals, under every strategy. Units on one device take turns,
/// so concurrency can overlap at most K conversations.
/// </summary>
[BenchmarkCategory(Category)]
[ClaimTarget("Serial request/reply conversations", Fixture = "emulated devices on pseudo-terminals", Name = "serial")]
// Claims are read at Count=16&Devices=4&BaudRate=9600&LatencyMs=5: a small bench of instruments at their common baud rate.
// Rules 1 and 5 as every I/O target states them; the devices' own count of conversations at once (at most Devices) explains them.
[ClaimsFrom(typeof(IoTargetClaims), Setting = "Count=16&Devices=4&BaudRate=9600&LatencyMs=5", Mechanism = [SerialMetricIds.PeakConcurrent])]
[Config(typeof(SkipWithoutSerialPorts))]
// Measured, night of 2026-12-01 (287 cases, five passes, 2-core VM): launches agree within 0.4 % (0.7 % at the 80th percentile) and a pass takes 104 s: two launches show a 15 % slowdown.
[NightlyLaunches(2)]
public class SerialPortBenchmarks : StrategyBenchmarks, IDeclaresFloor, IWaitsPerUnit
{
    /// <summary>The category of the serial-port workload, for <c>--anyCategories</c>.</summary>
    public const string Category = "SerialPort";

    [Params(
        16)] // As many units as the largest K: at K=1 all 16 queue on one line, at K=16 each has a line of its own.
    public override int Count { get; set; }

    [Params(
        1,   // One line: the device serializes every strategy; what remains is each strategy's overhead.
        4,   // A small bench of instruments: up to 4 conversations overlap.
        16)] // A device per unit: the line is no longer the bottleneck, the strategy is.
    public int Devices { get; set; }

    [Params(
        9600,    // The common default of instruments: ~27 ms of line time per 26-byte conversation.
        115200)] // A fast USB-serial adapter: ~2.3 ms per conversation, so software overhead shows.
    public int BaudRate { get; set; }

    [FixtureOnly] // A loopback plug has no processing time; real ports are measured instead.
    [Params(
        5)] // A small device's turnaround per request; line time already spans 2-27 ms through BaudRate.
    public int LatencyMs { get; set; }

    public string? RealTargetVariable =>
        string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(VirtualSerialPair.PortsVariable)) ? null : VirtualSerialPair.PortsVariable;

    /// <summary>
    /// A conversation takes the device's latency plus the line time of request and reply (or a real port's measured
    /// round trip); one device holds one conversation at a time, so at most Devices overlap.
    /// </summary>
    public WorkloadFloor Floor(double? measuredTargetLatencyMs) =>
        new(measuredTargetLatencyMs ?? RunLatency.UnitWaitMs(LatencyMs) + SerialFrame.LineTime(SerialFrame.ConversationBytes, BaudRate).TotalMilliseconds, Devices);

    protected override Task AfterWarmUpAsync()
    {
        if (Workload is SerialPortWorkload { Pair.IsEmulated: false } serial)
        {
            CaseObserver.Report(MetricIds.TargetLatencyMs, serial.MeasureRoundTripMs());
        }

        return Task.CompletedTask;
    }

    protected override async Task<IWorkload> StartWorkloadAsync() =>
        await SerialPortWorkload.StartAsync(new VirtualSerialPairOptions
        {
            Devices = Devices,
            BaudRate = BaudRate,
            LatencyMs = LatencyMs,
            Latency = RunLatency.For(LatencyMs),
            Seed = RunLatency.Seed,
        }).ConfigureAwait(false);

    /// <summary>Where no pseudo-terminal can be made and no real ports are named, says so once and runs none of these cases.</summary>
    public sealed class SkipWithoutSerialPorts : ManualConfig
    {
        private static int reported;

        public SkipWithoutSerialPorts() => AddFilter(new SimpleFilter(_ => IsAvailable()));

        private static bool IsAvailable()
        {
            var reason = VirtualSerialPair.UnavailableReason;
            if (reason is not null && Interlocked.Exchange(ref reported, 1) == 0)
            {
                Console.WriteLine(reason);
            }

            return reason is null;
        }
    }
}
