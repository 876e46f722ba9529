using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publish.Tests;

public class CaseGroupsTests
{
    private static BenchmarkId Id(string ns, string type, int i) => new(ns, type, $"M{i}", []);

    private static List<BenchmarkId> Cases(string ns, string type, int count) => [.. Enumerable.Range(0, count).Select(i => Id(ns, type, i))];

    [Fact]
    public void For_Should_TakeTheClass_ThenTheNamespace_ThenAllCases_ThenNone()
    {
        // N1.Big has 4 points of its own; N1.Small 1 (N1: 5); N2.A and N2.B 1 each (N2: 2); 7 in all.
        List<BenchmarkId> points = [.. Cases("N1", "Big", 4), .. Cases("N1", "Small", 1), .. Cases("N2", "A", 1), .. Cases("N2", "B", 1)];
        var groups = new CaseGroups<BenchmarkId>(points, p => p, minimum: 4);

        Assert.Equal((CaseGroupLevel.Class, "N1.Big", 4), Describe(groups.For(Id("N1", "Big", 0))));
        Assert.Equal((CaseGroupLevel.Namespace, "N1", 5), Describe(groups.For(Id("N1", "Small", 0))));
        Assert.Equal((CaseGroupLevel.All, string.Empty, 7), Describe(groups.For(Id("N2", "A", 0))));
        Assert.Null(new CaseGroups<BenchmarkId>(points, p => p, minimum: 8).For(Id("N1", "Big", 0)));
    }

    [Fact]
    public void Large_Should_ListClassesThenNamespaces_WithEnoughPoints()
    {
        List<BenchmarkId> points = [.. Cases("N1", "Big", 4), .. Cases("N1", "Small", 1), .. Cases("N2", "A", 1)];

        var large = new CaseGroups<BenchmarkId>(points, p => p, minimum: 4).Large.Select(g => (g.Level, g.Name)).ToList();

        Assert.Equal([(CaseGroupLevel.Class, "N1.Big"), (CaseGroupLevel.Namespace, "N1")], large);
    }

    private static (CaseGroupLevel, string, int)? Describe(CaseGroup<BenchmarkId>? group) =>
        group is null ? null : (group.Level, group.Name, group.Members.Count);
}
