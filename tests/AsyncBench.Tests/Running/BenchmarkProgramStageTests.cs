using System.Reflection;
using AsyncBench.Benchmarks.Running;

namespace AsyncBench.Tests.Running;

/// <summary>
/// The README's <c>dotnet test</c> leaves out the tests that share the BenchmarkDotNet runs by their trait, not by their
/// collection (the test project's default filter reads traits). So the two must name the same classes: a test of the
/// collection without the trait would start the runs in the README's command; a test with the trait outside it would
/// run only in <c>.ci/run</c> for no reason.
/// </summary>
public sealed class BenchmarkProgramStageTests
{
    [Fact]
    public void EveryClassOfTheBenchmarkDotNetCollection_Should_CarryItsStageTrait_AndNoOtherClass()
    {
        var testClasses = typeof(BenchmarkProgramStageTests).Assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttributes<FactAttribute>(inherit: true).Any()))
            .ToList();

        var inCollection = testClasses
            .Where(t => Arguments<CollectionAttribute>(t).Any(a => a.SequenceEqual([BenchmarkProgramCollection.Name])))
            .Select(t => t.FullName).Order().ToList();
        var withTrait = testClasses
            .Where(t => Arguments<TraitAttribute>(t).Any(a => a.SequenceEqual([BenchmarkProgramCollection.StageTrait, BenchmarkProgramCollection.Stage])))
            .Select(t => t.FullName).Order().ToList();

        Assert.Contains(typeof(PairedRunEndToEndTests).FullName, inCollection); // the rule sees the collection's classes
        Assert.Equal(inCollection, withTrait);
    }

    [Fact]
    public void TheTestProjectsDefaultFilter_And_CIsStage_Should_NameTheSameTrait()
    {
        // The pair is written three times, in three languages: the constants above, the project's MSBuild filter and
        // .ci/run's stage. A renamed constant would otherwise leave the README's command running the stage again.
        var root = PublishCommand.FindCheckout(AppContext.BaseDirectory)!;
        var pair = $"{BenchmarkProgramCollection.StageTrait}={BenchmarkProgramCollection.Stage}";

        Assert.Contains($">{BenchmarkProgramCollection.StageTrait}!={BenchmarkProgramCollection.Stage}</VSTestTestCaseFilter>",
            File.ReadAllText(Path.Combine(root, "tests", "AsyncBench.Tests", "AsyncBench.Tests.csproj")), StringComparison.Ordinal);
        Assert.Contains($"--filter {pair}", File.ReadAllText(Path.Combine(root, ".ci", "run")), StringComparison.Ordinal);
    }

    /// <summary>The constructor arguments of each <typeparamref name="TAttribute"/> on <paramref name="type"/> (xUnit's attributes keep no properties).</summary>
    private static IEnumerable<object?[]> Arguments<TAttribute>(Type type) =>
        type.GetCustomAttributesData()
            .Where(a => a.AttributeType == typeof(TAttribute))
            .Select(a => a.ConstructorArguments.Select(c => c.Value).ToArray());
}
