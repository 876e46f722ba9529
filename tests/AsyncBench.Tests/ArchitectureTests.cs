using System.Reflection;
using AsyncBench.Benchmarks.Declarations;
using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Observing;
using AsyncBench.Benchmarks.Running;
using AsyncBench.Fixtures;
using AsyncBench.Protocol;
using BenchmarkDotNet.Attributes;
using NetArchTest.Rules;

namespace AsyncBench.Tests;

/// <summary>
/// The suite's layout, held: a target's types live in its folder (every type that uses the target's fixture, protocol,
/// client or server is in a namespace of the target's name), and its metric ids, category, settings and claim sets are
/// in its folder. The rules read the compiled suite (its four assemblies, the fixture host's included), not its sources.
/// </summary>
public sealed class ArchitectureTests
{
    /// <summary>The rules classes: they put the rules to the test on several targets.</summary>
    private const string Rules = "AsyncBench.Benchmarks.Rules";

    private static readonly Assembly[] Suite =
        [typeof(SuiteRunner).Assembly, typeof(FixtureHostProcess).Assembly, typeof(MetricIds).Assembly];

    /// <summary>
    /// Each target, by its folder's name, with what only its folder may use: its fixtures, its protocol, its part of the
    /// fixture host, its client's and its server's packages. The rules classes (<see cref="Rules"/>) are the exception:
    /// they put the rules to the test on several targets, through each target's workload and fixtures.
    /// </summary>
    public static TheoryData<string, string[]> Targets => new()
    {
        { "Http", ["AsyncBench.Fixtures.Http", "AsyncBench.Protocol.Http", "AsyncBench.FixtureHost.Http", "WireMock"] },
        { "Redis", ["AsyncBench.Fixtures.Redis", "AsyncBench.Protocol.Redis", "AsyncBench.FixtureHost.Redis", "StackExchange.Redis", "Garnet"] },
        { "Serial", ["AsyncBench.Fixtures.Serial", "AsyncBench.Protocol.Serial", "AsyncBench.FixtureHost.Serial", "System.IO.Ports"] },
        { "Sqlite", ["AsyncBench.Fixtures.Sqlite", "Microsoft.Data.Sqlite"] },
        { "Files", ["AsyncBench.Fixtures.Files"] },
    };

    [Theory]
    [MemberData(nameof(Targets))]
    public void ATargetsTypes_Should_LiveInItsFolder(string target, string[] ownedNamespaces)
    {
        var suite = Types.InAssemblies(Suite).That().HaveDependencyOnAny(ownedNamespaces).And().DoNotResideInNamespace(Rules);
        var host = Types.FromFile(FixtureHostProcess.DefaultHostPath!).That().HaveDependencyOnAny(ownedNamespaces);

        var misplaced = new[] { suite.Should().ResideInNamespaceEndingWith("." + target).GetResult(), host.Should().ResideInNamespaceEndingWith("." + target).GetResult() }
            .SelectMany(r => r.FailingTypeNames ?? [])
            .Where(name => !IsNestedIn(name, target)) // a nested type's own namespace is empty; its outer type's counts
            .ToList();

        Assert.NotEmpty(suite.GetTypes()); // the rule sees the target's own code
        Assert.True(misplaced.Count == 0, $"Types outside {target}/ that use {string.Join(", ", ownedNamespaces)}: {string.Join(", ", misplaced)}");
    }

