using System.Text;
using AsyncBench.Protocol;

namespace AsyncBench.Publishing;

/// <summary>Where a comparison's ratio interval falls against its declared thresholds.</summary>
public enum Band
{
    Large,
    Small,
    None,
    Undecided,
}

/// <summary>One declared comparison read at one setting of its class.</summary>
public sealed record ComparisonAt(string Setting, BenchmarkResult Slower, BenchmarkResult Faster, Estimate Ratio, Band Band, RuleOutcome Outcome);

/// <summary>A declared comparison with what the run shows: at its declared setting (null when not measured) and at every setting.</summary>
public sealed record ComparisonResult(DeclaredComparison Declared, ComparisonAt? AtDeclared, IReadOnlyList<ComparisonAt> Curve);

/// <summary>A rule's verdict: null <see cref="Outcome"/> when nothing measured it.</summary>
public sealed record RuleResult(DeclaredRule Rule, RuleOutcome? Outcome, string Finding, IReadOnlyList<ComparisonResult> Comparisons);

/// <summary>
/// The rules page. Each rule's verdict comes from the comparisons its benchmark classes declared
/// (<see cref="DeclaredComparison"/> in the declarations sidecar): which two benchmarks, at which
/// fixed setting, with which thresholds and what each band means. The publisher knows no class or
/// method name; with no declarations there is no rules page.
/// </summary>
public static class RulesPage
{
    public const string FileName = "rules.md";
    public const string NotMeasured = "not measured in this run";

    public static string OutcomeText(RuleOutcome? outcome) => outcome switch
    {
        RuleOutcome.Holds => "holds",
        RuleOutcome.HoldsDifferently => "holds differently in .NET",
        RuleOutcome.DoesNotCarryOver => "does not carry over",
        RuleOutcome.Inconclusive => "inconclusive",
        _ => NotMeasured,
    };

    public static IReadOnlyList<RuleResult> Evaluate(BenchmarkRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var succeeded = run.Results.Where(r => !r.Failed).ToList();
        var results = new List<RuleResult>();
        foreach (var rule in run.Declarations.Rules)
        {
            var comparisons = run.Declarations.Comparisons.Where(c => c.Rule == rule.Number).Select(c => Compare(c, succeeded)).ToList();
            if (comparisons.Count == 0)
            {
                results.Add(new RuleResult(rule, null, rule.Evidence is { } evidence ? $"Covered by {evidence}." : "None of the benchmarks in this run declares a comparison for this rule (its classes did not run).", comparisons));
                continue;
            }

            var outcome = Combine(comparisons);
            results.Add(new RuleResult(rule, outcome, Finding(outcome, comparisons), comparisons));
        }

        return results;
    }

    /// <summary>
    /// A rule's outcome from its comparisons. The deciding ones (not controls): all agree → that
    /// outcome; they disagree → holds differently. Controls only turn "holds" into "holds differently".
    /// An undecided comparison (or a declared control that was not measured) is inconclusive only when
    /// it could still change the answer: every way it could come out is tried. Null when no deciding
    /// comparison was measured.
    /// </summary>
    public static RuleOutcome? Combine(IReadOnlyList<ComparisonResult> comparisons)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        var deciding = comparisons.Where(c => !c.Declared.Control && c.AtDeclared is not null).Select(c => c.AtDeclared!.Outcome).ToList();
        var controls = comparisons.Where(c => c.Declared.Control).Select(c => c.AtDeclared?.Outcome ?? RuleOutcome.Inconclusive).ToList();
        if (deciding.Count == 0)
        {
            return null;
        }

