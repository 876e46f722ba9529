using System.Reflection;
using AsyncBench.Protocol;

namespace AsyncBench.Benchmarks.Declarations;

/// <summary>
/// One prediction a rule of the Python post makes in .NET, declared on the benchmark class that tests it, before any
/// run: a yes/no <see cref="Question"/> whose answer is read from a value (a time ratio or difference of two of the
/// class's benchmarks, a benchmark's time over its own applied floor, or a count one of them observed), cut into bands by <see cref="Thresholds"/>, each band's
/// <see cref="Answers"/> declared. What decides it is declared too: a count (<see cref="ClaimMeasure.Metric"/>) decides
/// by itself, with no interval, where every launch agrees; a time decides by its interval, unless its question presupposes
/// a count that did not happen (<see cref="PremiseSide"/>: "by running the units together" with one unit at a time).
/// Sides are benchmark methods of the class, by <c>nameof</c>, with arguments where the method takes some:
/// <c>nameof(ParallelForEachAsync) + "(maxDegreeOfParallelism=64)"</c>; <see cref="Setting"/> names every [Params] of the
/// class. <see cref="ClaimValidator"/> fails a run, before anything runs, whose claim names a side, a setting or a metric
/// that does not exist, whose bands are malformed, or whose comparison carries other bands elsewhere.
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

    /// <summary>A claim about one side alone: <paramref name="measure"/> (<see cref="ClaimMeasure.OverFloor"/>) of <paramref name="side"/>.</summary>
    public ClaimAttribute(int rule, string id, ClaimMeasure measure, string side)
    {
        Rule = rule;
        Id = id;
        Measure = measure;
        Side = side;
    }

    /// <summary>A count claim: the value of <paramref name="metricId"/> (a metric id the suite emits) observed on <paramref name="side"/>.</summary>
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

    /// <summary>What the claim asks, a yes/no question in words: "Do wrapped blocking calls run one after another?".</summary>
    public string Question { get; set; } = string.Empty;

    /// <summary>Band boundaries, strictly ascending: band 0 is below Thresholds[0], band i from Thresholds[i-1] up to Thresholds[i].</summary>
    public double[] Thresholds { get; set; } = [];

    /// <summary>Each band's answer to <see cref="Question"/> (one more than <see cref="Thresholds"/>), both answers among them.</summary>
    public Answer[] Answers { get; set; } = [];

    /// <summary>
    /// The answer the rule predicts here (default yes): the rule holds for the class's target where the claim answers
    /// this. A control says no: "does async beat a blocking loop?" asked of CPU-bound work, which rule 1 says gains little.
    /// </summary>
    public Answer HoldsIf { get; set; } = Answer.Yes;

    /// <summary>
    /// A time claim's premise, counted on this side (one of its two): its question presupposes that
    /// <see cref="PremiseMetric"/> was at least <see cref="PremiseAtLeast"/>. Where that fails in every launch, the count
    /// answers the question (<see cref="WithoutPremise"/>), whatever the time does; where it holds, the time decides.
    /// </summary>
    public string? PremiseSide { get; set; }

    public string? PremiseMetric { get; set; }

    public double PremiseAtLeast { get; set; } = double.NaN;

    /// <summary>The answer where the premise fails in every launch that counted it.</summary>
    public Answer WithoutPremise { get; set; } = Answer.No;

    /// <summary>Metric ids (<see cref="MetricIds"/>) observed on both sides, reported as what explains the value.</summary>
    public string[] Mechanism { get; set; } = [];

    /// <summary>Metric claims: divide the metric (per invocation) by the case's Count.</summary>
    public bool PerUnit { get; set; }

    /// <summary>True when the claim decides the rule's verdict for its target; otherwise it is evidence shown with it.</summary>
    public bool Deciding { get; set; }

    /// <summary>An evidence claim the rule's answer quotes beside its deciding ones: what the rule's subject costs instead.</summary>
    public bool Quoted { get; set; }

    /// <summary>Plain words for the side in the answers, where the method's own <see cref="InWordsAttribute"/> does not fit (a method with arguments).</summary>
    public string? SideWords { get; set; }

    /// <summary>Plain words for the versus side, where the method's own <see cref="InWordsAttribute"/> does not fit.</summary>
    public string? VersusWords { get; set; }

    /// <summary>Where a target has several deciding claims in one rule: which this is, in words ("one at a time").</summary>
    public string? Scope { get; set; }

    public DeclaredClaim ToDeclaration(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var target = ClaimTargetAttribute.Of(type);
        // Under an error budget every answer first says what share of its sides' units failed (Errors [%]): a time with
        // failed units in it is not the same time. Without one there is no such metric, and the claims are as declared.
        string[] mechanism = Harness.RunErrorBudget.Share is null ? Mechanism : [MetricIds.UnitsFailedShare, .. Mechanism.Where(m => m != MetricIds.UnitsFailedShare)];
        return new(type.FullName ?? type.Name, ClaimTargetAttribute.Describe(type), Rule, Id, Question, Measure, Side, Versus, MetricId, PerUnit, Setting, Thresholds, Answers, mechanism, Deciding)
        {
            HoldsIf = HoldsIf,
            Premise = PremiseSide is null || PremiseMetric is null ? null
                : new DeclaredPremise(PremiseSide, PremiseMetric, PremiseAtLeast, WithoutPremise) { SideWords = InWordsAttribute.Of(type, PremiseSide) },
            Quoted = Quoted,
            SideWords = SideWords ?? InWordsAttribute.Of(type, Side),
            VersusWords = Versus is null ? null : VersusWords ?? InWordsAttribute.Of(type, Versus),
            TargetName = target?.Name ?? target?.What,
            Family = target?.Family,
            Scope = Scope,
        };
    }

    /// <summary>
    /// The claims <paramref name="type"/> makes: its own [Claim]s, then those of each claim set it names
    /// (<see cref="ClaimsFromAttribute"/>), each read at the setting the class gives the set, with the mechanism it adds.
    /// </summary>
    public static IReadOnlyList<ClaimAttribute> Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return
        [
            .. type.GetCustomAttributes<ClaimAttribute>(inherit: false),
            .. type.GetCustomAttributes<ClaimsFromAttribute>(inherit: false)
                .SelectMany(from => from.Sets.SelectMany(set => set.GetCustomAttributes<ClaimAttribute>(inherit: false)).Select(claim => claim.At(from.Setting, from.Mechanism))),
        ];
    }

    /// <summary>A copy of this claim read at <paramref name="setting"/>, its mechanism followed by <paramref name="mechanism"/>.</summary>
    public ClaimAttribute At(string setting, IReadOnlyList<string>? mechanism = null)
    {
        var copy = (ClaimAttribute)MemberwiseClone();
        copy.Setting = setting;
        copy.Mechanism = [.. Mechanism, .. (mechanism ?? []).Where(m => !Mechanism.Contains(m))];
        return copy;
    }

    /// <summary>The comparison the claim reads (measure, sides, metric): one comparison has one set of bands everywhere (<see cref="ClaimValidator"/>).</summary>
    public string Comparison => Measure switch
    {
        ClaimMeasure.Ratio => $"{Side} ÷ {Versus}",
        ClaimMeasure.Difference => $"{Side} − {Versus}",
        ClaimMeasure.OverFloor => $"{Side} ÷ its floor",
        _ => $"{MetricId}{(PerUnit ? " per unit" : string.Empty)} of {Side}",
    };
}

