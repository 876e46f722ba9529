namespace AsyncBench.Benchmarks.Running;

/// <summary>
/// The one command that turns a finished run into pages, with this run's folders filled in, printed
/// at the end of a run so nobody has to know a second command. It does not publish by itself: a
/// publish adds a run folder under results/ and replaces results/latest/, a change to the checkout
/// that its owner should choose.
/// </summary>
public static class PublishCommand
{
    public const string PublisherProject = "scripts/AsyncBench.Publish/AsyncBench.Publish.csproj";

    /// <summary>The command for the reports in <paramref name="resultsDirectory"/>, or null outside a checkout of the suite.</summary>
    public static string? For(string resultsDirectory, string startDirectory)
    {
        ArgumentNullException.ThrowIfNull(resultsDirectory);
        var root = FindCheckout(startDirectory);
        if (root is null)
        {
            return null;
        }

        var project = Path.GetDirectoryName(Path.Combine(root, PublisherProject))!;
        return $"dotnet run --project \"{project}\" -- publish \"{Path.GetFullPath(resultsDirectory)}\" --out \"{Path.Combine(root, "results")}\"";
    }

    /// <summary>The nearest folder at or above <paramref name="startDirectory"/> that holds the publisher project.</summary>
    public static string? FindCheckout(string startDirectory)
    {
        for (var folder = new DirectoryInfo(startDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, PublisherProject)))
            {
                return folder.FullName;
            }
        }

        return null;
    }
}