        RuleOutcome[] decided = [RuleOutcome.Holds, RuleOutcome.HoldsDifferently, RuleOutcome.DoesNotCarryOver];
        var possible = Possibilities(deciding, decided)
            .Select(outcomes => outcomes.Distinct().Count() == 1 ? outcomes[0] : RuleOutcome.HoldsDifferently)
            .SelectMany(outcome => outcome != RuleOutcome.Holds
                ? [outcome]
                : Possibilities(controls, decided).Select(c => c.All(o => o == RuleOutcome.Holds) ? RuleOutcome.Holds : RuleOutcome.HoldsDifferently))
            .Distinct()
            .ToList();
        return possible.Count == 1 ? possible[0] : RuleOutcome.Inconclusive;
    }

    /// <summary>Every way the outcomes could be, an inconclusive one standing for each decided outcome in turn.</summary>
    private static IEnumerable<IReadOnlyList<RuleOutcome>> Possibilities(IReadOnlyList<RuleOutcome> outcomes, IReadOnlyList<RuleOutcome> decided)
    {
        IEnumerable<IReadOnlyList<RuleOutcome>> all = [[]];
        foreach (var outcome in outcomes)
        {
            var choices = outcome == RuleOutcome.Inconclusive ? decided : [outcome];
            all = [.. all.SelectMany(prefix => choices.Select(choice => (IReadOnlyList<RuleOutcome>)[.. prefix, choice])).DistinctBy(p => string.Join(',', p.Distinct().Order()))];
        }

        return all;
    }

    /// <summary>The band of a ratio's interval; undecided without an interval or across a threshold.</summary>
    public static Band BandOf(Estimate ratio, double largeAt, double noneBelow)
    {
        ArgumentNullException.ThrowIfNull(ratio);
        if (!ratio.HasInterval)
        {
            return Band.Undecided;
        }

        return ratio.Lower >= largeAt ? Band.Large
            : ratio.Upper < noneBelow ? Band.None
            : ratio.Lower >= noneBelow && ratio.Upper < largeAt ? Band.Small
            : Band.Undecided;
    }

    public static ComparisonResult Compare(DeclaredComparison declared, IReadOnlyList<BenchmarkResult> succeeded)
    {
        ArgumentNullException.ThrowIfNull(declared);
        var className = declared.Class.Replace('+', '.');
        var ofClass = succeeded.Where(r => r.Id.ClassName == className).ToList();
        var (slowerMethod, slowerArgs) = ParseSide(declared.Slower);
        var (fasterMethod, fasterArgs) = ParseSide(declared.Faster);
        var classParameters = ResultTables.ClassParameters(ofClass);
        var declaredSetting = ParseSetting(declared.Setting);
        var curve = new List<ComparisonAt>();
        ComparisonAt? atDeclared = null;
        foreach (var setting in ofClass.GroupBy(r => SettingOf(r.Id, classParameters)))
        {
            var slower = setting.FirstOrDefault(r => Matches(r.Id, slowerMethod, slowerArgs, classParameters));
            var faster = setting.FirstOrDefault(r => Matches(r.Id, fasterMethod, fasterArgs, classParameters));
            if (slower is null || faster is null)
            {
                continue;
            }

            var ratio = Intervals.Ratio(slower, faster);
            var band = BandOf(ratio, declared.LargeAt, declared.NoneBelow);
            var outcome = band switch
            {
                Band.Large => declared.IfLarge,
                Band.Small => declared.IfSmall,
                Band.None => declared.IfNone,
                _ => RuleOutcome.Inconclusive,
            };
            var at = new ComparisonAt(SettingText(slower.Id, classParameters), slower, faster, ratio, band, outcome);
            curve.Add(at);
            if (SameSetting(slower.Id, classParameters, declaredSetting))
            {
                atDeclared = at;
            }
        }

        return new ComparisonResult(declared, atDeclared, curve);
    }

    public static string Render(BenchmarkRun run, RunLabel label, IReadOnlyList<ResultTable> tables)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(tables);
        var pages = tables.GroupBy(t => t.ClassName).ToDictionary(g => g.Key, g => WorkloadPage.FileName(g.First().Workload), StringComparer.Ordinal);
        var rules = Evaluate(run);
        var md = new StringBuilder("# The rules, measured\n\n");
        WorkloadPage.EnvironmentHeader(md, run, label);
        md.Append("Each rule is answered by comparisons its benchmark classes declare in code (`[RuleComparison]`), before any run: ")
          .Append("two benchmarks, a fixed setting, and what the ratio of their medians means. The ratio is median(slower side) ÷ median(faster side); ")
          .Append("its interval comes from the two medians' 95% intervals (Harrell–Davis, Perfolizer), so it holds at least 90% of the time. ")
          .Append("It is *large* when the whole interval is at or above the declared threshold, *none* when it is below the lower one (also when the sides swap), ")
          .Append("*small* in between, and undecided when it straddles a threshold. Each band's outcome is declared with the comparison. ")
          .Append("A rule holds (or does not carry over) when its comparisons agree, holds differently in .NET when they differ, and is inconclusive when an undecided comparison could change that. ")
          .Append("A control comparison (e.g. CPU-bound work for rule 1) can only turn \"holds\" into \"holds differently\". ")
          .Append("Every other setting of each comparison is listed too, so a reader sees where a rule holds and where it does not. Failed benchmarks are left out.\n\n");
        md.Append("| # | Rule | Verdict | The .NET finding |\n|---|---|---|---|\n");
        foreach (var rule in rules)
        {
            md.Append("| ").Append(rule.Rule.Number).Append(" | ").Append(Cell(rule.Rule.Rule)).Append(" | **").Append(rule.Outcome is null && rule.Rule.Evidence is not null ? "covered by tests" : OutcomeText(rule.Outcome))
              .Append("** | ").Append(Cell(rule.Finding)).Append(" |\n");
        }

        md.Append('\n');
        foreach (var rule in rules)
        {
            md.Append("## Rule ").Append(rule.Rule.Number).Append(": ").Append(rule.Rule.Rule).Append("\n\n");
            md.Append("- .NET counterpart: ").Append(rule.Rule.Counterpart).Append('\n');
            md.Append("- Verdict: **").Append(rule.Outcome is null && rule.Rule.Evidence is not null ? "covered by tests" : OutcomeText(rule.Outcome)).Append("**\n");
            md.Append("- Finding: ").Append(rule.Finding).Append("\n\n");
            if (rule.Comparisons.Count == 0)
            {
                continue;
            }

            md.Append("| Class | Question | Slower ÷ faster | Declared setting | Ratio [interval] | Thresholds: large ≥, none < | Outcome |\n|---|---|---|---|---|---|---|\n");
            foreach (var c in rule.Comparisons)
            {
                var d = c.Declared;
                md.Append("| ").Append(ClassLink(d.Class, pages)).Append(d.Control ? " (control)" : string.Empty)
                  .Append(" | ").Append(Cell(d.Question))
                  .Append(" | `").Append(d.Slower).Append("` ÷ `").Append(d.Faster)
                  .Append("` | ").Append(d.Setting.Length == 0 ? "(no parameters)" : d.Setting.Replace("&", ", ", StringComparison.Ordinal))
                  .Append(" | ").Append(c.AtDeclared is { } at ? Format.RatioWithInterval(at.Ratio) : NotMeasured)
                  .Append(" | ").Append(Format.Number(d.LargeAt)).Append("×, ").Append(Format.Number(d.NoneBelow)).Append('×')
                  .Append(" | ").Append(c.AtDeclared is { } a ? $"{a.Band.ToString().ToLowerInvariant()} → {OutcomeText(a.Outcome)}" : "—")
                  .Append(" |\n");
            }

            md.Append('\n');
            var curves = rule.Comparisons.Where(c => c.Curve.Count > 1).ToList();
            if (curves.Count > 0)
            {
                md.Append("Across every setting measured (the declared one in bold):\n\n");
                md.Append("| Class | Slower ÷ faster | Setting | Ratio [interval] | Outcome there |\n|---|---|---|---|---|\n");
                foreach (var c in curves)
                {
                    foreach (var at in c.Curve)
                    {
                        var declared = ReferenceEquals(at, c.AtDeclared);
                        md.Append("| ").Append(TypeName(c.Declared.Class)).Append(" | `").Append(c.Declared.Slower).Append("` ÷ `").Append(c.Declared.Faster).Append("` | ")
                          .Append(declared ? $"**{at.Setting}**" : at.Setting).Append(" | ").Append(Format.RatioWithInterval(at.Ratio))
                          .Append(" | ").Append(OutcomeText(at.Outcome)).Append(" |\n");
                    }
                }

                md.Append('\n');
            }
        }

        return md.ToString();
    }

    /// <summary>
    /// One sentence: the rule's outcome, then its comparisons grouped by their own outcome, each with
    /// its ratio, interval and what the fixtures observed; controls and unmeasured comparisons last.
    /// </summary>
    private static string Finding(RuleOutcome? outcome, IReadOnlyList<ComparisonResult> comparisons)
    {
        var groups = new List<string>();
        foreach (var group in comparisons.Where(c => c.AtDeclared is not null && !c.Declared.Control).GroupBy(c => c.AtDeclared!.Outcome).OrderBy(g => g.Key))
        {
            groups.Add($"{OutcomeText(group.Key)} for {JoinAnd(group.Select(Clause))}");
        }

        var controls = comparisons.Where(c => c.AtDeclared is not null && c.Declared.Control).ToList();
        if (controls.Count > 0)
        {
            groups.Add($"control{(controls.Count > 1 ? "s" : string.Empty)}: {JoinAnd(controls.Select(c => $"{Clause(c)}, {OutcomeText(c.AtDeclared!.Outcome)}"))}");
        }

        var missing = comparisons.Where(c => c.AtDeclared is null).ToList();
        if (missing.Count > 0)
        {
            groups.Add($"not measured: {JoinAnd(missing.Select(c => $"{TypeName(c.Declared.Class)} `{c.Declared.Slower}` ÷ `{c.Declared.Faster}` at {c.Declared.Setting.Replace("&", ", ", StringComparison.Ordinal)}"))}");
        }

        var head = outcome is null ? "Not measured in this run" : char.ToUpperInvariant(OutcomeText(outcome)[0]) + OutcomeText(outcome)[1..];
        return head + ": " + string.Join("; ", groups) + ".";
    }

    /// <summary><c>HttpBenchmarks (`WhenAll` 80.7× faster than `Serial`, ratio 80.7× [70.5, 90.7]; the server saw ...)</c>.</summary>
    private static string Clause(ComparisonResult c)
    {
        var at = c.AtDeclared!;
        var text = new StringBuilder(TypeName(c.Declared.Class)).Append(" (`").Append(c.Declared.Faster).Append("` ")
            .Append(Format.Relative(at.Faster.Statistics!.Median / at.Slower.Statistics!.Median)).Append(" `").Append(c.Declared.Slower)
            .Append("`, ").Append(Format.Time(at.Faster.Statistics.Median)).Append(" vs ").Append(Format.Time(at.Slower.Statistics.Median))
            .Append(", ratio ").Append(Format.RatioWithInterval(at.Ratio));
        foreach (var observation in Observations(at, c.Declared.Slower, c.Declared.Faster))
        {
            text.Append("; ").Append(observation);
        }

        return text.Append(')').ToString();
    }

    private static string JoinAnd(IEnumerable<string> parts)
    {
        var list = parts.ToList();
        return list.Count <= 1 ? string.Concat(list) : string.Join(", ", list.Take(list.Count - 1)) + " and " + list[^1];
    }

    /// <summary>What the fixtures and BenchmarkDotNet observed about the two sides: pool work, pool threads, the server's view.</summary>
    private static IEnumerable<string> Observations(ComparisonAt at, string slowerLabel, string fasterLabel)
    {
        foreach (var (faster, label, result) in new[] { (false, slowerLabel, at.Slower), (true, fasterLabel, at.Faster) })
        {
            var name = $"`{label}`";
            if (faster && result.CompletedWorkItemsPerOperation is { } items && result.Id.LongParameter(SuiteCatalog.CountParameter) is { } count and > 0)
            {
                // Under half a work item per batch: nothing of it went through the pool.
                yield return items < 0.5
                    ? $"{name} queued no thread-pool work for its {count} units (its calls completed synchronously)"
                    : $"{name} queued {Format.Significant(items / count)} thread-pool work items per unit";
            }

            if (result.Metric(MetricIds.ThreadsBefore) is { } before && result.Metric(MetricIds.ThreadsAfter) is { } after && after > before)
            {
                yield return $"under {name} the pool grew from {Format.Number(before)} to {Format.Number(after)} threads";
            }

            if (result.Metric(MetricIds.HttpPeakInFlight) is { } peak)
            {
                yield return $"the server saw at most {Format.Number(peak)} of {name}'s requests at once";
            }

            if (result.Metric(MetricIds.HttpRefused) is { } refused && refused > 0)
            {
                yield return $"the server refused {Format.Number(refused)} of {name}'s requests per batch";
            }

            if (result.Metric(MetricIds.SerialPeakConcurrent) is { } conversations)
            {
                yield return $"at most {Format.Number(conversations)} of {name}'s conversations overlapped";
            }
        }
    }

    /// <summary><c>Serial</c> or <c>ParallelForEachAsync(maxDegreeOfParallelism=64)</c> → the method and its arguments.</summary>
    public static (string Method, IReadOnlyDictionary<string, string> Arguments) ParseSide(string side)
    {
        ArgumentNullException.ThrowIfNull(side);
        var open = side.IndexOf('(', StringComparison.Ordinal);
        if (open < 0 || !side.EndsWith(')'))
        {
            return (side, new Dictionary<string, string>());
        }

        var arguments = side[(open + 1)..^1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(a => a.Split('=', 2))
            .ToDictionary(a => a[0], a => a.Length > 1 ? a[1] : string.Empty, StringComparer.Ordinal);
        return (side[..open], arguments);
    }

    private static Dictionary<string, string> ParseSetting(string setting) =>
        ReportReader.ParseParameters(setting).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private static bool Matches(BenchmarkId id, string method, IReadOnlyDictionary<string, string> arguments, IReadOnlySet<string> classParameters)
    {
        var own = id.Parameters.Where(p => !classParameters.Contains(p.Key)).ToList();
        return id.Method == method && own.Count == arguments.Count && own.All(p => arguments.TryGetValue(p.Key, out var v) && v == p.Value);
    }

    private static bool SameSetting(BenchmarkId id, IReadOnlySet<string> classParameters, IReadOnlyDictionary<string, string> setting)
    {
        var own = id.Parameters.Where(p => classParameters.Contains(p.Key)).ToList();
        return own.Count == setting.Count && own.All(p => setting.TryGetValue(p.Key, out var v) && v == p.Value);
    }

    private static string SettingOf(BenchmarkId id, IReadOnlySet<string> classParameters) =>
        string.Join("&", id.Parameters.Where(p => classParameters.Contains(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    private static string SettingText(BenchmarkId id, IReadOnlySet<string> classParameters) =>
        string.Join(", ", id.Parameters.Where(p => classParameters.Contains(p.Key)).Select(p => $"{p.Key}={p.Value}"));

    private static string TypeName(string className) => className[(className.LastIndexOf('.') + 1)..];

    private static string ClassLink(string className, IReadOnlyDictionary<string, string> pages) =>
        pages.TryGetValue(className.Replace('+', '.'), out var page)
            ? $"[{TypeName(className)}]({page}#{TypeName(className).ToLowerInvariant()})"
            : TypeName(className);

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
