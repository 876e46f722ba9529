using AsyncBench.Benchmarks.Harness;
using AsyncBench.Fixtures.Sqlite;
using Microsoft.Data.Sqlite;

namespace AsyncBench.Benchmarks.Sqlite;

/// <summary>
/// What the SQLite workloads share: the database they own, and one rule for lock errors: a unit
/// that waited out the busy timeout fails with an error naming the database, never silently.
/// </summary>
public abstract class SqliteWorkload<TResult> : Workload<TResult>
{
    protected SqliteWorkload(SqliteDatabase database) => Database = database;

    public SqliteDatabase Database { get; }

    protected override async ValueTask DisposeWorkloadAsync() => await Database.DisposeAsync().ConfigureAwait(false);

    protected sealed override TResult Execute(int unit)
    {
        try
        {
            return Query(unit);
        }
        catch (SqliteException ex) when (SqliteDatabase.IsLockError(ex))
        {
            throw Database.LockedError(ex);
        }
    }

    protected sealed override async ValueTask<TResult> ExecuteAsync(int unit, CancellationToken cancellationToken)
    {
        try
        {
            return await QueryAsync(unit, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex) when (SqliteDatabase.IsLockError(ex))
        {
            throw Database.LockedError(ex);
        }
    }

    /// <summary>The unit with blocking ADO.NET calls (Open, ExecuteReader, Read).</summary>
    protected abstract TResult Query(int unit);

    /// <summary>The unit with the async ADO.NET calls (OpenAsync, ExecuteReaderAsync, ReadAsync).</summary>
    protected abstract ValueTask<TResult> QueryAsync(int unit, CancellationToken cancellationToken);
}
