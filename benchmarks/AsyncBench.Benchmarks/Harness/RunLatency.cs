using System.Globalization;
using AsyncBench.Protocol.Latency;
using BenchmarkDotNet.Running;

namespace AsyncBench.Benchmarks.Harness;

/// <summary>
/// A benchmark class whose target waits per unit (the mock HTTP server, the Redis proxy, the serial devices): its
/// declared fixed wait, which the run's distribution (<c>--latency</c>) replaces in every case that waits.
/// </summary>
public interface IWaitsPerUnit
{
    /// <summary>The case's fixed wait per unit, its [Params] value; 0 = a case that measures the machinery without waiting.</summary>
    int LatencyMs { get; }
}

/// <summary>
/// The run's latency distribution and seed (<c>--latency</c>, <c>--seed</c>; Running.LatencyOptions reads them), which the
/// suite hands to its benchmark processes in two variables. Unset (the default), every case waits its fixed LatencyMs
/// exactly as before distributions existed: same fixture arguments, same benchmark ids, same pages. Set, the distribution
/// replaces the fixed wait of every case whose LatencyMs is above 0 (a LatencyMs=0 case measures the client's machinery
/// with no wait, and stays so), and becomes part of that case's identity (<see cref="IdentityOf"/>), so a tail case is
/// never compared with a fixed one.
/// </summary>
public static class RunLatency
{
    /// <summary>Set by the suite for its benchmark processes: the distribution's spec (an empirical one's file by its full path). Not a user setting.</summary>
    public const string Variable = "ASYNCBENCH_LATENCY";

    /// <summary>Set by the suite for its benchmark processes with <see cref="Variable"/>: the seed of every target's stream. Not a user setting.</summary>
    public const string SeedVariable = "ASYNCBENCH_LATENCY_SEED";

    /// <summary>The run's distribution; null when the run keeps each case's fixed LatencyMs.</summary>
    public static LatencyDistribution? Distribution =>
        SettingValues.Value(Variable) is { } spec ? LatencyDistribution.Parse(spec) : null;

    /// <summary>The run's seed: <see cref="LatencySampler.DefaultSeed"/> unless the suite was given one.</summary>
    public static int Seed =>
        SettingValues.Value(SeedVariable) is { } seed ? int.Parse(seed, NumberStyles.None, CultureInfo.InvariantCulture) : LatencySampler.DefaultSeed;

    /// <summary>
    /// What a case declared at <paramref name="latencyMs"/> waits instead of its fixed delay; null when it keeps that delay
    /// (no run distribution, a case that does not wait, or a distribution equal to the fixed delay, e.g. fixed:20ms at 20).
    /// </summary>
    public static LatencyDistribution? For(int latencyMs) => For(latencyMs, Distribution);

    /// <inheritdoc cref="For(int)"/>
    public static LatencyDistribution? For(int latencyMs, LatencyDistribution? distribution) =>
        distribution is null || latencyMs == 0 || distribution.Equals(LatencyDistribution.Fixed(latencyMs)) ? null : distribution;

    /// <summary>
    /// A unit's nominal wait for the case's declared floor and the quick profile's cut: the distribution's mean (what a
    /// loop pays per unit on average) where the run replaces the fixed delay, else the fixed delay. Under a tail it
    /// understates a fan-out's floor, which waits for the slowest of its draws.
    /// </summary>
    public static double UnitWaitMs(int latencyMs) => For(latencyMs)?.MeanMs ?? latencyMs;

    /// <summary>
    /// The distribution's canonical text where <paramref name="benchmark"/> waits one other than its fixed LatencyMs: what
    /// its identity gains (the declarations sidecar carries it); null for a case that keeps today's identity.
    /// </summary>
    public static string? IdentityOf(BenchmarkCase benchmark)
    {
        ArgumentNullException.ThrowIfNull(benchmark);
        if (!typeof(IWaitsPerUnit).IsAssignableFrom(benchmark.Descriptor.Type)
            || benchmark.Parameters.Items.FirstOrDefault(p => p.Name == nameof(IWaitsPerUnit.LatencyMs))?.Value is not int latencyMs)
        {
            return null;
        }

        return For(latencyMs)?.Canonical;
    }
}