    [Fact]
    public void EveryMetricId_Should_BeDeclaredInTheFolderOfTheTypeThatMeasuresIt()
    {
        // The shared ids (floor, concurrency, pool, units, CPU, BenchmarkDotNet's) are Protocol's MetricIds, and only the
        // suite's own observations (Observing) declare metrics with them; a target's ids are in its folder's *MetricIds.
        var idOwners = Suite.SelectMany(a => a.GetTypes())
            .Where(t => t.Name.EndsWith("MetricIds", StringComparison.Ordinal))
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (Id: (string)f.GetRawConstantValue()!, Owner: t)))
            .ToDictionary(f => f.Id, f => f.Owner, StringComparer.Ordinal);
        var declarers = typeof(SuiteRunner).Assembly.GetTypes().Where(t => typeof(IDeclaresMetrics).IsAssignableFrom(t) && !t.IsInterface).ToList();

        var misplaced = declarers
            .SelectMany(t => ((IReadOnlyList<ObservedMetric>)t.GetProperty(nameof(IDeclaresMetrics.Metrics))!.GetValue(null)!).Select(m => (Declarer: t, m.Id)))
            .Where(m => !idOwners.TryGetValue(m.Id, out var owner)
                || !(owner.Namespace == m.Declarer.Namespace || (owner == typeof(MetricIds) && m.Declarer.Namespace == typeof(SuiteMetrics).Namespace)))
            .Select(m => $"{m.Declarer.Name} declares {m.Id}, " + (idOwners.TryGetValue(m.Id, out var owner) ? $"an id of {owner.FullName}" : "an id no *MetricIds class holds"))
            .ToList();

        Assert.True(declarers.Count >= 5, string.Join(", ", declarers));
        Assert.True(misplaced.Count == 0, string.Join("; ", misplaced));
    }

    [Fact]
    public void EveryBenchmarkClass_Should_TakeItsCategoriesFromItsOwnFolder()
    {
        var classes = BenchmarkClasses();

        var misplaced = classes
            .SelectMany(c => c.GetCustomAttributes<BenchmarkCategoryAttribute>(inherit: true).SelectMany(a => a.Categories).Select(category => (Class: c, Category: category)))
            .Where(c => !ConstantsOf(c.Class.Namespace!).Contains(c.Category))
            .Select(c => $"{c.Class.Name}: category '{c.Category}' is not a constant of {c.Class.Namespace}")
            .ToList();

        Assert.NotEmpty(classes);
        Assert.True(misplaced.Count == 0, string.Join("; ", misplaced));
    }

    [Fact]
    public void ATargetsSettings_Should_BeCheckedInTheFolderThatNamesThem()
    {
        // A settings part checks variables that its own target's code names (HttpWorkload, SqliteDatabase, ...): the same
        // folder name, in the suite or in its fixtures. The suite's own settings (Running) check the whole run's.
        var named = Suite.SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (Value: (string)f.GetRawConstantValue()!, t.Namespace)))
            .Where(f => f.Value.StartsWith("ASYNCBENCH_", StringComparison.Ordinal))
            .ToLookup(f => f.Value, f => Folder(f.Namespace!), StringComparer.Ordinal);
        var parts = SettingsCatalog.All.Where(p => p.GetType().Namespace != typeof(SuiteSettings).Namespace).ToList();

        var misplaced = parts
            .SelectMany(p => p.Variables.Select(v => (Part: p.GetType(), Variable: v)))
            .Where(p => !named[p.Variable].Contains(Folder(p.Part.Namespace!)))
            .Select(p => $"{p.Part.Name} checks {p.Variable}, named in {string.Join(", ", named[p.Variable].DefaultIfEmpty("no folder"))}")
            .ToList();

        Assert.True(parts.Count >= 5, string.Join(", ", parts));
        Assert.True(misplaced.Count == 0, string.Join("; ", misplaced));
    }

    [Fact]
    public void EveryClaimSet_Should_BeInTheFolderOfTheClassesThatReadIt_OrSharedByDeclarations()
    {
        var readers = typeof(SuiteRunner).Assembly.GetTypes().Where(t => t.GetCustomAttribute<ClaimsFromAttribute>() is not null).ToList();

        var misplaced = readers
            .SelectMany(r => r.GetCustomAttribute<ClaimsFromAttribute>()!.Sets.Select(set => (Reader: r, Set: set)))
            .Where(r => r.Set.Namespace != r.Reader.Namespace && r.Set.Namespace != typeof(ClaimsFromAttribute).Namespace)
            .Select(r => $"{r.Reader.Name} reads {r.Set.FullName}")
            .ToList();

        Assert.NotEmpty(readers);
        Assert.True(misplaced.Count == 0, string.Join("; ", misplaced));
    }

    private static List<Type> BenchmarkClasses() =>
        [.. typeof(SuiteRunner).Assembly.GetTypes().Where(t => !t.IsAbstract && t.GetMethods().Any(m => m.IsDefined(typeof(BenchmarkAttribute), true)))];

    /// <summary>The string constants of the types of namespace <paramref name="ns"/> (nested types included).</summary>
    private static HashSet<string> ConstantsOf(string ns) =>
        [.. typeof(SuiteRunner).Assembly.GetTypes().Where(t => t.Namespace == ns)
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string)))
            .Select(f => (string)f.GetRawConstantValue()!)];

    /// <summary>Whether <paramref name="typeName"/> is a nested type ("Outer/Inner") whose outer type lives in <paramref name="target"/>'s folder.</summary>
    private static bool IsNestedIn(string typeName, string target) =>
        typeName.Contains('/', StringComparison.Ordinal) && Folder(typeName[..typeName.LastIndexOf('.', typeName.IndexOf('/', StringComparison.Ordinal))]) == target;

    /// <summary>A namespace's folder: its last part (AsyncBench.Fixtures.Sqlite and AsyncBench.Benchmarks.Sqlite are both Sqlite).</summary>
    private static string Folder(string ns) => ns[(ns.LastIndexOf('.') + 1)..];
}
