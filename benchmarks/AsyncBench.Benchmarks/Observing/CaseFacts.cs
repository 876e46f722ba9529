using System.Globalization;
using System.Reflection;
using AsyncBench.Benchmarks.Harness;
using AsyncBench.Protocol;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;

namespace AsyncBench.Benchmarks.Observing;

/// <summary>
/// A case's declared facts, read in the host process from the benchmark's own declarations: its strategy's
/// concurrency (<see cref="ConcurrencyAttribute"/>) and its workload's floor (<see cref="IDeclaresFloor"/>).
/// The Concurrency and FloorNs metrics, the quick profile's cut and the real-target filter all come from here.
/// </summary>
public static class CaseFacts
{
    public const string CountParameter = "Count";

    /// <summary>A case whose median is within this factor of its floor was bound by the wait.</summary>
    public const double WaitBoundFactor = 1.5;

    /// <summary>A case not bound by the wait whose server used at least this share of a core over the median was bound by the server's CPU.</summary>
    public const double ServerBusyShare = 0.5;

    /// <summary>Units in flight at most, or null where the method declares none.</summary>
    public static int? Concurrency(BenchmarkCase benchmark)
    {
        var declared = benchmark.Descriptor.WorkloadMethod.GetCustomAttribute<ConcurrencyAttribute>(inherit: true);
        if (declared is null)
        {
            return null;
        }

        if (declared.Parameter is null)
        {
            return declared.Units;
        }

        var value = ValueOf(benchmark, declared.Parameter) is { } v ? Convert.ToInt32(v, CultureInfo.InvariantCulture) : (int?)null;
        // -1 is Parallel.ForEachAsync's "default", which is the processor count.
        return value == -1 ? Environment.ProcessorCount : value;
    }

    /// <summary>The class's floor declaration with this case's parameters set, or null if it declares none.</summary>
    public static IDeclaresFloor? FloorSource(BenchmarkCase benchmark)
    {
        var type = benchmark.Descriptor.Type;
        if (!typeof(IDeclaresFloor).IsAssignableFrom(type) || type.IsAbstract)
        {
            return null;
        }

        // Constructors of benchmark classes do nothing (setup is [GlobalSetup]'s), so an instance is only its parameters.
        var instance = (IDeclaresFloor)Activator.CreateInstance(type)!;
        foreach (var parameter in benchmark.Parameters.Items.Where(p => !p.IsArgument))
        {
            type.GetProperty(parameter.Name)?.SetValue(instance, parameter.Value);
        }

        return instance;
    }

    /// <summary>The environment variable naming the real target <paramref name="type"/> uses instead of its fixture, or null (see <see cref="IDeclaresFloor.RealTargetVariable"/>).</summary>
    public static string? RealTargetVariable(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return typeof(IDeclaresFloor).IsAssignableFrom(type) && !type.IsAbstract ? ((IDeclaresFloor)Activator.CreateInstance(type)!).RealTargetVariable : null;
    }

    /// <summary>
    /// The case's schedule: its Count and the units it keeps in flight at most, min(concurrency, the target's own bound);
    /// null where the class declares no floor, the method no concurrency, or there is no Count.
    /// </summary>
    public static FloorSchedule? Schedule(BenchmarkCase benchmark, double? measuredTargetLatencyMs)
    {
        if (FloorSource(benchmark) is not { } source || Concurrency(benchmark) is not { } concurrency || concurrency <= 0
            || ValueOf(benchmark, CountParameter) is not { } countValue)
        {
            return null;
        }

        var floor = source.Floor(measuredTargetLatencyMs);
        return new FloorSchedule(Convert.ToInt32(countValue, CultureInfo.InvariantCulture), Math.Min(concurrency, floor.TargetBound ?? int.MaxValue), floor.UnitWaitMs);
    }

