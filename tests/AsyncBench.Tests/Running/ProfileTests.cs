using AsyncBench.Benchmarks.Canaries;
using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Rules;
using AsyncBench.Benchmarks.Running;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace AsyncBench.Tests.Running;

/// <summary>What each profile's job resolves to for the suite's classes: warm-up, iteration time, launches, engine.</summary>
public sealed class ProfileTests
{
    public static TheoryData<string> ProfileNames => [.. Profiles.Names];

    [Theory]
    [MemberData(nameof(ProfileNames))]
    public void NanosecondBenchmarks_Should_BeWarmedAndSized_InEveryProfile(string profile)
    {
        foreach (var type in new[] { typeof(AsyncMethodBenchmarks), typeof(MachineCanaryBenchmarks) })
        {
            foreach (var benchmark in BenchmarkConverter.TypeToBenchmarks(type, BenchmarkConfig.Create(profile)).BenchmarksCases)
            {
                Assert.Equal(SteadyStateAttribute.WarmupIterations, benchmark.Job.Run.WarmupCount);
                Assert.Equal(SteadyStateAttribute.IterationMs, benchmark.Job.Run.IterationTime.ToMilliseconds());
            }
        }
    }

    [Fact]
    public void DryJob_Should_StayADryRun_ForNanosecondBenchmarks()
    {
        var config = BenchmarkConfig.Create(Profiles.Quick, withProfileJob: false).AddJob(Job.Dry);

        foreach (var benchmark in BenchmarkConverter.TypeToBenchmarks(typeof(AsyncMethodBenchmarks), config).BenchmarksCases)
        {
            // ColdStart runs no pilot and no warm-up stage: one measured iteration of one invocation.
            Assert.Equal(RunStrategy.ColdStart, benchmark.Job.Run.RunStrategy);
            Assert.Equal(1, benchmark.Job.Run.IterationCount);
            Assert.Equal(1, benchmark.Job.Run.LaunchCount);
        }
    }

    [Theory]
    [MemberData(nameof(ProfileNames))]
    public void WithoutFaultInjection_TheJob_Should_KeepBenchmarkDotNetsEngine(string profile)
    {
        // The test host never sets ASYNCBENCH_SLOWDOWN; the dry run in ObservedMetricsTests covers it set.
        Assert.Null(Environment.GetEnvironmentVariable("ASYNCBENCH_SLOWDOWN"));
        foreach (var benchmark in BenchmarkConverter.TypeToBenchmarks(typeof(CpuBoundBenchmarks), BenchmarkConfig.Create(profile)).BenchmarksCases)
        {
            Assert.False(benchmark.Job.HasValue(InfrastructureMode.EngineFactoryCharacteristic), benchmark.DisplayInfo);
        }
    }
}
