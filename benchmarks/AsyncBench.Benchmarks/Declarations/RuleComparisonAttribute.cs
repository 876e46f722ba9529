using AsyncBench.Protocol;

namespace AsyncBench.Benchmarks.Declarations;

/// <summary>
/// A question this benchmark class answers for a rule, declared before any run: the ratio
/// median(<paramref name="slower"/>) ÷ median(<paramref name="faster"/>) at the fixed
/// <paramref name="setting"/>, and the outcome each band of that ratio means. Sides are benchmark
/// methods of the class, by <c>nameof</c>, with arguments where the method takes some:
/// <c>nameof(ParallelForEachAsync) + "(maxDegreeOfParallelism=64)"</c>. The exporter checks that
/// both sides exist. See <see cref="DeclaredComparison"/> for the bands.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RuleComparisonAttribute(int rule, string slower, string faster, string setting) : Attribute
{
    /// <summary>A clear effect: the slower side takes at least twice as long.</summary>
    public const double DefaultLargeAt = 2.0;

    /// <summary>Below a 10% difference (or the other way round) there is no effect worth a rule.</summary>
    public const double DefaultNoneBelow = 1.1;

    public int Rule { get; } = rule;

    public string Slower { get; } = slower;

    public string Faster { get; } = faster;

    /// <summary>The class's [Params] the verdict is read at, e.g. "Count=100&amp;LatencyMs=20"; every other setting is shown beside it.</summary>
    public string Setting { get; } = setting;

    /// <summary>What the comparison asks, in words, e.g. "Does async HTTP with WhenAll beat a blocking loop?".</summary>
    public string Question { get; set; } = string.Empty;

    public double LargeAt { get; set; } = DefaultLargeAt;

    public double NoneBelow { get; set; } = DefaultNoneBelow;

    public RuleOutcome IfLarge { get; set; } = RuleOutcome.Holds;

    public RuleOutcome IfSmall { get; set; } = RuleOutcome.HoldsDifferently;

    public RuleOutcome IfNone { get; set; } = RuleOutcome.DoesNotCarryOver;

    /// <summary>A control (e.g. the CPU-bound class of rule 1) never decides a rule; it can only turn "holds" into "holds differently".</summary>
    public bool Control { get; set; }

    public DeclaredComparison ToDeclaration(Type type) =>
        new(type.FullName ?? type.Name, Rule, Question, Slower, Faster, Setting, LargeAt, NoneBelow, IfLarge, IfSmall, IfNone, Control);
}
