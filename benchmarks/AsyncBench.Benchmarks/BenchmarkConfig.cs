using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using AsyncBench.Benchmarks.Harness;
using BenchmarkDotNet.Exporters.Json;

namespace AsyncBench.Benchmarks;

/// <summary>The suite's one config, applied to every benchmark class.</summary>
public static class BenchmarkConfig
{
    /// <param name="profile">quick, nightly or full: see <see cref="Profiles"/>.</param>
    /// <param name="withProfileJob">
    /// False when the command line names its own --job: BenchmarkDotNet would otherwise run both
    /// (or, for a job marked default, ignore the command line's).
    /// </param>
    public static IConfig Create(string profile, bool withProfileJob = true)
    {
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .AddDiagnoser(MemoryDiagnoser.Default)     // Allocated bytes: what each strategy costs the GC.
            .AddDiagnoser(ThreadingDiagnoser.Default)  // Completed work items and lock contentions: the pool's share of the work.
            .AddColumn(StatisticColumn.Median, StatisticColumn.Min, StatisticColumn.Max) // I/O timings skew; the median and range say more than the mean.
            .AddExporter(JsonExporter.Full)            // Raw measurements, the input of scripts/AsyncBench.Publish.
            .WithOrderer(new BaselineGroupingOrderer()); // Ratio for ParallelForEachAsync too: see the class.
        if (withProfileJob)
        {
            config.AddJob(Profiles.JobFor(profile));
        }

        // The nightly profile keeps quick's cut: a case that waits seconds per invocation by design,
        // five processes over, would take a third of the hour to re-measure a number known in advance.
        return profile is Profiles.Quick or Profiles.Nightly ? config.AddFilter(Profiles.QuickFilter) : config;
    }
}
