using System.Text.Json;
using AsyncBench.Benchmarks.Http;
using AsyncBench.Benchmarks.Rules;
using AsyncBench.Benchmarks.Serial;
using AsyncBench.Protocol;
using AsyncBench.Tests.Running;

namespace AsyncBench.Tests.Observing;

/// <summary>
/// What the benchmark program's dry run against the suite's own fixtures (<see cref="FixtureTargetsRun"/>) reports of
/// each case: the metrics of BenchmarkDotNet's full JSON, and the declarations sidecars.
/// </summary>
[Collection(BenchmarkProgramCollection.Name)]
[Trait(BenchmarkProgramCollection.StageTrait, BenchmarkProgramCollection.Stage)]
public sealed class ObservedMetricsTests(BenchmarkRuns runs)
{
    private const string HttpSerial = "HttpBenchmarks.Serial(Count=10&LatencyMs=20)";
    private const string HttpWhenAll = "HttpBenchmarks.WhenAll(Count=100&LatencyMs=20)";
    private const string SerialSerial = "SerialPortBenchmarks.Serial(Count=16&Devices=4&BaudRate=115200&LatencyMs=5)";
    private const string SerialWhenAll = "SerialPortBenchmarks.WhenAll(Count=16&Devices=4&BaudRate=115200&LatencyMs=5)";
    private const string Unbounded = "PolitenessBenchmarks.UnboundedWhenAll(Count=100&ServerLimit=10&LatencyMs=10)";
    private const string Bounded = "PolitenessBenchmarks.SemaphoreWhenAll(Count=100&ServerLimit=10&LatencyMs=10)";
    private const string HttpDedicated = "HttpBenchmarks.DedicatedThreads(Count=10&LatencyMs=20)";

    private readonly DryRun run = runs.Fixtures.Run;

    [Fact]
    public void DryRun_Should_Succeed_AndReportPoolThreads_ForEveryCase()
    {
        Assert.True(run.Outcome.ExitCode == 0, run.Outcome.StandardError + run.Outcome.StandardOutput[^Math.Min(3000, run.Outcome.StandardOutput.Length)..]);
        Assert.True(run.Cases.Count >= 6, string.Join(", ", run.Cases.Keys));
        Assert.All(run.Cases, c =>
        {
            Assert.True(c.Value.ContainsKey(MetricIds.ThreadsBefore), c.Key);
            Assert.True(c.Value.ContainsKey(MetricIds.ThreadsAfter), c.Key);
        });
    }

    [Fact]
    public void EveryCase_Should_CarryTheBenchmarkProcessCpuTime_AtLeastTheWorkItDid()
    {
        // One invocation of a call that takes nanoseconds can fall within getrusage's microsecond: zero is its true value.
        // Every other case does real work in its invocation (requests, conversations, hashing, timers), so its process used CPU.
        Assert.NotEmpty(run.Cases);
        Assert.All(run.Cases, c =>
        {
            Assert.True(c.Value.TryGetValue(MetricIds.CpuTimeNs, out var cpu), c.Key);
            Assert.True(c.Key.StartsWith("AsyncMethodBenchmarks.", StringComparison.Ordinal) ? cpu >= 0 : cpu > 0, $"{c.Key}: {cpu} ns");
        });

        // 100 units of SHA-256 over 512 KiB each: no core hashes faster than 5 GB/s (SHA extensions reach about 2), so the
        // benchmark process spent at least this much CPU on its one invocation, however busy or fast the machine.
        const double leastNs = 100 * CpuHashWorkload.BufferBytes / 5.0;
        var hashing = run.Case("CpuBoundBenchmarks.WhenAll(Count=100)")[MetricIds.CpuTimeNs];
        Assert.True(hashing >= leastNs, $"{hashing} ns of CPU for 100 × 512 KiB of SHA-256; at least {leastNs} ns");
    }

