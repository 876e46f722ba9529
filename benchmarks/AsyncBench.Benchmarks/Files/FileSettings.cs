using AsyncBench.Benchmarks.Harness;
using AsyncBench.Fixtures.Files;

namespace AsyncBench.Benchmarks.Files;

/// <summary>The file workloads' setting (where their temporary files go) and their category.</summary>
public sealed class FileSettings : IChecksSettings
{
    /// <summary>The category of the file classes (reads and writes), for <c>--anyCategories</c>.</summary>
    public const string Category = "Files";

    public IReadOnlyList<string> Variables { get; } = [TempFileSet.DirectoryVariable];

    public string? Check() => SettingValues.CheckWritableFolder(TempFileSet.DirectoryVariable);
}
