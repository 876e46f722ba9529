using AsyncBench.Benchmarks.Harness;
using AsyncBench.Fixtures.Sqlite;

namespace AsyncBench.Benchmarks.Sqlite;

/// <summary>The SQLite workloads' setting: where their database files go.</summary>
public sealed class SqliteSettings : IChecksSettings
{
    public IReadOnlyList<string> Variables { get; } = [SqliteDatabase.DirectoryVariable];

    public string? Check() => SettingValues.CheckWritableFolder(SqliteDatabase.DirectoryVariable);
}
