using System.Text.Json.Nodes;
using AsyncBench.Protocol;
using AsyncBench.Publishing.Pages;

namespace AsyncBench.Publish.Tests;

/// <summary>
/// A reviewer's run (its sidecar declares the setting its command line gave) is published under reviews/, never into the
/// machine's history or latest/, and its pages say first whose setting they answer at; a declared run is published as before.
/// </summary>
public class ReviewerRunPublishTests
{
    private const string Setting = "--params Count=500 LatencyMs=20 --latency lognormal:median=20ms,p99=200ms --seed 1";

    private static string CopyOfSmall(string? reviewerSetting)
    {
        var folder = Directory.CreateTempSubdirectory("asyncbench-reviewer-reports-").FullName;
        foreach (var file in Directory.GetFiles(TestInputs.Small))
        {
            var copy = Path.Combine(folder, Path.GetFileName(file));
            File.Copy(file, copy);
            if (reviewerSetting is not null && file.EndsWith(ReportDeclarations.FileSuffix, StringComparison.Ordinal))
            {
                var json = JsonNode.Parse(File.ReadAllText(copy))!;
                foreach (var benchmark in json["Benchmarks"]!.AsArray())
                {
                    benchmark!["ReviewerSetting"] = reviewerSetting;
                }

                File.WriteAllText(copy, json.ToJsonString());
            }
        }

        return folder;
    }

    [Fact]
    public void Publish_Should_PutAReviewersRunUnderReviews_AndLeaveLatestAndTheHistoryAlone()
    {
        var reports = CopyOfSmall(Setting);
        var declared = CopyOfSmall(null);
        var output = Directory.CreateTempSubdirectory("asyncbench-reviewer-out-").FullName;
        try
        {
            var label = new RunLabel("0123456789ab", "vm");
            var review = Publisher.Publish(reports, output, label);

            Assert.Equal(Path.Combine(output, Publisher.ReviewsFolder), Path.GetDirectoryName(review.RunDirectory));
            Assert.Null(review.LatestDirectory);
            Assert.False(Directory.Exists(Path.Combine(output, Publisher.LatestFolder)));
            Assert.Empty(Publisher.History(output, "vm"));
            var banner = $"> **A reviewer's run:** at `{Setting}`";
            Assert.StartsWith("# AsyncBench run\n\n" + banner, File.ReadAllText(Path.Combine(review.RunDirectory, "index.md")), StringComparison.Ordinal);
            Assert.Contains(banner, File.ReadAllText(Path.Combine(review.RunDirectory, "http.md")), StringComparison.Ordinal);
            Assert.StartsWith("# The rules, measured\n\n" + banner, File.ReadAllText(Path.Combine(review.RunDirectory, "rules.md")), StringComparison.Ordinal);

            // The declared run of the same machine is published as before, and never sees the review in its history.
            var run = Publisher.Publish(declared, output, label);
            Assert.Equal(output, Path.GetDirectoryName(run.RunDirectory));
            Assert.Equal(Path.Combine(output, Publisher.LatestFolder), run.LatestDirectory);
            Assert.Single(Publisher.History(output, "vm"));
            Assert.DoesNotContain("A reviewer's run", File.ReadAllText(Path.Combine(run.RunDirectory, "index.md")), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(reports, recursive: true);
            Directory.Delete(declared, recursive: true);
            Directory.Delete(output, recursive: true);
        }
    }
}
