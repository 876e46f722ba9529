using System.Globalization;
using System.Text.RegularExpressions;

namespace AsyncBench.Benchmarks.Faults;

/// <summary>
/// The fault-injection setting: <c>ASYNCBENCH_SLOWDOWN='&lt;glob&gt;=&lt;percent&gt;;&lt;glob&gt;=&lt;percent&gt;...'</c>.
/// Each glob is matched against BenchmarkDotNet's full benchmark name (as in the full JSON's <c>FullName</c>,
/// e.g. <c>AsyncBench.Benchmarks.Sqlite.SqlitePointLookupBenchmarks.Serial(Count: 100)</c>) the way
/// BenchmarkDotNet's <c>--filter</c> matches: <c>*</c> any run of characters, <c>?</c> one, case-insensitive,
/// the whole name. The first rule that matches a benchmark gives its slowdown; percent is a number in
/// (0, <see cref="MaxPercent"/>]. Unset or empty: off, and nothing in the run changes
/// (<see cref="SlowdownEngineFactory"/> is added to the job only when it is on).
/// Used to prove a regression gate's power with real slowdowns of the timed code, never for published numbers:
/// the declarations sidecar carries each injected benchmark's percent and the pages say so.
/// </summary>
public sealed class InjectedSlowdown
{
    public const string Variable = "ASYNCBENCH_SLOWDOWN";

    /// <summary>A tenfold slowdown: beyond this the setting is a typo, not a regression to detect.</summary>
    public const double MaxPercent = 1000;

    public static readonly InjectedSlowdown None = new([]);

    private InjectedSlowdown(IReadOnlyList<SlowdownRule> rules) => Rules = rules;

    public IReadOnlyList<SlowdownRule> Rules { get; }

    public bool IsOn => Rules.Count > 0;

    /// <summary>The setting of this process's environment; throws <see cref="FormatException"/> when it is malformed.</summary>
    public static InjectedSlowdown FromEnvironment() =>
        TryParse(Environment.GetEnvironmentVariable(Variable), out var slowdown, out var error) ? slowdown : throw new FormatException(error);

    /// <summary>Parses the variable's value; false with the message to print after <c>error: </c> when it is malformed.</summary>
    public static bool TryParse(string? text, out InjectedSlowdown slowdown, out string error)
    {
        slowdown = None;
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var rules = new List<SlowdownRule>();
        foreach (var part in text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var at = part.LastIndexOf('=');
            var pattern = at > 0 ? part[..at].Trim() : string.Empty;
            var percentText = at > 0 ? part[(at + 1)..].Trim().TrimEnd('%') : string.Empty;
            if (pattern.Length == 0 || percentText.Length == 0)
            {
                error = $"{Variable}='{text}': '{part}' is not <glob over full benchmark names>=<percent>, e.g. '*SqlitePointLookupBenchmarks.Serial(Count: 100)=15'. Correct it, or unset {Variable}.";
                return false;
            }

            if (!double.TryParse(percentText, NumberStyles.Float, CultureInfo.InvariantCulture, out var percent)
                || !double.IsFinite(percent) || percent <= 0 || percent > MaxPercent)
            {
                error = $"{Variable}='{text}': the slowdown of '{pattern}' must be a percent above 0 and at most {MaxPercent.ToString(CultureInfo.InvariantCulture)} (got '{percentText}'). Correct it, or unset {Variable}.";
                return false;
            }

            rules.Add(new SlowdownRule(pattern, percent));
        }

        slowdown = rules.Count == 0 ? None : new InjectedSlowdown(rules);
        return true;
    }

    /// <summary>The slowdown of the benchmark with this full name, in percent; null when no rule matches it.</summary>
    public double? PercentFor(string fullBenchmarkName) =>
        Rules.FirstOrDefault(r => r.Matches(fullBenchmarkName))?.Percent;

    /// <summary>The text of the setting, as the pages print it.</summary>
    public override string ToString() =>
        string.Join("; ", Rules.Select(r => $"{r.Pattern}={r.Percent.ToString(CultureInfo.InvariantCulture)}"));
}

/// <summary>One rule of <see cref="InjectedSlowdown"/>: benchmarks whose full name matches <see cref="Pattern"/> run <see cref="Percent"/> % slower.</summary>
public sealed class SlowdownRule(string pattern, double percent)
{
    // BenchmarkDotNet's GlobFilter, minus its match on the name without arguments: a rule names cases, not methods.
    private readonly Regex regex = new(
        "^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    public string Pattern => pattern;

    public double Percent => percent;

    public bool Matches(string fullBenchmarkName) => regex.IsMatch(fullBenchmarkName);
}