    [Fact]
    public void Slowdown_Should_ReachTheNamedCasesProcess_AndBeDeclaredForItAlone()
    {
        Assert.Contains("ASYNCBENCH_SLOWDOWN makes every timed call of this benchmark 15 % slower", run.Outcome.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(15, run.Declared[FixtureTargetsRun.SlowedFullName].InjectedSlowdownPercent);
        Assert.Single(run.Declared.Values, b => b.InjectedSlowdownPercent is not null);
    }

    [Fact]
    public void Canaries_Should_Run_AndBeDeclaredCanaries_AndNothingElse()
    {
        var canaries = run.Declared.Values.Where(b => b.FullName.Contains(".MachineCanaryBenchmarks.", StringComparison.Ordinal)).ToList();

        Assert.True(canaries.Count >= 3, string.Join(", ", run.Declared.Keys));
        Assert.All(canaries, b => Assert.True(b.Canary, b.FullName));
        Assert.All(run.Declared.Values.Except(canaries), b => Assert.False(b.Canary, b.FullName));
        Assert.All(run.Cases.Where(c => c.Key.StartsWith("MachineCanaryBenchmarks.", StringComparison.Ordinal)), c => Assert.True(c.Value.ContainsKey(MetricIds.CpuTimeNs), c.Key));
    }

    [Fact]
    public void HttpAndRulesCases_Should_CarryWhatTheServerObserved_TheirFloorAndConcurrency()
    {
        foreach (var name in new[] { HttpSerial, HttpWhenAll, Unbounded, Bounded })
        {
            var metrics = run.Case(name);
            foreach (var id in new[] { HttpMetricIds.Requests, HttpMetricIds.PeakInFlight, HttpMetricIds.Refused, HttpMetricIds.ServerWaitMs, HttpMetricIds.ServerCpuMs, HttpMetricIds.Bound, MetricIds.FloorNs, MetricIds.Concurrency })
            {
                Assert.True(metrics.ContainsKey(id), $"{name} has no {id}");
            }
        }

        Assert.Equal(10, run.Case(HttpSerial)[HttpMetricIds.Requests]);
        Assert.Equal(10 * 20e6, run.Case(HttpSerial)[MetricIds.FloorNs]);
        Assert.Equal(20e6, run.Case(HttpWhenAll)[MetricIds.FloorNs]);
        Assert.Equal(10e6, run.Case("BlockingInAsyncBenchmarks.DelayInAsync(Count=10)")[MetricIds.FloorNs]);
        Assert.False(run.Case("AsyncMethodBenchmarks.SyncMethod()").ContainsKey(MetricIds.FloorNs));
    }

    [Fact]
    public void EveryRulesClass_Should_BeInTheRun_AndItsHttpCases_Should_CarryTheServersCounts()
    {
        var rulesClasses = typeof(AsyncBench.Benchmarks.Rules.CpuBoundBenchmarks).Assembly.GetTypes()
            .Where(t => t.Namespace == "AsyncBench.Benchmarks.Rules" && !t.IsAbstract && t.GetMethods().Any(m => m.IsDefined(typeof(BenchmarkDotNet.Attributes.BenchmarkAttribute), true)))
            .Select(t => t.Name)
            .ToList();
        Assert.NotEmpty(rulesClasses);
        Assert.All(rulesClasses, type => Assert.Contains(run.Cases.Keys, k => k.StartsWith(type + ".", StringComparison.Ordinal)));

        foreach (var name in new[] { "DegreeOfParallelismBenchmarks.WhenAll(Count=100&LatencyMs=5)", "SyncOverAsyncBenchmarks.Await(Count=5&LatencyMs=20)", "TaskRunWrappingBenchmarks.NativeAsync(Count=10&LatencyMs=20)" })
        {
            var metrics = run.Case(name);
            Assert.True(metrics.ContainsKey(HttpMetricIds.PeakInFlight), name);
            Assert.Equal(metrics[MetricIds.Concurrency], metrics[HttpMetricIds.Requests]);
            Assert.True(metrics.ContainsKey(MetricIds.FloorNs), name);
        }

        Assert.Equal(100, run.Case("CpuBoundBenchmarks.WhenAll(Count=100)")[MetricIds.Concurrency]);
        Assert.False(run.Case("CpuBoundBenchmarks.WhenAll(Count=100)").ContainsKey(MetricIds.FloorNs));
    }

    [Fact]
    public void FullJson_Should_DescribeEachMetric_WithItsSourceCellAndValueNames()
    {
        // BenchmarkDotNet writes a descriptor's public properties: the report itself says where each value goes on a page.
        var bound = run.Descriptors[HttpMetricIds.Bound];
        Assert.Equal("server", bound.GetProperty("Source").GetString());
        Assert.Equal("bound: {value}", bound.GetProperty("Cell").GetString());
        Assert.Equal("server CPU", bound.GetProperty("ValueNames").GetProperty("2").GetString());
        Assert.Equal("pool", run.Descriptors[MetricIds.ThreadsBefore].GetProperty("Source").GetString());
        Assert.Equal(JsonValueKind.Null, run.Descriptors[MetricIds.ThreadsBefore].GetProperty("ValueNames").ValueKind);
    }

    // How many requests overlapped in a real run is the machine's schedule, not a behaviour: these check what holds on any
    // schedule (the bounds), and the tests against a server that holds its replies show the overlap itself
    // (HttpStrategyTests, PolitenessTests).
    [Fact]
    public void HttpPeakInFlight_Should_BeOne_ForSerial_AndWithinCount_ForWhenAll()
    {
        Assert.Equal(1, run.Case(HttpSerial)[HttpMetricIds.PeakInFlight]);
        Assert.InRange(run.Case(HttpWhenAll)[HttpMetricIds.PeakInFlight], 1, 100);
    }

    [Fact]
    public void PolitenessCounts_Should_AddUpToEveryUnitOnce_AndShowNoRefusal_ForABoundedStrategy()
    {
        var unbounded = run.Case(Unbounded);
        Assert.Equal(100, unbounded[HttpMetricIds.Requests] - unbounded[HttpMetricIds.Refused]); // refused attempts retried until answered
        Assert.Equal(0, run.Case(Bounded)[HttpMetricIds.Refused]);
        Assert.InRange(run.Case(Bounded)[HttpMetricIds.PeakInFlight], 1, 10);
    }

    [Fact]
    public void RefusedShare_Should_BeTheRefusalsOverEveryAttemptTheServerReceived()
    {
        var unbounded = run.Case(Unbounded);

        Assert.Equal(100 * unbounded[HttpMetricIds.Refused] / unbounded[HttpMetricIds.Requests], unbounded[HttpMetricIds.RefusedShare], precision: 6);
        Assert.Equal(0, run.Case(Bounded)[HttpMetricIds.RefusedShare]);
    }

    [Fact]
    public void EveryWorkloadCase_Should_CarryWhatTheClientSawOfItsUnits()
    {
        foreach (var name in new[] { HttpSerial, HttpWhenAll, HttpDedicated, "CpuBoundBenchmarks.WhenAll(Count=100)", "DegreeOfParallelismBenchmarks.WhenAll(Count=100&LatencyMs=5)", "TaskRunWrappingBenchmarks.NativeAsync(Count=10&LatencyMs=20)" })
        {
            var metrics = run.Case(name);
            Assert.True(metrics.ContainsKey(MetricIds.UnitsPeakInFlight), $"{name} has no {MetricIds.UnitsPeakInFlight}");
            Assert.True(metrics[MetricIds.UnitsLatencyMedianNs] > 0, name);
            Assert.True(metrics[MetricIds.UnitsLatencyP99Ns] >= metrics[MetricIds.UnitsLatencyMedianNs], name);
        }

        Assert.Equal(1, run.Case(HttpSerial)[MetricIds.UnitsPeakInFlight]); // one unit at a time, by construction
        Assert.Equal(1, run.Case("CpuBoundBenchmarks.WhenAll(Count=100)")[MetricIds.UnitsPeakInFlight]); // synchronous units: WhenAll runs them one after another
        Assert.InRange(run.Case(HttpWhenAll)[MetricIds.UnitsPeakInFlight], 1, 100);
        // A 20 ms server: no unit can be faster than its wait.
        Assert.True(run.Case(HttpSerial)[MetricIds.UnitsLatencyMedianNs] >= 20e6 * 0.9, $"{run.Case(HttpSerial)[MetricIds.UnitsLatencyMedianNs]} ns");
    }

    [Fact]
    public void DedicatedThreads_Should_RunCountUnitsAtTheDeclaredConcurrency()
    {
        var metrics = run.Case(HttpDedicated);

        Assert.Equal(10, metrics[MetricIds.Concurrency]);
        Assert.Equal(10, metrics[HttpMetricIds.Requests]);
    }

    [Fact]
    public void RuleSevenSides_Should_StartFromTheSamePool_ExactlyItsMinimum()
    {
        var before = new[] { "DelayInAsync", "SleepInAsync", "BlockOnTaskInAsync" }
            .Select(side => run.Case($"BlockingInAsyncBenchmarks.{side}(Count=10)")[MetricIds.ThreadsBefore])
            .ToList();

        Assert.Single(before.Distinct());
        Assert.True(before[0] >= 1);
    }

    [Fact]
    public void RuleObservations_Should_ReachTheReport()
    {
        var hot = run.Case("HotTaskBenchmarks.NotAwaitedFailing(Count=100)");
        Assert.Equal(100, hot[RuleMetricIds.HotTaskRan]);
        Assert.Equal(0, hot[RuleMetricIds.HotTaskCallerSawExceptions]);
        Assert.Equal(100, hot[RuleMetricIds.HotTaskUnobservedExceptions]);

        Assert.Equal(10, run.Case("LazyReaderBenchmarks.LazyReader(Count=10)")[RuleMetricIds.LazyReaderFailures]);
        Assert.Equal(0, run.Case("SyncOverAsyncBenchmarks.GetAwaiterGetResult(Count=5&LatencyMs=20)")[RuleMetricIds.SyncOverAsyncBlockingErrors]);
    }

    [Serial.SerialFact]
    public void SerialCases_Should_CountConversations_AndTheirFloor_Should_BeLineTimeTimesConversationsOverLanes()
    {
        // 26 bytes per conversation × 10 bits at 115200 baud, plus the device's 5 ms.
        var conversationMs = 5 + (26 * 10 * 1000.0 / 115200);
        foreach (var (name, concurrency) in new[] { (SerialSerial, 1), (SerialWhenAll, 16) })
        {
            var metrics = run.Case(name);
            Assert.Equal(16, metrics[SerialMetricIds.Conversations]);
            Assert.Equal(0, metrics[SerialMetricIds.ProtocolErrors]);
            Assert.True(metrics[SerialMetricIds.HostCpuMs] > 0, $"{name}: host CPU {metrics[SerialMetricIds.HostCpuMs]} ms for 16 conversations"); // the emulators did them
            Assert.Equal(concurrency, metrics[MetricIds.Concurrency]);
            // Within 1 μs per conversation: line time is a TimeSpan, counted in 100 ns ticks.
            Assert.Equal(conversationMs * 16 / Math.Min(4, concurrency) * 1e6, metrics[MetricIds.FloorNs], tolerance: 16_000);
        }

        // One conversation per device at a time: at most the 4 devices; how many overlapped is the schedule's.
        Assert.Equal(1, run.Case(SerialSerial)[SerialMetricIds.PeakConcurrent]);
        Assert.InRange(run.Case(SerialWhenAll)[SerialMetricIds.PeakConcurrent], 1, 4);
    }
}
