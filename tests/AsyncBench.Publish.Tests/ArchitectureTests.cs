using Mono.Cecil;
using Mono.Cecil.Cil;
using NetArchTest.Rules;

namespace AsyncBench.Publish.Tests;

/// <summary>
/// The publisher's layout, held: it names no workload of the suite, and its renderers write what the analysis returned
/// instead of computing it. Both rules read the compiled publisher (types, calls and string literals), not its sources.
/// </summary>
public class ArchitectureTests
{
    private static readonly System.Reflection.Assembly Publisher = typeof(AsyncBench.Publishing.PublishException).Assembly;

    /// <summary>The suite's own namespaces and assemblies: its workloads and their fixtures.</summary>
    private static readonly string[] Suite = ["AsyncBench.Benchmarks", "AsyncBench.Fixtures", "AsyncBench.FixtureHost"];

    /// <summary>
    /// The entry points that compute a result from runs or from other results: no renderer calls them. Besides these,
    /// every method of the Statistics namespace but a property's getter is analysis.
    /// </summary>
    private static readonly string[] AnalysisTypes =
    [
        "AsyncBench.Publishing.Comparing.Gate",
        "AsyncBench.Publishing.Comparing.HistoryModel",
        "AsyncBench.Publishing.Comparing.CountGate",
        "AsyncBench.Publishing.Comparing.CpuTimeGate",
        "AsyncBench.Publishing.Comparing.FallbackCalibrator",
        "AsyncBench.Publishing.Comparing.RunWideDecision",
        "AsyncBench.Publishing.Ab.AbAnalysis",
        "AsyncBench.Publishing.Planning.LaunchPlanner",
        "AsyncBench.Publishing.Trials.GateTrials",
        "AsyncBench.Publishing.Rules.Replication",
        "AsyncBench.Publishing.Rules.Claims",
        "AsyncBench.Publishing.Pages.ResultTables",
        "AsyncBench.Publishing.Pages.Trend",
        "AsyncBench.Publishing.Paired.NightReader",
        "AsyncBench.Publishing.Paired.PairedAnalysis",
        "AsyncBench.Publishing.Paired.PairedJudge",
        "AsyncBench.Publishing.Paired.PairedRule",
        "AsyncBench.Publishing.Paired.PairedSpreads",
        "AsyncBench.Publishing.Paired.ModeratedVariance",
        "AsyncBench.Publishing.Paired.PairedPrior",
        "AsyncBench.Publishing.Paired.PairedPlanner",
        "AsyncBench.Publishing.Paired.PairedSimulation",
        "AsyncBench.Publishing.Paired.FalseAlarmRate",
        "AsyncBench.Publishing.Paired.PairedPower",
        "AsyncBench.Publishing.Paired.Drift",
        "AsyncBench.Publishing.Paired.DriftDetector",
        "AsyncBench.Publishing.Paired.DriftSimulation",
    ];

    [Fact]
    public void Publisher_Should_DependOnNoTypeOrAssemblyOfTheSuite()
    {
        var result = Types.InAssembly(Publisher).Should().NotHaveDependencyOnAny(Suite).GetResult();

        Assert.True(result.IsSuccessful, "Types that use the suite: " + string.Join(", ", result.FailingTypeNames ?? []));
        Assert.DoesNotContain(Publisher.GetReferencedAssemblies(), a => Suite.Any(s => a.Name!.StartsWith(s, StringComparison.Ordinal)));
    }

    [Fact]
    public void Publisher_Should_NameNoWorkloadInItsStrings()
    {
        // A class list or namespace of the suite's written into the publisher would decide by name what the declarations decide.
        var named = Methods(Module().Types)
            .SelectMany(m => m.Body.Instructions.Where(i => i.OpCode == OpCodes.Ldstr).Select(i => (Method: m.FullName, Text: (string)i.Operand)))
            .Where(s => Suite.Any(n => s.Text.Contains(n, StringComparison.Ordinal)) || s.Text.Contains("Benchmarks.", StringComparison.Ordinal))
            .Select(s => $"{s.Method}: \"{s.Text}\"")
            .ToList();

        Assert.True(named.Count == 0, "The publisher names the suite in: " + string.Join("; ", named));
    }

