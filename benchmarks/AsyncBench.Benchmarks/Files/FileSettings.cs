using AsyncBench.Benchmarks.Harness;
using AsyncBench.Fixtures.Files;

namespace AsyncBench.Benchmarks.Files;

/// <summary>The file workloads' setting: where their temporary files go.</summary>
public sealed class FileSettings : IChecksSettings
{
    public IReadOnlyList<string> Variables { get; } = [TempFileSet.DirectoryVariable];

    public string? Check() => SettingValues.CheckWritableFolder(TempFileSet.DirectoryVariable);
}
