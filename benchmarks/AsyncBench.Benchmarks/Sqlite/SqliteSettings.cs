using AsyncBench.Benchmarks.Harness;
using AsyncBench.Fixtures.Sqlite;

namespace AsyncBench.Benchmarks.Sqlite;

/// <summary>The SQLite workloads' setting (where their database files go) and their category.</summary>
public sealed class SqliteSettings : IChecksSettings
{
    /// <summary>The category of every SQLite class (inserts, point lookups, range scans, the shared connection), for <c>--anyCategories</c>.</summary>
    public const string Category = "Sqlite";

    public IReadOnlyList<string> Variables { get; } = [SqliteDatabase.DirectoryVariable];

    public string? Check() => SettingValues.CheckWritableFolder(SqliteDatabase.DirectoryVariable);
}
