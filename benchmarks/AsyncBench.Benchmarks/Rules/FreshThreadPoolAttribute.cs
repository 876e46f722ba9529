using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace AsyncBench.Benchmarks.Rules;

/// <summary>
/// For benchmarks about thread-pool starvation: every invocation must start from the same pool,
/// not from one the previous invocation grew. Applied to whatever job runs (quick, full, --job dry):
/// <list type="bullet">
/// <item>one invocation per iteration (InvocationCount = UnrollFactor = 1), so an iteration set-up
/// runs before every measured invocation;</item>
/// <item>idle pool threads retire after <see cref="ThreadTimeoutMs"/> instead of the runtime's 20 s
/// (<c>DOTNET_ThreadPool_ThreadTimeoutMs</c>), so that set-up can wait, in little time, until the pool is
/// back at its minimum (<see cref="FreshThreadPoolBenchmarks"/>). An invocation that runs is never idle
/// for that long, so the setting does not change what is measured;</item>
/// </list>
/// The ThreadsBefore and ThreadsAfter metrics (pool threads when each invocation starts and ends) come from
/// <see cref="Observing.CaseObserver"/>, as for every class.
/// Each case also runs in a fresh process (BenchmarkDotNet's default), so no case inherits another's pool.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class FreshThreadPoolAttribute : Attribute, IConfigSource
{
    public const int ThreadTimeoutMs = 300;
    public const string ThreadTimeoutVariable = "DOTNET_ThreadPool_ThreadTimeoutMs";

    public IConfig Config { get; } = ManualConfig.CreateEmpty()
        .AddJob(Job.Default
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithEnvironmentVariable(ThreadTimeoutVariable, ThreadTimeoutMs.ToString(CultureInfo.InvariantCulture))
            .AsMutator());
}