/// <summary>
/// The [Claim]s of claim sets, classes that only carry them (<see cref="Sets"/>), made by the class this is on, each
/// read at <see cref="Setting"/>: the same predictions on several benchmark classes (rules 1 and 5 on every I/O target,
/// SQLite's rule 10 on its three classes) stated once. A claim in a set names no Setting of its own (<see cref="ClaimValidator"/>
/// checks), since each class runs its own; <see cref="Mechanism"/> adds the target's own counter to what explains the value.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ClaimsFromAttribute(params Type[] sets) : Attribute
{
    /// <summary>The claim sets, their claims taken in this order.</summary>
    public IReadOnlyList<Type> Sets { get; } = sets;

    /// <summary>The class's [Params] the set's claims are read at, every one named: "Count=100".</summary>
    public string Setting { get; set; } = string.Empty;

    /// <summary>The target's own metrics that explain the set's values (the server's requests at once, the devices' conversations), added to each claim's.</summary>
    public string[] Mechanism { get; set; } = [];
}

/// <summary>
/// What a class with claims measures, for the answers' lists and the per-target lines ("holds for HTTP and files").
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

    /// <summary>The short name an answer's list gives it: "HTTP", "SQLite point lookups" (default: <see cref="What"/>).</summary>
    public string? Name { get; set; }

    /// <summary>The name shared with the other targets of its kind, used when they all come out the same way: "SQLite", "files".</summary>
    public string? Family { get; set; }

    public static ClaimTargetAttribute? Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.GetCustomAttributes(typeof(ClaimTargetAttribute), inherit: false).OfType<ClaimTargetAttribute>().FirstOrDefault();
    }

    /// <summary>The target in full, for the current environment.</summary>
    public static string Describe(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var declared = Of(type);
        var what = declared?.What ?? type.Name;
        var realTarget = Observing.CaseFacts.RealTargetVariable(type);
        return realTarget is not null ? $"{what} (the real target in {realTarget})"
            : declared?.Fixture is { } fixture ? $"{what} ({fixture})"
            : what;
    }
}

/// <summary>
/// A benchmark method in plain words, for the rules' answers, which name no method: "a blocking loop" for Serial,
/// "Thread.Sleep" for SleepInAsync. A claim may say it otherwise where the method takes arguments
/// (<see cref="ClaimAttribute.SideWords"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class InWordsAttribute(string words) : Attribute
{
    public string Words { get; } = words;

    /// <summary>The words of the method a side names ("Method" or "Method(argument=value)") on <paramref name="type"/>; null when it declares none.</summary>
    public static string? Of(Type type, string side)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(side);
        var open = side.IndexOf('(', StringComparison.Ordinal);
        var method = open < 0 ? side : side[..open];
        return type.GetMethods().Where(m => m.Name == method).Select(m => m.GetCustomAttribute<InWordsAttribute>(inherit: true)?.Words).FirstOrDefault(w => w is not null);
    }
}
