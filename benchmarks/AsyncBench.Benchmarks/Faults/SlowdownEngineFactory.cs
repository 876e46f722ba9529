using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Engines;

namespace AsyncBench.Benchmarks.Faults;

/// <summary>
/// BenchmarkDotNet's own engine, with the timed calls of the benchmarks that <see cref="InjectedSlowdown"/> names
/// made slower. How it gets there: the job's <c>EngineFactory</c> characteristic (set only when the setting is on,
/// <see cref="Running.BenchmarkConfig"/>) is written into the generated benchmark program as
/// <c>new AsyncBench.Benchmarks.Faults.SlowdownEngineFactory().CreateReadyToRun(engineParameters)</c>
/// (BenchmarkDotNet 0.15.8, Templates/BenchmarkType.txt and Code/CodeGenerator.GetEngineFactoryTypeName), so it
/// runs in the benchmark process, which inherits <see cref="InjectedSlowdown.Variable"/>, and sees the case's full
/// name in <see cref="EngineParameters.BenchmarkName"/>. It wraps <see cref="EngineParameters.WorkloadActionUnroll"/>
/// and <see cref="EngineParameters.WorkloadActionNoUnroll"/>: the delegates the engine times with its clock, one
/// call per iteration (jitting, pilot, warm-up and measured iterations alike). Benchmarks the setting does not name
/// get the engine untouched.
/// <para>
/// How much slower: each call first runs the benchmark's own invocations, then spins for the given fraction of the
/// time they took, inside the timed region. So every iteration takes (1 + fraction) × what it took, whatever the
/// case's size or its noise in that iteration: the shift a real regression of the benchmark's code by that fraction
/// makes, with the run's own noise on top, as a gate meets it. A constant calibrated from warm-up would be a fixed
/// offset instead: too large when the warm-up ran slow, too small when it ran fast. Spinning (not sleeping) keeps
/// the added time exact at microseconds and adds it as CPU time, as slower code would; it allocates nothing, so
/// the memory columns do not change.
/// </para>
/// </summary>
public sealed class SlowdownEngineFactory : IEngineFactory
{
    public IEngine CreateReadyToRun(EngineParameters engineParameters)
    {
        ArgumentNullException.ThrowIfNull(engineParameters);
        if (InjectedSlowdown.FromEnvironment().PercentFor(engineParameters.BenchmarkName) is { } percent)
        {
            var fraction = percent / 100;
            engineParameters.WorkloadActionUnroll = Slowed(engineParameters.WorkloadActionUnroll, fraction);
            engineParameters.WorkloadActionNoUnroll = Slowed(engineParameters.WorkloadActionNoUnroll, fraction);
            engineParameters.Host.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"// AsyncBench: {InjectedSlowdown.Variable} makes every timed call of this benchmark {percent} % slower (fault injection)."));
        }

        return new EngineFactory().CreateReadyToRun(engineParameters);
    }

    /// <summary><paramref name="action"/>, followed by a spin of <paramref name="fraction"/> × the time the action took.</summary>
    public static Action<long> Slowed(Action<long> action, double fraction)
    {
        ArgumentNullException.ThrowIfNull(action);
        return invokeCount =>
        {
            var started = Stopwatch.GetTimestamp();
            action(invokeCount);
            var ended = Stopwatch.GetTimestamp();
            var until = ended + (long)((ended - started) * fraction);
            while (Stopwatch.GetTimestamp() < until)
            {
                // Spin: the added time is CPU work, as slower code would be.
            }
        };
    }

    /// <summary>How BenchmarkDotNet prints the job's characteristic.</summary>
    public override string ToString() => nameof(InjectedSlowdown);
}
