using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using AsyncBench.Benchmarks.Canaries;
using AsyncBench.Benchmarks.Faults;
using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Observing;
using AsyncBench.Protocol;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace AsyncBench.Benchmarks.Declarations;

/// <summary>
/// Writes <c>&lt;Type&gt;-report-asyncbench.json</c> beside BenchmarkDotNet's full JSON: per benchmark
/// (by the JSON's <c>FullName</c>) its categories, baseline flag and order in the summary; the rules
/// stated by the benchmarks' assemblies (<see cref="RuleAttribute"/>); each class's
/// <see cref="ClaimAttribute"/>s; every metric the suite can emit, described where it is measured (<see cref="ObservedMetric.Declared"/>).
/// The full JSON has no baseline or category fields, and the publisher guesses nothing, so these travel here.
/// </summary>
public sealed class DeclarationsExporter : ExporterBase
{
    public static readonly DeclarationsExporter Default = new();

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    protected override string FileExtension => "json";

    protected override string FileNameSuffix => "-asyncbench";

    public override void ExportToLog(Summary summary, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(logger);
        logger.WriteLine(JsonSerializer.Serialize(Declare(summary), Json));
    }

    public static ReportDeclarations Declare(Summary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return Declare(summary.BenchmarksCases);
    }

    /// <summary>The declarations of <paramref name="cases"/>, in their order.</summary>
    public static ReportDeclarations Declare(IReadOnlyList<BenchmarkCase> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var slowdown = InjectedSlowdown.Current();
        var reviewerSetting = Running.ReviewerRun.Current;
        var errorBudget = RunErrorBudget.Identity;
        var benchmarks = cases
            .Select((c, i) => new DeclaredBenchmark(FullNameProvider.GetBenchmarkName(c), [.. c.Descriptor.Categories], c.Descriptor.Baseline, i)
            {
                Canary = CanaryAttribute.IsCanary(c.Descriptor.Type),
                InjectedSlowdownPercent = slowdown.PercentFor(FullNameProvider.GetBenchmarkName(c)),
                Latency = RunLatency.IdentityOf(c),
                LatencySeed = RunLatency.IdentityOf(c) is null ? null : RunLatency.Seed,
                ReviewerSetting = reviewerSetting,
                ErrorBudget = errorBudget,
            })
            .ToList();
        var types = cases.Select(c => c.Descriptor.Type).Distinct().ToList();
        return new ReportDeclarations(ReportDeclarations.CurrentFormat, benchmarks, Rules(types), [], Claims(types), Metrics());
    }

    /// <summary>The rules stated by the assemblies of <paramref name="types"/>, by number.</summary>
    public static IReadOnlyList<DeclaredRule> Rules(IEnumerable<Type> types) =>
        [.. types.Select(t => t.Assembly).Distinct()
            .SelectMany(a => a.GetCustomAttributes<RuleAttribute>())
            .OrderBy(r => r.Number)
            .Select(r => r.ToDeclaration())];

    /// <summary>The claims <paramref name="types"/> declare, each with its class's target as the current environment names it.</summary>
    public static IReadOnlyList<DeclaredClaim> Claims(IEnumerable<Type> types) =>
        [.. types.SelectMany(t => ClaimAttribute.Of(t).Select(a => a.ToDeclaration(t)))];

    /// <summary>Every metric the suite can emit, as its code describes it, in declared order (the order a cell's lines show them).</summary>
    public static IReadOnlyList<DeclaredMetric> Metrics() =>
        [.. ObservedMetric.Declared.Select(m => m.ToDeclaration())];
}
