using AsyncBench.Fixtures.Sqlite;
using AsyncBench.Protocol;
using Microsoft.Data.Sqlite;

namespace AsyncBench.Benchmarks.Sqlite;

/// <summary>
/// The point lookup of <see cref="SqlitePointLookupWorkload"/>, but every unit uses one shared,
/// already open connection. A <see cref="SqliteConnection"/> (and its commands and readers) is not
/// thread-safe, so "shared" here means shared in turn: a <see cref="SemaphoreSlim"/> admits one unit
/// at a time (Wait in the blocking form, WaitAsync in the async form). This is how the strategies
/// behave when the resource itself is serial.
/// </summary>
public sealed class SqliteSharedConnectionWorkload : SqliteWorkload<ItemRow>
{
    private readonly SqliteConnection connection;
    private readonly SemaphoreSlim turn = new(1, 1);
    private readonly PeakGauge holders = new();

    private SqliteSharedConnectionWorkload(SqliteDatabase database, SqliteConnection connection)
        : base(database) => this.connection = connection;

    /// <summary>Most units seen using the connection at once: 1 unless the turn-taking is broken.</summary>
    public int PeakHolders => holders.Peak;

    public static async Task<SqliteSharedConnectionWorkload> StartAsync(SqliteDatabaseOptions? options = null, CancellationToken cancellationToken = default)
    {
        var database = await SqliteDatabase.StartAsync(options, cancellationToken).ConfigureAwait(false);
        try
        {
            return new(database, await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    protected override async ValueTask DisposeWorkloadAsync()
    {
        await connection.DisposeAsync().ConfigureAwait(false);
        turn.Dispose();
        await base.DisposeWorkloadAsync().ConfigureAwait(false);
    }

    protected override ItemRow Query(int unit)
    {
        var key = Database.KeyOf(ItemRow.IdFor(Database, unit));
        turn.Wait();
        try
        {
            holders.Enter();
            try
            {
                return SqlitePointLookupWorkload.Lookup(connection, key);
            }
            finally
            {
                holders.Exit();
            }
        }
        finally
        {
            turn.Release();
        }
    }

    protected override async ValueTask<ItemRow> QueryAsync(int unit, CancellationToken cancellationToken)
    {
        var key = Database.KeyOf(ItemRow.IdFor(Database, unit));
        await turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            holders.Enter();
            try
            {
                return await SqlitePointLookupWorkload.LookupAsync(connection, key, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                holders.Exit();
            }
        }
        finally
        {
            turn.Release();
        }
    }

    protected override void Check(int unit, ItemRow result) => result.CheckAgainst(Database, ItemRow.IdFor(Database, unit));
}
