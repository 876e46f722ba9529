using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Perfolizer.Horology;

namespace AsyncBench.Benchmarks.Harness;

/// <summary>
/// For benchmarks whose one invocation takes nanoseconds to a few milliseconds and whose profile would otherwise
/// measure them early (quick has no warm-up): measured only once tiered compilation has settled, in iterations long
/// enough that a timer tick, an interrupt or a GC is a small part of one. Applied to whatever job runs (quick,
/// nightly, full, --job ...), as a mutator:
/// <list type="bullet">
/// <item><see cref="WarmupIterations"/> warm-up iterations of <see cref="IterationMs"/>: 1.5 s of calls. On this
/// suite's 2-core VM hot code reached its tier-1 (dynamic PGO) form 1.0-1.3 s after the first measured stage began
/// (SQLite point lookups 25-40 % faster from then on) and stayed there; 6 × 50 ms of warm-up did not get there.
/// Without warm-up the quick profile measured AsyncValueTaskCompletingSynchronously at 127 ns in one run and 7.76 ns
/// in the run before;</item>
/// <item>iterations of <see cref="IterationMs"/>: tens of millions of invocations each for a nanosecond call.</item>
/// </list>
/// A dry run stays a dry run: BenchmarkDotNet's ColdStart strategy (--job dry) runs no pilot and no warm-up stage,
/// and one invocation per iteration, so neither setting applies there.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class SteadyStateAttribute : Attribute, IConfigSource
{
    public const int WarmupIterations = 6;
    public const int IterationMs = 250;

    public IConfig Config { get; } = ManualConfig.CreateEmpty()
        .AddJob(Job.Default
            .WithWarmupCount(WarmupIterations)
            .WithIterationTime(TimeInterval.FromMilliseconds(IterationMs))
            .AsMutator());
}
