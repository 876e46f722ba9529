using System.Text.Json;
using AsyncBench.Benchmarks.Running;
using AsyncBench.Protocol;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace AsyncBench.Benchmarks.Declarations;

/// <summary>
/// <c>--export-declarations DIR</c>: writes every benchmark class's declarations sidecar (<c>&lt;Type&gt;-report-asyncbench.json</c>),
/// as a run of all its cases would, into a new folder, and runs nothing. Beside an older run's full JSON reports, the
/// publisher then reads that run with this commit's claims: how a change to the claims is shown on nights already measured.
/// (The page names the run's commit only; whoever publishes so says which commit's claims were read.)
/// </summary>
public static class DeclarationsOnly
{
    public const string Option = "--export-declarations";

    /// <summary>Null when <paramref name="args"/> does not ask for it; else the exit code: 0 written, 2 with one error line.</summary>
    public static int? TryRun(string[] args)
    {
        var (values, _) = SuiteOptions.Take(args, Option);
        if (values.Count == 0)
        {
            return null;
        }

        var folder = values[^1];
        if (folder.Length == 0 || (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any()) || File.Exists(folder))
        {
            Console.Error.WriteLine($"error: {Option} takes a new or empty folder (got '{folder}'); it writes a sidecar per class there and overwrites nothing.");
            return 2;
        }

        Directory.CreateDirectory(folder);
        foreach (var type in ConfigurationCheck.BenchmarkClasses.OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            var cases = BenchmarkConverter.TypeToBenchmarks(type, ManualConfig.CreateEmpty()).BenchmarksCases;
            var declared = DeclarationsExporter.Declare(cases) with { Rules = DeclarationsExporter.Rules([type]), Claims = DeclarationsExporter.Claims([type]) };
            File.WriteAllText(Path.Combine(folder, type.FullName + ReportDeclarations.FileSuffix), JsonSerializer.Serialize(declared, DeclarationsExporter.Json));
        }

        Console.WriteLine($"Wrote the declarations of {ConfigurationCheck.BenchmarkClasses.Count} classes to {folder}");
        return 0;
    }
}
