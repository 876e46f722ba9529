using System.Reflection;
using AsyncBench.Protocol;

namespace AsyncBench.Benchmarks.Declarations;

/// <summary>
/// One prediction a rule of the Python post makes in .NET, declared on the benchmark class that tests it,
/// before any run (see <see cref="DeclaredClaim"/> for how the publisher evaluates it). Sides are benchmark
/// methods of the class, by <c>nameof</c>, with arguments where the method takes some:
/// <c>nameof(ParallelForEachAsync) + "(maxDegreeOfParallelism=64)"</c>; <see cref="Setting"/> names every
/// [Params] of the class. <see cref="ClaimValidator"/> fails a run, before anything runs, whose claim names a
/// side, a setting or a metric that does not exist, or whose bands are malformed.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ClaimAttribute : Attribute
{
    /// <summary>A time claim: <paramref name="measure"/> (<see cref="ClaimMeasure.Ratio"/> or <see cref="ClaimMeasure.Difference"/>) of <paramref name="side"/> against <paramref name="versus"/>.</summary>
    public ClaimAttribute(int rule, string id, ClaimMeasure measure, string side, string versus)
    {
        Rule = rule;
        Id = id;
        Measure = measure;
        Side = side;
        Versus = versus;
    }

    /// <summary>A metric claim: the value of <paramref name="metricId"/> (a <see cref="MetricIds"/> constant) observed on <paramref name="side"/>.</summary>
    public ClaimAttribute(int rule, string id, string side, string metricId)
    {
        Rule = rule;
        Id = id;
        Measure = ClaimMeasure.Metric;
        Side = side;
        MetricId = metricId;
    }

    public int Rule { get; }

    /// <summary>Kebab-case, unique among the class's claims for the rule; the same id on several classes is the same claim on several targets.</summary>
    public string Id { get; }

    public ClaimMeasure Measure { get; }

    public string Side { get; }

    public string? Versus { get; }

    public string? MetricId { get; }

    /// <summary>The class's [Params] the claim is read at, every one named: "Count=100&amp;LatencyMs=20" ("" when the class has none).</summary>
    public string Setting { get; set; } = string.Empty;

    /// <summary>What the claim asks, in words: "Do wrapped blocking calls run one after another?".</summary>
    public string Question { get; set; } = string.Empty;

    /// <summary>Band boundaries, strictly ascending: band 0 is below Thresholds[0], band i from Thresholds[i-1] up to Thresholds[i].</summary>
    public double[] Thresholds { get; set; } = [];

    /// <summary>The outcome of each band (one more than <see cref="Thresholds"/>): Holds or DoesNotCarryOver, both among them.</summary>
    public RuleOutcome[] Outcomes { get; set; } = [];

    /// <summary>Metric ids (<see cref="MetricIds"/>) observed on both sides, reported as the cause.</summary>
    public string[] Mechanism { get; set; } = [];

    /// <summary>Metric claims: divide the metric (per invocation) by the case's Count.</summary>
    public bool PerUnit { get; set; }

    /// <summary>True when the claim decides the rule's verdict; otherwise it is evidence shown with it.</summary>
    public bool Deciding { get; set; }

    public DeclaredClaim ToDeclaration(Type type, string target) =>
        new(type.FullName ?? type.Name, target, Rule, Id, Question, Measure, Side, Versus, MetricId, PerUnit, Setting, Thresholds, Outcomes, Mechanism, Deciding);

    /// <summary>
    /// The claims <paramref name="type"/> makes: its own [Claim]s, then those of each claim set it names
    /// (<see cref="ClaimsFromAttribute"/>), each read at the setting the class gives the set.
    /// </summary>
    public static IReadOnlyList<ClaimAttribute> Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return
        [
            .. type.GetCustomAttributes<ClaimAttribute>(inherit: false),
            .. type.GetCustomAttributes<ClaimsFromAttribute>(inherit: false)
                .SelectMany(from => from.Sets.SelectMany(set => set.GetCustomAttributes<ClaimAttribute>(inherit: false)).Select(claim => claim.At(from.Setting))),
        ];
    }

    /// <summary>A copy of this claim read at <paramref name="setting"/>.</summary>
    public ClaimAttribute At(string setting)
    {
        var copy = (ClaimAttribute)MemberwiseClone();
        copy.Setting = setting;
        return copy;
    }
}

/// <summary>
/// The [Claim]s of claim sets, classes that only carry them (<see cref="Sets"/>), made by the class this is on, each
/// read at <see cref="Setting"/>: the same predictions on several benchmark classes of one target (SQLite's inserts,
/// point lookups and range scans) stated once. A claim in a set names no Setting of its own (<see cref="ClaimValidator"/>
/// checks), since each class runs its own.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ClaimsFromAttribute(params Type[] sets) : Attribute
{
    /// <summary>The claim sets, their claims taken in this order.</summary>
    public IReadOnlyList<Type> Sets { get; } = sets;

    /// <summary>The class's [Params] the set's claims are read at, every one named: "Count=100".</summary>
    public string Setting { get; set; } = string.Empty;
}

/// <summary>
/// What a class with claims measures, for the verdict's scope sentences ("holds only for HTTP (the mock server)").
/// Against a real target (<see cref="Harness.IDeclaresFloor.RealTargetVariable"/> set) the exporter names that
/// target instead of <see cref="Fixture"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ClaimTargetAttribute(string what) : Attribute
{
    /// <summary>"HTTP GETs", "SQLite point lookups".</summary>
    public string What { get; } = what;

    /// <summary>The built-in fixture, when there is one: "the mock server".</summary>
    public string? Fixture { get; set; }

    /// <summary>The target as a scope sentence names it, for the current environment.</summary>
    public static string Describe(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var declared = type.GetCustomAttributes(typeof(ClaimTargetAttribute), inherit: false).OfType<ClaimTargetAttribute>().FirstOrDefault();
        var what = declared?.What ?? type.Name;
        var realTarget = Observing.CaseFacts.RealTargetVariable(type);
        return realTarget is not null ? $"{what} (the real target in {realTarget})"
            : declared?.Fixture is { } fixture ? $"{what} ({fixture})"
            : what;
    }
}
