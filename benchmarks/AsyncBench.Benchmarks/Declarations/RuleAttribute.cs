using AsyncBench.Protocol;

namespace AsyncBench.Benchmarks.Declarations;

/// <summary>
/// One rule of the Python post (shared/RULES.md) and its .NET counterpart, stated once for the
/// assembly; the declarations exporter carries it into every report's sidecar.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class RuleAttribute(int number, string rule, string counterpart) : Attribute
{
    public int Number { get; } = number;

    public string Rule { get; } = rule;

    public string Counterpart { get; } = counterpart;

    /// <summary>Set when tests, not benchmarks, are the evidence (e.g. "tests: HotTaskTests").</summary>
    public string? Evidence { get; set; }

    public DeclaredRule ToDeclaration() => new(Number, Rule, Counterpart, Evidence);
}
