using AsyncBench.Benchmarks.Files;
using AsyncBench.Benchmarks.Sqlite;
using AsyncBench.Fixtures;
using AsyncBench.Fixtures.Files;
using AsyncBench.Fixtures.Sqlite;
using Microsoft.Data.Sqlite;

namespace AsyncBench.Tests.Files;

/// <summary>
/// ASYNCBENCH_SQLITE_DIR / ASYNCBENCH_FILES_DIR put the fixtures' folders on a chosen disk; the
/// fixtures still create and remove a folder of their own there, also after a benchmark threw. The variables are
/// process-wide (every fixture started meanwhile would read them), so these tests run alone.
/// </summary>
[Collection(ProcessWideStateCollection.Name)]
public sealed class TempFolderEnvironmentTests : IDisposable
{
    private readonly string chosen = Directory.CreateTempSubdirectory("asyncbench-chosen-").FullName;

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(SqliteDatabase.DirectoryVariable, null);
        Environment.SetEnvironmentVariable(TempFileSet.DirectoryVariable, null);
        Directory.Delete(chosen, recursive: true);
    }

    [Fact]
    public async Task SqliteDatabase_Should_LiveInTheChosenFolder_AndLeaveItEmpty()
    {
        Environment.SetEnvironmentVariable(SqliteDatabase.DirectoryVariable, chosen);

        var database = await SqliteDatabase.StartAsync(new SqliteDatabaseOptions { Rows = 100 });
        Assert.Equal(chosen, Path.GetDirectoryName(database.Folder));
        Assert.True(File.Exists(database.FilePath));
        await database.DisposeAsync();

        Assert.True(Directory.Exists(chosen));
        Assert.Empty(Directory.EnumerateFileSystemEntries(chosen));
    }

    [Fact]
    public async Task TempFileSet_Should_LiveInTheChosenFolder_AndLeaveItEmpty()
    {
        Environment.SetEnvironmentVariable(TempFileSet.DirectoryVariable, chosen);

        var files = await TempFileSet.StartAsync(3, 100);
        Assert.Equal(chosen, Path.GetDirectoryName(files.Folder));
        Assert.Equal(3, Directory.GetFiles(files.Folder).Length);
        await files.DisposeAsync();

        Assert.Empty(Directory.EnumerateFileSystemEntries(chosen));
    }

    [Fact]
    public async Task Start_Should_FailNamingTheVariable_WhenItPointsNowhere()
    {
        var nowhere = Path.Combine(chosen, "no-such-folder");
        Environment.SetEnvironmentVariable(SqliteDatabase.DirectoryVariable, nowhere);
        Environment.SetEnvironmentVariable(TempFileSet.DirectoryVariable, nowhere);

        var sqlite = await Assert.ThrowsAsync<FixtureStartException>(() => SqliteDatabase.StartAsync());
        var files = await Assert.ThrowsAsync<FixtureStartException>(() => TempFileSet.StartAsync(1, 100));

        Assert.Contains(SqliteDatabase.DirectoryVariable, sqlite.Message, StringComparison.Ordinal);
        Assert.Contains(nowhere, sqlite.Message, StringComparison.Ordinal);
        Assert.Contains(TempFileSet.DirectoryVariable, files.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SqliteBenchmark_Should_LeaveNoFolder_WhenItsBenchmarkThrew()
    {
        Environment.SetEnvironmentVariable(SqliteDatabase.DirectoryVariable, chosen);
        var benchmark = new SqlitePointLookupBenchmarks { Count = 10 };
        await benchmark.GlobalSetupAsync();
        var folder = Assert.Single(Directory.GetDirectories(chosen));
        DeleteAllItems(Path.Combine(folder, "asyncbench.db"));

        await Assert.ThrowsAnyAsync<Exception>(benchmark.WhenAll);
        Assert.ThrowsAny<Exception>(benchmark.Serial);
        await benchmark.GlobalCleanupAsync();

        Assert.Empty(Directory.EnumerateFileSystemEntries(chosen));
    }

    [Fact]
    public async Task FileBenchmark_Should_LeaveNoFolder_WhenItsBenchmarkThrew()
    {
        Environment.SetEnvironmentVariable(TempFileSet.DirectoryVariable, chosen);
        var benchmark = new FileReadBenchmarks { Count = 10, SizeBytes = 4096, Api = FileReadApi.RandomAccess };
        await benchmark.GlobalSetupAsync();
        var folder = Assert.Single(Directory.GetDirectories(chosen));
        File.WriteAllBytes(Directory.GetFiles(folder)[0], new byte[4096]);

        await Assert.ThrowsAnyAsync<Exception>(benchmark.WhenAll);
        await benchmark.GlobalCleanupAsync();

        Assert.Empty(Directory.EnumerateFileSystemEntries(chosen));
    }

    private static void DeleteAllItems(string databaseFile)
    {
        using var connection = new SqliteConnection($"Data Source={databaseFile};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM items";
        command.ExecuteNonQuery();
    }
}
