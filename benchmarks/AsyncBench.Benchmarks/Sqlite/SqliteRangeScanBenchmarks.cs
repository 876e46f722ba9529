using AsyncBench.Benchmarks.Harness;
using BenchmarkDotNet.Attributes;
using AsyncBench.Benchmarks.Declarations;

namespace AsyncBench.Benchmarks.Sqlite;

/// <summary>
/// Rule 1 and rule 10 for database access, heavy end: each unit reads 20,000 rows (milliseconds).
/// WhenAll against SerialAwait answers whether Microsoft.Data.Sqlite's async methods let units overlap.
/// </summary>
[BenchmarkCategory(SqliteSettings.Category)]
[ClaimTarget("SQLite range scans of 20,000 rows", Fixture = "a SQLite file", Name = "SQLite range scans", Family = "SQLite")]
// Claims are read at Count=10: its only setting.
[ClaimsFrom(typeof(IoTargetClaims), typeof(SqliteClaims), Setting = "Count=10")]
public class SqliteRangeScanBenchmarks : StrategyBenchmarks
{
    [Params(
        10)] // Five units per core on 2 cores: room to overlap if anything can, a short batch if nothing does.
    public override int Count { get; set; }

    protected override async Task<IWorkload> StartWorkloadAsync() =>
        await SqliteRangeScanWorkload.StartAsync().ConfigureAwait(false);
}
