using System.Reflection;
using AsyncBench.Benchmarks.Declarations;
using AsyncBench.Protocol;
using BenchmarkDotNet.Running;

namespace AsyncBench.Tests.Suite;

/// <summary>
/// Every [RuleComparison] names two benchmarks that exist, at a setting the class really runs: a typo
/// or a rename fails here instead of turning a verdict into "not measured" on the rules page.
/// </summary>
public sealed class DeclarationTests
{
    private static readonly Type[] DeclaringTypes =
        [.. typeof(DeclarationsExporter).Assembly.GetTypes().Where(t => t.GetCustomAttributes<RuleComparisonAttribute>(inherit: false).Any()).OrderBy(t => t.FullName, StringComparer.Ordinal)];

    public static TheoryData<string> DeclaringTypeNames() => [.. DeclaringTypes.Select(t => t.FullName!)];

    [Theory]
    [MemberData(nameof(DeclaringTypeNames))]
    public void RuleComparisons_Should_NameBenchmarksThatRun_AtTheDeclaredSetting(string typeName)
    {
        var type = DeclaringTypes.Single(t => t.FullName == typeName);
        var cases = BenchmarkConverter.TypeToBenchmarks(type).BenchmarksCases
            .Select(c => (Method: c.Descriptor.WorkloadMethod.Name, Parameters: Parse(c.Parameters.PrintInfo), Arguments: c.Parameters.Items.Where(p => p.IsArgument).Select(p => p.Name).ToHashSet()))
            .ToList();
        Assert.NotEmpty(cases);

        foreach (var comparison in DeclarationsExporter.Comparisons([type]))
        {
            foreach (var side in new[] { comparison.Slower, comparison.Faster })
            {
                var expected = Parse(comparison.Setting).Concat(Side(side).Arguments).ToDictionary(p => p.Key, p => p.Value);
                Assert.True(
                    cases.Any(c => c.Method == Side(side).Method && c.Parameters.Count == expected.Count && c.Parameters.All(p => expected.TryGetValue(p.Key, out var v) && v == p.Value)),
                    $"{type.Name}: rule {comparison.Rule} names '{side}' at '{comparison.Setting}', which the class does not run.");
            }
        }
    }

    [Fact]
    public void Rules_Should_BeStatedOnce_ForEachNumberThatComparisonsUse()
    {
        var rules = DeclarationsExporter.Rules(DeclaringTypes);
        var used = DeclarationsExporter.Comparisons(DeclaringTypes).Select(c => c.Rule).Distinct();

        Assert.Equal(rules.Count, rules.Select(r => r.Number).Distinct().Count());
        Assert.All(used, number => Assert.Contains(rules, r => r.Number == number));
    }

    [Fact]
    public void EveryDecidingComparison_Should_BeAbleToSayHoldsAndDoesNotCarryOver()
    {
        foreach (var c in DeclarationsExporter.Comparisons(DeclaringTypes).Where(c => !c.Control))
        {
            RuleOutcome[] outcomes = [c.IfLarge, c.IfSmall, c.IfNone];
            Assert.True(outcomes.Contains(RuleOutcome.Holds) && outcomes.Contains(RuleOutcome.DoesNotCarryOver), $"Rule {c.Rule}: {c.Slower} ÷ {c.Faster} in {c.Class} cannot come out both ways.");
        }
    }

    private static (string Method, Dictionary<string, string> Arguments) Side(string side)
    {
        var open = side.IndexOf('(', StringComparison.Ordinal);
        return open < 0
            ? (side, [])
            : (side[..open], Parse(side[(open + 1)..^1].Replace(", ", "&", StringComparison.Ordinal)));
    }

    private static Dictionary<string, string> Parse(string parameters) =>
        parameters.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : string.Empty);
}
