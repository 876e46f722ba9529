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
/// <para>
/// The same rules, one per line (<c>#</c> starts a comment), can be COMMITTED in <see cref="FileName"/> (absent on main):
/// the build embeds the file, and the benchmark process reads its own build's copy. So in a paired run
/// (<see cref="Running.PairedRun"/>), where the variable would slow both sides, a head commit that adds the file slows
/// head's benchmarks alone, as a real regression in that commit would (scripts/make-slowdown-commit.sh makes one).
/// </para>
/// </summary>
public sealed class InjectedSlowdown
{
    public const string Variable = "ASYNCBENCH_SLOWDOWN";

    /// <summary>The committed fault injection, from the repository's root; embedded in the build when present.</summary>
    public const string FileName = "benchmarks/AsyncBench.Benchmarks/Faults/InjectedSlowdown.txt";

    /// <summary>The embedded copy's name (the LogicalName in AsyncBench.Benchmarks.csproj).</summary>
    public const string ResourceName = "AsyncBench.Benchmarks.Faults.InjectedSlowdown.txt";

    /// <summary>A tenfold slowdown: beyond this the setting is a typo, not a regression to detect.</summary>
    public const double MaxPercent = 1000;

    public static readonly InjectedSlowdown None = new([]);

    private InjectedSlowdown(IReadOnlyList<SlowdownRule> rules) => Rules = rules;

    public IReadOnlyList<SlowdownRule> Rules { get; }

    public bool IsOn => Rules.Count > 0;

    /// <summary>The setting of this process's environment; throws <see cref="FormatException"/> when it is malformed.</summary>
    public static InjectedSlowdown FromEnvironment() =>
        TryParse(Environment.GetEnvironmentVariable(Variable), out var slowdown, out var error) ? slowdown : throw new FormatException(error);

    /// <summary>The rules committed in this build (<see cref="FileName"/>, embedded); <see cref="None"/> when the build has none.</summary>
    public static InjectedSlowdown Committed() =>
        TryParseCommitted(CommittedText(), out var slowdown, out var error) ? slowdown : throw new FormatException(error);

    /// <summary>What this process slows: the variable's rules when it is set, else this build's committed ones (the host refuses both at once).</summary>
    public static InjectedSlowdown Current() => FromEnvironment() is { IsOn: true } set ? set : Committed();

    /// <summary>The text of the committed file as embedded in this build; null when the build has none.</summary>
    public static string? CommittedText()
    {
        using var stream = typeof(InjectedSlowdown).Assembly.GetManifestResourceStream(ResourceName);
        return stream is null ? null : new StreamReader(stream).ReadToEnd();
    }

    /// <summary>Parses the committed file's text: one rule a line, <c>#</c> comments; false with the error line when a line is malformed.</summary>
    public static bool TryParseCommitted(string? text, out InjectedSlowdown slowdown, out string error)
    {
        var lines = (text ?? string.Empty).Split('\n').Select(l => l.Split('#')[0].Trim()).Where(l => l.Length > 0);
        return TryParse(lines, FileName, $"correct the file, or remove it (git rm {FileName})", out slowdown, out error);
    }

    /// <summary>Parses the variable's value; false with the message to print after <c>error: </c> when it is malformed.</summary>
    public static bool TryParse(string? text, out InjectedSlowdown slowdown, out string error) =>
        TryParse((text ?? string.Empty).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), $"{Variable}='{text}'", $"correct it, or unset {Variable}", out slowdown, out error);

    private static bool TryParse(IEnumerable<string> parts, string source, string whatToDo, out InjectedSlowdown slowdown, out string error)
    {
        slowdown = None;
        error = string.Empty;
        var rules = new List<SlowdownRule>();
        foreach (var part in parts)
        {
            var at = part.LastIndexOf('=');
            var pattern = at > 0 ? part[..at].Trim() : string.Empty;
            var percentText = at > 0 ? part[(at + 1)..].Trim().TrimEnd('%') : string.Empty;
            if (pattern.Length == 0 || percentText.Length == 0)
            {
                error = $"{source}: '{part}' is not <glob over full benchmark names>=<percent>, e.g. '*SqlitePointLookupBenchmarks.Serial(Count: 100)=15'; {whatToDo}.";
                return false;
            }

            if (!double.TryParse(percentText, NumberStyles.Float, CultureInfo.InvariantCulture, out var percent)
                || !double.IsFinite(percent) || percent <= 0 || percent > MaxPercent)
            {
                error = $"{source}: the slowdown of '{pattern}' must be a percent above 0 and at most {MaxPercent.ToString(CultureInfo.InvariantCulture)} (got '{percentText}'); {whatToDo}.";
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
