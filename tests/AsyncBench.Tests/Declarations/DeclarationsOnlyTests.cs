using System.Text.Json;
using AsyncBench.Benchmarks.Declarations;
using AsyncBench.Protocol;

namespace AsyncBench.Tests.Declarations;

/// <summary>--export-declarations: every class's sidecar, as a run would write it, into a new folder; nothing run, nothing overwritten.</summary>
public sealed class DeclarationsOnlyTests
{
    [Fact]
    public void TryRun_Should_LeaveOtherCommandLines_ToTheSuite()
    {
        Assert.Null(DeclarationsOnly.TryRun(["--filter", "*Http*"]));
    }

    [Fact]
    public void TryRun_Should_WriteEveryClasssSidecar_InTheCurrentFormat_WithItsClaims()
    {
        var folder = Path.Combine(Path.GetTempPath(), "asyncbench-declarations-" + Guid.NewGuid().ToString("N"));
        try
        {
            Assert.Equal(0, DeclarationsOnly.TryRun([DeclarationsOnly.Option, folder]));

            var files = Directory.GetFiles(folder, "*" + ReportDeclarations.FileSuffix);
            Assert.NotEmpty(files);
            var declared = files.Select(f => JsonSerializer.Deserialize<ReportDeclarations>(File.ReadAllText(f), DeclarationsExporter.Json)!).ToList();
            Assert.All(declared, d => Assert.Equal(ReportDeclarations.CurrentFormat, d.Format));
            var sqlite = Assert.Single(declared, d => d.Benchmarks.Any(b => b.FullName.Contains(".SqliteInsertBenchmarks.", StringComparison.Ordinal)));
            Assert.Contains(sqlite.Claims!, c => c.Rule == 1 && c.Premise is not null && c.SideWords == "a blocking loop");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void TryRun_Should_Exit2_AndOverwriteNothing_WhenTheFolderIsNotEmpty()
    {
        var folder = Directory.CreateTempSubdirectory("asyncbench-declarations-").FullName;
        var kept = Path.Combine(folder, "kept.txt");
        File.WriteAllText(kept, "mine");
        try
        {
            Assert.Equal(2, DeclarationsOnly.TryRun([DeclarationsOnly.Option, folder]));

            Assert.Equal([kept], Directory.GetFiles(folder));
            Assert.Equal("mine", File.ReadAllText(kept));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
