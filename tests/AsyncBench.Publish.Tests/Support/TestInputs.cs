using System.Runtime.CompilerServices;
using AsyncBench.Publishing.Pages;

namespace AsyncBench.Publish.Tests;

/// <summary>The fixed report inputs (built by hand from a real run's full JSON) and temporary folders.</summary>
public static class TestInputs
{
    /// <summary>An HTTP report (one failed benchmark, one with NaN written as empty strings) and a rule 7 report.</summary>
    public static string Small => Path.Combine(AppContext.BaseDirectory, "Inputs", "small");

    public static string HttpReport => Path.Combine(Small, "AsyncBench.Benchmarks.Http.HttpBenchmarks-report-full.json");

    public static RunLabel Label { get; } = new("0123456789ab", "test-machine");

    /// <summary>The golden files live in the source tree, so an intended change can be re-recorded there.</summary>
    public static string ExpectedSourceDirectory() => Path.Combine(SourceDirectory(), "Inputs", "expected");

    /// <summary>The recorded reading models of the inputs (re-recorded in the source tree, as the golden files).</summary>
    public static string ModelsSourceDirectory() => Path.Combine(SourceDirectory(), "Inputs", "models");

    /// <summary>The test project's folder in the source tree: this file sits in its Support folder.</summary>
    private static string SourceDirectory([CallerFilePath] string thisFile = "") => Path.GetDirectoryName(Path.GetDirectoryName(thisFile))!;

    public static string Expected => Path.Combine(AppContext.BaseDirectory, "Inputs", "expected");
}

/// <summary>A temporary folder, deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "asyncbench-publish-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Sub(string name)
    {
        var path = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(path);
        return path;
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
