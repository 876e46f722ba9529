using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Sqlite;
using AsyncBench.Fixtures.Sqlite;

namespace AsyncBench.Tests.Sqlite;

/// <summary>Every SQLite workload under every strategy, against a real database file: right results, nothing lost.</summary>
public sealed class SqliteStrategyTests
{
    /// <summary>Smaller than the benchmarks' table to keep seeding quick; still larger than one range scan.</summary>
    private static readonly SqliteDatabaseOptions SmallDatabase = new() { Rows = 25_000 };

    /// <summary>
    /// SQLite's busy handler is not fair: on a loaded machine one of 1000 writers may wait long for
    /// its turn. These tests check that nothing is lost, not how fast, so the wait may be long.
    /// </summary>
    private static readonly SqliteDatabaseOptions PatientWriters = SmallDatabase with { BusyTimeoutSeconds = 300 };

    public static TheoryData<string> StrategyNames => new(StrategyRunner.Names);

    [Theory]
    [MemberData(nameof(StrategyNames))]
    public async Task PointLookup_Should_CheckEveryRow(string strategy)
    {
        await using var workload = await SqlitePointLookupWorkload.StartAsync(SmallDatabase);

        var checkedUnits = await StrategyRunner.RunAsync(strategy, workload, 50);

        Assert.Equal(Enumerable.Range(0, 50), checkedUnits);
    }

    [Theory]
    [MemberData(nameof(StrategyNames))]
    public async Task RangeScan_Should_CheckEveryScan(string strategy)
    {
        await using var workload = await SqliteRangeScanWorkload.StartAsync(SmallDatabase);

        var checkedUnits = await StrategyRunner.RunAsync(strategy, workload, 6);

        Assert.Equal(Enumerable.Range(0, 6), checkedUnits);
    }

    [Theory]
    [MemberData(nameof(StrategyNames))]
    public async Task Insert_Should_CommitExactlyOneRowPerUnit(string strategy)
    {
        const int count = 40;
        await using var workload = await SqliteInsertWorkload.StartAsync(count, SmallDatabase);

        var checkedUnits = await StrategyRunner.RunAsync(strategy, workload, count);

        Assert.Equal(Enumerable.Range(0, count), checkedUnits);
        Assert.Equal(count, workload.VerifyAndReset());
        Assert.Equal(0, workload.VerifyAndReset()); // the reset emptied the table
    }

    [Fact]
    public async Task Insert_Should_LoseNothing_UnderWhenAll_AtCount1000()
    {
        const int count = 1000;
        await using var workload = await SqliteInsertWorkload.StartAsync(count, PatientWriters);

        await Strategies.WhenAllAsync(workload, count);
        await Strategies.WhenAllAsync(workload, count);

        Assert.Equal(2 * count, workload.VerifyAndReset());
    }

    // Slow by design: 1000 threads take SQLite's one write lock in turn, through its unfair busy handler.
    [Fact]
    public async Task Insert_Should_LoseNothing_UnderThreadPerRequest_AtCount1000()
    {
        // 1000 threads contend for SQLite's one write lock: each must wait its turn, none may be dropped.
        const int count = 1000;
        await using var workload = await SqliteInsertWorkload.StartAsync(count, PatientWriters);

        await Task.Run(() => Strategies.ThreadPerRequest(workload, count));

        Assert.Equal(count, workload.VerifyAndReset());
    }

    [Theory]
    [MemberData(nameof(StrategyNames))]
    public async Task SharedConnection_Should_BeUsedByOneUnitAtATime(string strategy)
    {
        await using var workload = await SqliteSharedConnectionWorkload.StartAsync(SmallDatabase);

        var checkedUnits = await StrategyRunner.RunAsync(strategy, workload, 100);

        Assert.Equal(Enumerable.Range(0, 100), checkedUnits);
        Assert.Equal(1, workload.PeakHolders);
    }
}
