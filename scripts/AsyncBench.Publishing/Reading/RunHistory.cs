
namespace AsyncBench.Publishing.Reading;

/// <summary>
/// The earlier runs of one machine: the published run folders (<c>20*</c>) under <c>results/&lt;machine&gt;/</c>,
/// oldest first. The comparison learns each benchmark's run-to-run spread, and the machine's run-wide
/// drift, from them.
/// </summary>
public static class RunHistory
{
    /// <summary>At most this many of the newest runs are read: older ones describe an older machine and code.</summary>
    public const int MaxRuns = 20;

    /// <summary>
    /// The newest <see cref="MaxRuns"/> published runs in <paramref name="directory"/>, oldest first,
    /// leaving out <paramref name="exclude"/> (today's run, when it is already published there) and runs
    /// published after it.
    /// </summary>
    public static IReadOnlyList<BenchmarkRun> Load(string directory, string? exclude = null)
    {
        if (!Directory.Exists(directory))
        {
            throw new PublishException($"The history folder '{directory}' does not exist. Pass a machine's results folder (e.g. results/<machine>), which holds its published runs.");
        }

        var excluded = exclude is null ? null : Path.GetFullPath(exclude).TrimEnd(Path.DirectorySeparatorChar);
        var excludedName = excluded is null ? null : Path.GetFileName(excluded);
        var folders = Directory.GetDirectories(directory, "20*")
            .Where(f => excluded is null || Path.GetFullPath(f).TrimEnd(Path.DirectorySeparatorChar) != excluded)
            .Where(f => excludedName is null || !IsPublishedRunName(excludedName) || string.CompareOrdinal(Path.GetFileName(f), excludedName) < 0)
            .OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal)
            .TakeLast(MaxRuns)
            .ToList();
        return [.. folders.Select(f => ReportReader.ReadDirectory(f))];
    }

    private static bool IsPublishedRunName(string name) => name.StartsWith("20", StringComparison.Ordinal);
}
