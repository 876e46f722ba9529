using AsyncBench.Benchmarks.Declarations;
using AsyncBench.Benchmarks.Harness;
using BenchmarkDotNet.Attributes;

namespace AsyncBench.Benchmarks.Sqlite;

/// <summary>
/// The point lookup on one shared connection, taken in turn (a SqliteConnection is not thread-safe):
/// how the strategies behave when the resource is inherently serial. Compare with
/// <see cref="SqlitePointLookupBenchmarks"/> at the same Count.
/// </summary>
[BenchmarkCategory(SqliteSettings.Category)]
[QuickSetting("Count=100")] // No claim reads it: the quick run measures its one setting, beside the point lookups' claims at Count=100.
public class SqliteSharedConnectionBenchmarks : StrategyBenchmarks
{
    [Params(
        100)] // The same fan-out as SqlitePointLookupBenchmarks' larger case, for a side-by-side reading.
    public override int Count { get; set; }

    protected override async Task<IWorkload> StartWorkloadAsync() =>
        await SqliteSharedConnectionWorkload.StartAsync().ConfigureAwait(false);
}
