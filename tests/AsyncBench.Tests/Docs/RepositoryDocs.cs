using System.Runtime.CompilerServices;

namespace AsyncBench.Tests.Docs;

/// <summary>The repository's documentation in the source tree: the README, <c>docs/</c> and the READMEs in the code's folders.</summary>
internal static class RepositoryDocs
{
    /// <summary>The repository's root: this file sits in <c>tests/AsyncBench.Tests/Docs/</c>.</summary>
    public static string Root { get; } = Path.GetFullPath(Path.Combine(ThisFolder(), "..", "..", ".."));

    /// <summary>The folders whose READMEs document the code beside them.</summary>
    private static readonly string[] CodeFolders = ["benchmarks", "fixtures", "scripts", "tests"];

    /// <summary>README.md, every markdown file under docs/, and every README.md of the code's folders (build output left out), by path.</summary>
    public static IReadOnlyList<string> Markdown() =>
        [.. new[] { Path.Combine(Root, "README.md") }
            .Concat(Directory.EnumerateFiles(Path.Combine(Root, "docs"), "*.md", SearchOption.AllDirectories))
            .Concat(CodeFolders.SelectMany(f => Directory.EnumerateFiles(Path.Combine(Root, f), "README.md", SearchOption.AllDirectories)))
            .Where(path => !IsBuildOutput(path))
            .Order(StringComparer.Ordinal)];

    private static bool IsBuildOutput(string path) =>
        Path.GetRelativePath(Root, path).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj");

    private static string ThisFolder([CallerFilePath] string thisFile = "") => Path.GetDirectoryName(thisFile)!;
}