    /// <summary>
    /// What the case's benchmark process is told before it starts, where a run distribution replaces the case's fixed wait
    /// (<see cref="RunLatency.IdentityOf"/>): a strategy benchmark's units per invocation (its Count: the harness runs Count
    /// units an invocation), for the batch times, and the floor's schedule, for the applied floor
    /// (<see cref="ObservedMetricsDiagnoser.FloorNs"/>). Null elsewhere, so a default run's timed code and values stay as they
    /// were: batch timing adds a few interlocked operations per unit, to be turned on everywhere only once an A/A run on a quiet
    /// machine shows it moves nothing.
    /// </summary>
    public static CaseSchedule? ScheduleToHandOver(BenchmarkCase benchmark)
    {
        ArgumentNullException.ThrowIfNull(benchmark);
        if (!typeof(StrategyBenchmarks).IsAssignableFrom(benchmark.Descriptor.Type) || ValueOf(benchmark, CountParameter) is not { } count
            || RunLatency.IdentityOf(benchmark) is null)
        {
            return null;
        }

        return new CaseSchedule(Convert.ToInt32(count, CultureInfo.InvariantCulture), Schedule(benchmark, null));
    }

    /// <summary>
    /// The declared floor of one invocation in ms: unit wait × ⌈Count ÷ min(concurrency, target bound)⌉; null where
    /// the class declares no floor, the method no concurrency, or there is no Count. Under a run distribution the unit
    /// wait is its mean, which understates a fan-out's floor: there the suite uses the applied floor instead
    /// (<see cref="ObservedMetricsDiagnoser.FloorNs"/>).
    /// </summary>
    public static double? FloorMs(BenchmarkCase benchmark, double? measuredTargetLatencyMs) =>
        Schedule(benchmark, measuredTargetLatencyMs) is { } schedule
            ? schedule.UnitWaitMs * ((schedule.Count + (long)schedule.Lanes - 1) / schedule.Lanes)
            : null;

    /// <summary>What bound a case: see <see cref="Http.HttpMetricIds.Bound"/> and the factors above.</summary>
    public static int Bound(double medianNs, double? floorNs, double serverCpuMsPerInvocation)
    {
        if (floorNs is > 0 && medianNs <= floorNs * WaitBoundFactor)
        {
            return MetricIds.BoundByWait;
        }

        return serverCpuMsPerInvocation * 1e6 >= ServerBusyShare * medianNs ? MetricIds.BoundByServerCpu : MetricIds.BoundByClient;
    }

    /// <summary>
    /// False for a case that varies a <see cref="FixtureOnlyAttribute"/> parameter while its class targets a real
    /// server or port: only the parameter's first declared value runs there.
    /// </summary>
    public static bool VariesOnlyWhatApplies(BenchmarkCase benchmark)
    {
        if (FloorSource(benchmark) is not { RealTargetVariable: not null })
        {
            return true;
        }

        foreach (var parameter in benchmark.Parameters.Items.Where(p => !p.IsArgument))
        {
            var property = benchmark.Descriptor.Type.GetProperty(parameter.Name);
            if (property?.GetCustomAttribute<FixtureOnlyAttribute>() is not null
                && property.GetCustomAttribute<ParamsAttribute>() is { Values: [var first, ..] }
                && !Equals(first, parameter.Value))
            {
                return false;
            }
        }

        return true;
    }

    public static object? ValueOf(BenchmarkCase benchmark, string name) =>
        benchmark.Parameters.Items.FirstOrDefault(p => p.Name == name)?.Value;
}

/// <summary>A case's schedule, as its floors need it.</summary>
/// <param name="Count">Units in one invocation.</param>
/// <param name="Lanes">Units in flight at most: min(the strategy's concurrency, the target's own bound).</param>
/// <param name="UnitWaitMs">The declared wait of one unit (a run distribution's mean), for the declared floor.</param>
public sealed record FloorSchedule(int Count, int Lanes, double UnitWaitMs);
