namespace AsyncBench.Tests.Docs;

/// <summary>Every relative link of the README, docs/ and the code's READMEs leads somewhere: a file or folder, and a heading where it names one.</summary>
public sealed class DocLinksTests
{
    [Fact]
    public void Docs_Should_HaveNoBrokenRelativeLink()
    {
        var files = RepositoryDocs.Markdown();

        // The check must see the front door and the guides, or it passes on nothing.
        Assert.Contains(Path.Combine(RepositoryDocs.Root, "README.md"), files);
        Assert.Contains(Path.Combine(RepositoryDocs.Root, "docs", "metrics.md"), files);
        var problems = MarkdownLinks.Problems(RepositoryDocs.Root, files);
        Assert.True(problems.Count == 0, $"Broken links in {files.Count} files:\n" + string.Join('\n', problems));
    }

    [Fact]
    public void LinkCheck_Should_NameAMissingFile_AMissingAnchor_AndALinkOutOfTheRepository_AndPassTheRest()
    {
        var root = Directory.CreateTempSubdirectory("asyncbench-doclinks-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "docs"));
            File.WriteAllText(Path.Combine(root, "docs", "guide.md"), "# Guide\n\n## Redis (Garnet)\n\n## The gate: `compare`\n\n## Redis (Garnet)\n");
            File.WriteAllText(Path.Combine(root, "README.md"), string.Join('\n',
                "[guide](docs/guide.md) [section](docs/guide.md#redis-garnet) [again](docs/guide.md#redis-garnet-1)",
                "[code](docs/guide.md#the-gate-compare) [folder](docs) [here](#readme) [web](https://example.org/x.md)",
                "`[not a link](nowhere.md)`",
                "```",
                "[not a link either](nowhere.md)",
                "```",
                "# Readme",
                "[gone](docs/missing.md) [no heading](docs/guide.md#redis) [out](../elsewhere.md)"));

            var problems = MarkdownLinks.Problems(root, [Path.Combine(root, "README.md")]);

            Assert.Equal(
                [
                    "README.md:8: 'docs/missing.md': no such file or folder (docs/missing.md)",
                    "README.md:8: 'docs/guide.md#redis': no heading with the anchor '#redis' in docs/guide.md",
                    "README.md:8: '../elsewhere.md': leads out of the repository",
                ],
                problems.Select(p => p.Replace(Path.DirectorySeparatorChar, '/')));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData("Redis (Garnet)", "redis-garnet")]
    [InlineData("The gate: `compare` and its history", "the-gate-compare-and-its-history")]
    [InlineData("Observed metrics: how they are measured", "observed-metrics-how-they-are-measured")]
    [InlineData("Exit codes, bad input", "exit-codes-bad-input")]
    [InlineData("A/B of two versions", "ab-of-two-versions")]
    [InlineData("[Linked](x.md) heading — with a dash", "linked-heading--with-a-dash")]
    public void Slug_Should_BeGitHubs(string heading, string slug)
    {
        Assert.Equal(slug, MarkdownLinks.Slug(heading));
    }
}
