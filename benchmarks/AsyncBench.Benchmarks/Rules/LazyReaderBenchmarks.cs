using System.Data;
using AsyncBench.Benchmarks.Declarations;
using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Observing;
using AsyncBench.Fixtures.Sqlite;
using AsyncBench.Protocol;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;

namespace AsyncBench.Benchmarks.Rules;

/// <summary>
/// Rule 10: a synchronous ORM must not hand lazy query objects out of async code. Count reads of
/// <see cref="RowsPerRead"/> rows, each by an async method that opens its own connection, queries with the async
/// ADO.NET calls and returns either a list it filled while the connection was open (the baseline) or a deferred
/// <see cref="IEnumerable{T}"/> over the still-unread reader, which escapes the method that disposes its connection.
/// The caller then sums the values. A read that fails because its connection has closed is counted (the
/// LazyReadFailures metric), not thrown, so the run survives to report it; a read that succeeds must return the
/// seeded sum, or the batch fails. LazyReaderTests shows the same failure as a test.
/// </summary>
[BenchmarkCategory(RuleCategories.Rules, RuleCategories.LazyReader)]
[ClaimTarget("SQLite reads returned from async methods", Fixture = "a SQLite file", Name = "lazy SQLite readers")]
// At least every other read failing is the failure the post warns of; a lazy reader that worked would be under it.
[Claim(10, "lazy-reader-fails-after-its-connection", nameof(LazyReader), RuleMetricIds.LazyReaderFailures, Setting = "Count=10", PerUnit = true, Deciding = true,
    Question = "Does a lazy reader handed out of the async method that owned its connection fail when read?",
    Thresholds = [0.5], Answers = [Answer.No, Answer.Yes],
    Mechanism = [RuleMetricIds.LazyReaderFailures])]
// The post's fix: materialize first. It holds while the materialized list never fails.
[Claim(10, "materialized-list-survives", nameof(MaterializedList), RuleMetricIds.LazyReaderFailures, Setting = "Count=10", PerUnit = true,
    Question = "Does a list materialized while the connection was open survive the connection?",
    Thresholds = [0.5], Answers = [Answer.Yes, Answer.No],
    Mechanism = [RuleMetricIds.LazyReaderFailures])]
public class LazyReaderBenchmarks
{
    /// <summary>Rows per read: a page of results, small enough that a batch is about a millisecond.</summary>
    public const int RowsPerRead = 50;

    private const string Sql = "SELECT value FROM items WHERE id >= $first AND id < $end ORDER BY id";

    private readonly CountedEvents failures = new(RuleMetricIds.LazyReaderFailures);
    private SqliteDatabase? database;

    [Params(
        10)] // Reads per batch: each a fresh pooled connection; a per-read share exact to 10 %.
    public int Count { get; set; }

    /// <summary>Reads that failed (counted, not thrown) since the last iteration.</summary>
    public CountedEvents Failures => failures;

    private SqliteDatabase Database => database ?? throw new InvalidOperationException("GlobalSetup has not run.");

    [GlobalSetup]
    public async Task GlobalSetupAsync()
    {
        database = await SqliteDatabase.StartAsync(new SqliteDatabaseOptions { Rows = 1_000 }).ConfigureAwait(false);
        CaseObserver.Watch(failures);
    }

    [GlobalCleanup]
    public async Task GlobalCleanupAsync()
    {
        CaseObserver.Unwatch(failures);
        if (database is not null)
        {
            await database.DisposeAsync().ConfigureAwait(false);
            database = null;
        }
    }

    [Benchmark(Baseline = true)]
    [Concurrency(1)]
    [InWords("lists filled while the connection was open")]
    public async Task MaterializedList()
    {
        for (var unit = 0; unit < Count; unit++)
        {
            Consume(await ValuesMaterializedAsync(Database, unit).ConfigureAwait(false), unit);
        }
    }

    [Benchmark]
    [Concurrency(1)]
    [InWords("lazy readers handed out of the async method")]
    public async Task LazyReader()
    {
        for (var unit = 0; unit < Count; unit++)
        {
            Consume(await ValuesDeferredAsync(Database, unit).ConfigureAwait(false), unit);
        }
    }

    /// <summary>The first id read by <paramref name="unit"/>.</summary>
    public static long FirstIdOf(int unit) => 1 + (unit * RowsPerRead % (1_000 - RowsPerRead));

    /// <summary>The fix: read every row into a list while the connection is open.</summary>
    public static async Task<IEnumerable<long>> ValuesMaterializedAsync(SqliteDatabase database, int unit)
    {
        ArgumentNullException.ThrowIfNull(database);
        var connection = await database.OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = CreateCommand(connection, unit);
            var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var values = new List<long>(RowsPerRead);
                while (await reader.ReadAsync().ConfigureAwait(false))
                {
                    values.Add(reader.GetInt64(0));
                }

                return values;
            }
        }
    }

    /// <summary>The mistake: the reader, unread, escapes the method whose <c>await using</c> closes its connection.</summary>
    public static async Task<IEnumerable<long>> ValuesDeferredAsync(SqliteDatabase database, int unit)
    {
        ArgumentNullException.ThrowIfNull(database);
        var connection = await database.OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = CreateCommand(connection, unit);
            var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            return reader.Cast<IDataRecord>().Select(record => record.GetInt64(0));
        }
    }

    /// <summary>Sums the values; a read that fails because its connection closed is counted, a wrong sum throws.</summary>
    private void Consume(IEnumerable<long> values, int unit)
    {
        long sum;
        try
        {
            sum = values.Sum();
        }
        catch (InvalidOperationException)
        {
            failures.Add();
            return;
        }

        var expected = Database.SumOfValues(FirstIdOf(unit), RowsPerRead);
        if (sum != expected)
        {
            throw new WorkloadCheckException($"Read {unit} summed to {sum}; the seeded rows sum to {expected}.");
        }
    }

    private static SqliteCommand CreateCommand(SqliteConnection connection, int unit)
    {
        var command = connection.CreateCommand();
        command.CommandText = Sql;
        var first = FirstIdOf(unit);
        command.Parameters.AddWithValue("$first", first);
        command.Parameters.AddWithValue("$end", first + RowsPerRead);
        return command;
    }
}