    [Fact]
    public void Renderers_Should_CallNoAnalysis()
    {
        var calls = Renderers()
            .SelectMany(r => Methods([r.Type]).SelectMany(m => m.Body.Instructions)
                .Where(i => i.Operand is MethodReference)
                .Select(i => (Renderer: r.Name, Call: (MethodReference)i.Operand)))
            .Where(c => IsAnalysis(c.Call))
            .Select(c => (c.Renderer, Call: $"{c.Call.DeclaringType.FullName}::{c.Call.Name}"))
            .Distinct()
            .Select(c => $"{c.Renderer} calls {c.Call}")
            .ToList();

        Assert.True(calls.Count == 0, "Renderers that analyse: " + string.Join("; ", calls));
    }

    [Fact]
    public void Renderers_Should_BeFound()
    {
        // The rule above holds only if it sees the renderers: one per verb at least.
        var names = Renderers().Select(r => r.Name).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(
            new HashSet<string>(StringComparer.Ordinal)
            {
                "AsyncBench.Publishing.Comparing.GateReport", "AsyncBench.Publishing.Ab.AbReport", "AsyncBench.Publishing.Planning.LaunchPlanReport",
                "AsyncBench.Publishing.Trials.TrialsReport", "AsyncBench.Publishing.Rules.ReplicationReport", "AsyncBench.Publishing.Pages.WorkloadPage",
                "AsyncBench.Publishing.Pages.TrendPage", "AsyncBench.Publishing.Pages.IndexPage", "AsyncBench.Publishing.Pages.FastestLine",
                "AsyncBench.Publishing.Pages.SvgChart", "AsyncBench.Publishing.Paired.PairedReport", "AsyncBench.Publishing.Paired.PairedPlanReport",
                "AsyncBench.Publishing.Paired.PairedPriorReport", "AsyncBench.Publishing.Paired.AaRateReport", "AsyncBench.Publishing.Paired.PowerReport",
                "AsyncBench.Publishing.Paired.DriftReport", "AsyncBench.Publishing.Paired.DriftSimulationReport",
            },
            names);
        Assert.All(AnalysisTypes, t => Assert.NotNull(Publisher.GetType(t)));
    }

    /// <summary>
    /// A renderer: a static class of the publisher that writes a page or report (its name ends in Page, Report or Line, or
    /// it is the SVG chart), with the types the compiler nests in it (its lambdas' closures).
    /// </summary>
    private static List<(string Name, TypeDefinition Type)> Renderers() =>
        [.. Module().Types
            .Where(t => t.Name.EndsWith("Page", StringComparison.Ordinal) || t.Name.EndsWith("Report", StringComparison.Ordinal)
                || t.Name.EndsWith("Line", StringComparison.Ordinal) || t.Name == "SvgChart")
            .Where(t => t.IsAbstract && t.IsSealed) // static classes: the records named ...Report (FullJsonReport) are data
            .Select(t => (t.FullName, t))];

    /// <summary>Analysis: a method of the Statistics namespace (but a property's getter), or any of <see cref="AnalysisTypes"/> (but a getter).</summary>
    private static bool IsAnalysis(MethodReference call)
    {
        var type = call.DeclaringType;
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        if (call.Name.StartsWith("get_", StringComparison.Ordinal))
        {
            return false;
        }

        return type.Namespace == "AsyncBench.Publishing.Statistics" || AnalysisTypes.Contains(type.FullName);
    }

    /// <summary>Every method with a body of the types and the types nested in them (closures, local functions).</summary>
    private static IEnumerable<MethodDefinition> Methods(IEnumerable<TypeDefinition> types) =>
        types.SelectMany(t => t.Methods.Where(m => m.HasBody).Concat(Methods(t.NestedTypes)));

    private static ModuleDefinition Module() => ModuleDefinition.ReadModule(Publisher.Location);
}
