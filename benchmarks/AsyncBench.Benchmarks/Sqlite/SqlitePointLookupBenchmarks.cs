using AsyncBench.Benchmarks.Harness;
using BenchmarkDotNet.Attributes;
using AsyncBench.Benchmarks.Declarations;

namespace AsyncBench.Benchmarks.Sqlite;

/// <summary>Rule 1 for database access, light end: point lookups by indexed key, one pooled connection per unit.</summary>
[BenchmarkCategory(SqliteSettings.Category)]
[ClaimTarget("SQLite point lookups", Fixture = "a SQLite file", Family = "SQLite")]
// Claims are read at Count=100: the fan-out case.
[ClaimsFrom(typeof(IoTargetClaims), typeof(SqliteClaims), Setting = "Count=100")]
// Measured, night of 2026-12-01 (287 cases, five passes, 2-core VM): launches differ by 6.5 % to 11.3 % (median case, 80th percentile): 8 launches a side let the gate see 15 % below a 7 % spread.
[NightlyLaunches(8)]
public class SqlitePointLookupBenchmarks : StrategyBenchmarks
{
    [Params(
        1,     // One lookup: each strategy's machinery with nothing to overlap.
        100)]  // A fan-out past the thread pool's starting size on 2 cores: can parallel connections help?
    public override int Count { get; set; }

    protected override async Task<IWorkload> StartWorkloadAsync() =>
        await SqlitePointLookupWorkload.StartAsync().ConfigureAwait(false);
}
