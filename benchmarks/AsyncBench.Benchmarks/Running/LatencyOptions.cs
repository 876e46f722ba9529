using System.Globalization;
using AsyncBench.Benchmarks.Harness;
using AsyncBench.Protocol.Latency;

namespace AsyncBench.Benchmarks.Running;

/// <summary>
/// <c>--latency &lt;spec&gt;</c> and <c>--seed N</c>: the distribution every waiting target of the run draws its delays
/// from instead of each case's fixed LatencyMs (<see cref="RunLatency"/>), and the seed of their streams (the same seed
/// repeats the run's delays). Taken out before BenchmarkDotNet sees the rest, checked like every setting; the last of
/// each given wins, as with --profile.
/// </summary>
/// <param name="Distribution">The run's distribution.</param>
/// <param name="Seed">The seed of every target's stream: <see cref="LatencySampler.DefaultSeed"/> unless given.</param>
public sealed record LatencyOptions(LatencyDistribution Distribution, int Seed)
{
    public const string Option = "--latency";
    public const string SeedOption = "--seed";

    /// <summary>The line the run prints before it starts, so the seed of a run is always on record.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"== latency: {Distribution.Canonical} in every case that waits (LatencyMs above 0), seed {Seed} ({SeedOption} N repeats or varies the draws).");

    /// <summary>
    /// Takes <see cref="Option"/> and <see cref="SeedOption"/> out of <paramref name="args"/>, checked; <paramref name="latency"/>
    /// is null when no distribution is given (every case keeps its fixed LatencyMs). False with the error line on bad input.
    /// </summary>
    public static bool TryTake(string[] args, out LatencyOptions? latency, out string[] rest, out string error)
    {
        latency = null;
        error = string.Empty;
        var (specs, afterLatency) = SuiteOptions.Take(args, Option);
        var (seeds, others) = SuiteOptions.Take(afterLatency, SeedOption);
        rest = others;
        var seed = LatencySampler.DefaultSeed;
        if (seeds.Count > 0)
        {
            if (!int.TryParse(seeds[^1], NumberStyles.None, CultureInfo.InvariantCulture, out seed))
            {
                error = $"{SeedOption} takes a whole number from 0 to {int.MaxValue}" + (seeds[^1].Length > 0 ? $" (got '{seeds[^1]}')." : ".");
                return false;
            }

            if (specs.Count == 0)
            {
                error = $"{SeedOption} applies only with {Option} <distribution>: a fixed LatencyMs draws nothing. Add e.g. {Option} 'lognormal:median=20ms,p99=200ms', or drop {SeedOption}.";
                return false;
            }
        }

        if (specs.Count == 0)
        {
            return true;
        }

        if (!LatencyDistribution.TryParse(specs[^1], out var distribution, out var problem))
        {
            error = $"{Option}: {problem}";
            return false;
        }

        latency = new LatencyOptions(distribution, seed);
        return true;
    }

    /// <summary>Hands the setting to the benchmark processes (<see cref="RunLatency"/>); null clears it.</summary>
    public static void Export(LatencyOptions? latency)
    {
        Environment.SetEnvironmentVariable(RunLatency.Variable, latency?.Distribution.Spec);
        Environment.SetEnvironmentVariable(RunLatency.SeedVariable, latency?.Seed.ToString(CultureInfo.InvariantCulture));
    }
}
