using AsyncBench.Benchmarks.Harness;
using BenchmarkDotNet.Attributes;
using AsyncBench.Benchmarks.Declarations;

namespace AsyncBench.Benchmarks.Sqlite;

/// <summary>
/// Rule 1 for database writes: one row per unit, each in its own transaction. SQLite has one writer
/// at a time, so concurrent units queue on the write lock. After every batch the table is checked
/// for exactly the committed rows and emptied: [IterationCleanup] makes BenchmarkDotNet run one
/// batch per iteration, so the check and the reset are not timed and no batch sees another's rows.
/// </summary>
[BenchmarkCategory(SqliteSettings.Category)]
[ClaimTarget("SQLite inserts, one transaction each", Fixture = "a SQLite file", Name = "SQLite inserts", Family = "SQLite")]
// Claims are read at Count=100: its only setting.
[ClaimsFrom(typeof(IoTargetClaims), typeof(SqliteClaims), Setting = "Count=100")]
public class SqliteInsertBenchmarks : StrategyBenchmarks
{
    private SqliteInsertWorkload? insert;

    [Params(
        100)] // Enough writers to queue on SQLite's single write lock; a batch stays far below a second.
    public override int Count { get; set; }

    [IterationCleanup]
    public void VerifyAndReset() => (insert ?? throw new InvalidOperationException("GlobalSetup has not run.")).VerifyAndReset();

    protected override async Task<IWorkload> StartWorkloadAsync() =>
        insert = await SqliteInsertWorkload.StartAsync(Count).ConfigureAwait(false);

    protected override Task AfterWarmUpAsync()
    {
        VerifyAndReset();
        return Task.CompletedTask;
    }
}
