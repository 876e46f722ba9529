using AsyncBench.Benchmarks.Observing;
using AsyncBench.Benchmarks.Running;

namespace AsyncBench.Tests.Docs;

/// <summary>
/// docs/metrics.md is the catalog's: the committed file must be what the catalog generates today. To regenerate after a
/// change to a metric's declaration: ASYNCBENCH_UPDATE_DOCS=1 dotnet test tests/AsyncBench.Tests --filter MetricsDoc.
/// </summary>
public sealed class MetricsDocTests
{
    [Fact]
    public void MetricsDoc_Should_BeWhatTheCatalogGenerates()
    {
        var path = Path.Combine(RepositoryDocs.Root, MetricsDoc.RelativePath);
        var generated = MetricsDoc.Render();
        if (Environment.GetEnvironmentVariable(MetricsDoc.UpdateVariable) == "1")
        {
            File.WriteAllText(path, generated);
        }

        Assert.True(File.Exists(path), $"{MetricsDoc.RelativePath} is missing. Regenerate it: {MetricsDoc.RegenerateCommand}");
        var committed = File.ReadAllText(path).Split('\n');
        var expected = generated.Split('\n');
        var line = Enumerable.Range(0, Math.Max(committed.Length, expected.Length))
            .FirstOrDefault(i => i >= committed.Length || i >= expected.Length || committed[i] != expected[i], -1);
        Assert.True(
            line < 0,
            $"{MetricsDoc.RelativePath} differs from the metric catalog from line {line + 1} on (committed: '{committed.ElementAtOrDefault(line)}'; " +
            $"generated: '{expected.ElementAtOrDefault(line)}'). Regenerate it: {MetricsDoc.RegenerateCommand}, then review the diff.");
    }

    [Fact]
    public void MetricsDoc_Should_ListEveryDeclaredMetric_OnceUnderTheTypeThatDeclaresIt()
    {
        var declarers = MetricsDoc.Declarers();
        var page = MetricsDoc.Render();

        Assert.Equal(ObservedMetric.Declared, declarers.SelectMany(d => d.Metrics));
        Assert.Equal(typeof(SuiteMetrics), declarers[0].Declarer);
        Assert.All(ObservedMetric.Declared, m => Assert.Single(page.Split('\n'), line => line.Contains($"| `{m.Id}` |", StringComparison.Ordinal)));
        Assert.All(declarers, d => Assert.True(File.Exists(Path.Combine(RepositoryDocs.Root, MetricsDoc.SourceFile(d.Declarer))), MetricsDoc.SourceFile(d.Declarer)));
    }

    [Fact]
    public void UpdateVariable_Should_BeAcceptedByTheSuitesSettingsCheck()
    {
        // dotnet test with it set also runs the suite's program in tests: a variable the check does not know stops it.
        Assert.Contains(MetricsDoc.UpdateVariable, ConfigurationCheck.KnownVariables);
    }
}
