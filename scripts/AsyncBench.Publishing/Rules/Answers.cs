using System.Globalization;
using AsyncBench.Protocol;
using AsyncBench.Publishing.Formatting;
using AsyncBench.Publishing.Reading;

namespace AsyncBench.Publishing.Rules;

/// <summary>
/// One answer per rule, at most <see cref="MaxWords"/> words, computed from the numbers: the verdict and its
/// scope (the targets where it holds and where it does not), one number with its interval, and the mechanism
/// observed, phrased by each metric's own <see cref="DeclaredMetric.Phrase"/>. The claims, bands and curves stay
/// below it on the page as the evidence. When the full sentence is too long, detail is dropped in a fixed
/// order (extra mechanisms, then the evidence number, then long lists) until it fits.
/// </summary>
public static class Answers
{
    public const int MaxWords = 50;

    /// <summary>Words as a reader counts them: runs of non-space characters, markdown emphasis ignored.</summary>
    public static int Words(string text) =>
        (text ?? string.Empty).Replace("**", string.Empty, StringComparison.Ordinal).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>A rule's answer in one sentence of at most <see cref="MaxWords"/> words: its verdict, the values that decided it, and why.</summary>
    public static string Of(RuleResult result, RunDeclarations declarations)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Of(result.Rule, result.Verdict, result.Claims, declarations);
    }

    public static string Of(DeclaredRule rule, RuleVerdict verdict, IReadOnlyList<ClaimResult> claims, RunDeclarations declarations)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(declarations);
        string? last = null;
        foreach (var detail in Details)
        {
            last = Compose(verdict, claims, declarations, detail);
            if (Words(last) <= MaxWords)
            {
                return last;
            }
        }

        return last!;
    }

    /// <summary>
    /// How much an answer says, from all to least: observed phrases stated for the quoted number, targets listed
    /// per list, whether a time number backs a count, whether the cause is stated where the rule does not hold.
    /// </summary>
    private sealed record Detail(int Phrases, int Listed, bool EvidenceNumber, int CausePhrases);

    private static readonly Detail[] Details =
    [
        new(4, int.MaxValue, true, 2),
        new(2, int.MaxValue, true, 2),
        new(2, int.MaxValue, false, 2),
        new(2, 2, false, 2),
        new(1, 2, false, 1),
        new(1, 1, false, 1),
        new(0, 1, false, 1),
        new(0, 1, false, 0),
    ];

    private static string Compose(RuleVerdict verdict, IReadOnlyList<ClaimResult> claims, RunDeclarations declarations, Detail detail)
    {
        var listed = detail.Listed;
        var mechanisms = detail.Phrases;
        var sentences = new List<string>();
        switch (verdict.Kind)
        {
            case VerdictKind.NotMeasured:
                return claims.Count == 0
                    ? "**Not measured**: no class in this run declares a claim for this rule."
                    : "**Not measured** in this run: none of its deciding claims' benchmarks ran" +
                        (verdict.Missing.Count > 0 ? $" ({List(verdict.Missing.Select(c => c.Target).Distinct(), listed)})." : ".");
            case VerdictKind.NotJudged:
            {
                var key = verdict.Undecided[0];
                var launches = verdict.Undecided.Min(i => i.Launches);
                sentences.Add($"**Not judged**: {launches} launch{(launches == 1 ? string.Empty : "es")} per case; verdicts need {Claims.MinLaunches} (`--profile nightly`). {Capitalize(Number(key, declarations, withInterval: false))} on {key.Claim.Target}");
                AddMechanism(sentences, key, declarations, mechanisms);
                break;
            }

            case VerdictKind.Holds or VerdictKind.DoesNotCarryOver:
            {
                var scope = verdict.Kind == VerdictKind.Holds ? verdict.Holding : verdict.NotHolding;
                var key = Key(scope);
                sentences.Add($"**{(verdict.Kind == VerdictKind.Holds ? "Holds" : "Does not carry over")}** on {Scope(scope, verdict, listed)}: {Number(key, declarations, withInterval: true)}{Where(key, scope)}");
                AddMechanism(sentences, key, declarations, mechanisms);
                AddEvidenceNumber(sentences, key, claims, declarations, detail);
                break;
            }

            case VerdictKind.HoldsOnlyFor or VerdictKind.HoldsDifferently:
            {
                var key = Key(verdict.Holding.Count > 0 ? verdict.Holding : verdict.NotHolding);
                var head = verdict.Kind == VerdictKind.HoldsOnlyFor ? "Holds only for" : "Holds differently in .NET; holds for";
                sentences.Add($"**{head}** {Scope(verdict.Holding, verdict, listed)}: {Number(key, declarations, withInterval: true)}{Where(key, verdict.Holding)}");
                AddEvidenceNumber(sentences, key, claims, declarations, detail);
                if (verdict.NotHolding.Count > 0)
                {
                    var cause = detail.CausePhrases > 0 ? Mechanism(verdict.NotHolding[0], declarations, detail.CausePhrases) : null;
                    sentences.Add($"Not for {Scope(verdict.NotHolding, verdict, listed)}" + (cause is null ? string.Empty : $": {cause}"));
                }

                if (verdict.Undecided.Count > 0)
                {
                    sentences.Add($"Undecided: {Scope(verdict.Undecided, verdict, listed)}");
                }

                break;
            }

            default:
            {
                // Inconclusive: the undecided instance that could change the verdict, and what its bands declare.
                var key = verdict.Undecided.Count > 0 ? verdict.Undecided[0] : Key([.. verdict.Holding, .. verdict.NotHolding]);
                sentences.Add($"**Inconclusive**: {Number(key, declarations, withInterval: true)} on {key.Claim.Target} spans {Spans(key)}");
                AddMechanism(sentences, key, declarations, mechanisms);
                if (verdict.Holding.Count > 0 && listed > 1)
                {
                    sentences.Add($"Holds for {Scope(verdict.Holding, verdict, listed)}");
                }

                if (verdict.NotHolding.Count > 0 && listed > 1)
                {
                    sentences.Add($"Not for {Scope(verdict.NotHolding, verdict, listed)}");
                }

                break;
            }
        }

        return string.Join(". ", sentences.Where(s => s.Length > 0)) + ".";
    }

    /// <summary>The instance whose number the answer quotes: the first with an interval, else the first.</summary>
    private static ClaimInstance Key(IReadOnlyList<ClaimInstance> instances) =>
        instances.FirstOrDefault(i => i.Value.HasInterval) ?? instances[0];

    private static void AddMechanism(List<string> sentences, ClaimInstance key, RunDeclarations declarations, int count)
    {
        if (count > 0 && Mechanism(key, declarations, count) is { } mechanism)
        {
            sentences.Add(Capitalize(mechanism));
        }
    }

    /// <summary>Where the quoted number is a count (no interval), a time claim of the same class with its interval.</summary>
    private static void AddEvidenceNumber(List<string> sentences, ClaimInstance key, IReadOnlyList<ClaimResult> claims, RunDeclarations declarations, Detail detail)
    {
        if (key.Value.HasInterval || !detail.EvidenceNumber)
        {
            return;
        }

        var evidence = claims.Select(c => c.AtDeclared).FirstOrDefault(i => i is not null && i.Claim.Class == key.Claim.Class && i.Value.HasInterval);
        if (evidence is not null)
        {
            sentences.Add(Capitalize(Number(evidence, declarations, withInterval: true)));
        }
    }

    /// <summary>
    /// The targets of <paramref name="instances"/>; a target that two claims of the rule measure is named with the
    /// claim where it also stands in another list ("holds only for file reads (async-api-one-at-a-time). Not for
    /// file reads (async-api-all-at-once)"), so "holds for" and "not for" never name the same thing.
    /// </summary>
    private static string Scope(IReadOnlyList<ClaimInstance> instances, RuleVerdict verdict, int listed)
    {
        var shared = new[] { verdict.Holding, verdict.NotHolding, verdict.Undecided }
            .SelectMany(list => list.Select(i => i.Claim.Target).Distinct())
            .GroupBy(t => t, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal);
        return List(instances.Select(i => shared.Contains(i.Claim.Target) ? $"{i.Claim.Target} ({i.Claim.Id})" : i.Claim.Target).Distinct(StringComparer.Ordinal), listed);
    }

    private static string Where(ClaimInstance key, IReadOnlyList<ClaimInstance> scope) =>
        scope.Select(i => i.Claim.Target).Distinct().Count() > 1 ? $" on {key.Claim.Target}" : string.Empty;

    /// <summary>"1.1 (holds above, does not carry over below)": the thresholds inside the interval and the outcomes around them.</summary>
    private static string Spans(ClaimInstance instance)
    {
        var bands = instance.Bands;
        if (bands.Count < 2)
        {
            return "an undecided band";
        }

        var cuts = bands.Skip(1).Select(b => Threshold(instance.Claim, instance.Claim.Thresholds[b - 1])).ToList();
        var outcomes = bands.Select(b => OutcomeText(instance.Claim.Outcomes[b])).ToList();
        return bands.Count == 2
            ? $"{cuts[0]} ({outcomes[1]} above, {outcomes[0]} below)"
            : $"{List(cuts, int.MaxValue)} ({List(outcomes, int.MaxValue)})";
    }

    /// <summary>The instance's number: "`Serial` ÷ `WhenAll` 78.3× [70.1, 87.4]", "`A` − `B` 14.2 ns [11.0 ns, 17.5 ns]", or the metric's phrase.</summary>
    public static string Number(ClaimInstance instance, RunDeclarations declarations, bool withInterval)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(declarations);
        var claim = instance.Claim;
        var value = instance.Value;
        var interval = withInterval && value.HasInterval;
        return claim.Measure switch
        {
            ClaimMeasure.Ratio => $"`{claim.Side}` ÷ `{claim.Versus}` " + (interval ? Format.RatioWithInterval(value) : Format.Ratio(value.Value) + "×"),
            ClaimMeasure.Difference => $"`{claim.Side}` − `{claim.Versus}` {Format.Time(value.Value)}" + (interval ? $" [{Format.Time(value.Lower)}, {Format.Time(value.Upper)}]" : string.Empty) + " per operation",
            _ => MetricClaim(instance, declarations),
        };
    }

    private static string MetricClaim(ClaimInstance instance, RunDeclarations declarations)
    {
        var claim = instance.Claim;
        var raw = BuiltInMetrics.Value(instance.Side, claim.MetricId!) ?? double.NaN;
        var text = Phrase(declarations.Metric(claim.MetricId!), claim.MetricId!, claim.Side, raw, instance.Side);
        return claim.PerUnit ? $"{text} ({FormatCount(instance.Value.Value)} per unit)" : text;
    }

    /// <summary>
    /// The mechanism observed: the first <paramref name="count"/> statements of the claim's mechanism metrics, each
    /// metric stated for every side that has it (the claim's own metric is already its number, so skipped).
    /// </summary>
    public static string? Mechanism(ClaimInstance instance, RunDeclarations declarations, int count)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(declarations);
        var sides = new List<(string Label, BenchmarkResult Result)> { (instance.Claim.Side, instance.Side) };
        if (instance.Versus is not null && instance.Claim.Versus is not null)
        {
            sides.Add((instance.Claim.Versus, instance.Versus));
        }

        var phrases = instance.Claim.Mechanism
            .Where(m => instance.Claim.Measure != ClaimMeasure.Metric || m != instance.Claim.MetricId)
            .SelectMany(id => sides
                .Where(s => BuiltInMetrics.Value(s.Result, id) is not null)
                .Select(s => Phrase(declarations.Metric(id), id, s.Label, BuiltInMetrics.Value(s.Result, id)!.Value, s.Result)))
            .Take(count)
            .ToList();
        return phrases.Count == 0 ? null : string.Join("; ", phrases);
    }

    /// <summary>
    /// One observed value in words, by the metric's declared phrase ("{side}" the benchmark's label, "{value}" the
    /// value with its unit). BenchmarkDotNet's work items are read per unit, and fewer than half a work item per
    /// batch as "completed synchronously". A metric without a phrase: "DisplayName of `side`: value".
    /// </summary>
    public static string Phrase(DeclaredMetric? metric, string id, string side, double value, BenchmarkResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (id == BuiltInMetrics.WorkItems)
        {
            var units = result.Id.LongParameter(Setting.CountParameter);
            var (items, per) = units is > 1 ? (FormatCount(value / units.Value), "unit") : (FormatCount(value), "batch");
            return value < 0.5 ? $"`{side}` queued no thread-pool work (its calls completed synchronously)"
                : $"`{side}` queued {items} thread-pool work item{(items == "1" ? string.Empty : "s")} per {per}";
        }

        var formatted = metric is null ? FormatCount(value) : FormatValue(value, metric.Unit);
        return metric?.Phrase is { Length: > 0 } phrase
            ? phrase.Replace("{side}", side, StringComparison.Ordinal).Replace("{value}", formatted, StringComparison.Ordinal)
            : $"{metric?.DisplayName ?? id} of `{side}`: {formatted}";
    }

    /// <summary>A metric value with its declared unit: times scaled, bytes as B/KB/MB, counts as they are.</summary>
    public static string FormatValue(double value, string unit) => unit switch
    {
        "ns" => Format.Time(value),
        "us" or "μs" => Format.Time(value * 1e3),
        "ms" => Format.Time(value * 1e6),
        "s" => Format.Time(value * 1e9),
        "B" => Format.Bytes(value),
        "" or "Count" => FormatCount(value),
        _ => $"{FormatCount(value)} {unit}",
    };

    public static string FormatCount(double value) =>
        !double.IsFinite(value) ? "n/a"
        : value == Math.Floor(value) && Math.Abs(value) < 1e9 ? value.ToString("0", CultureInfo.InvariantCulture)
        : Format.Significant(value);

    public static string OutcomeText(RuleOutcome outcome) => outcome switch
    {
        RuleOutcome.Holds => "holds",
        RuleOutcome.DoesNotCarryOver => "does not carry over",
        RuleOutcome.HoldsDifferently => "holds differently",
        _ => "inconclusive",
    };

    public static string Threshold(DeclaredClaim claim, double threshold)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return claim.Measure switch
        {
            ClaimMeasure.Ratio => threshold.ToString("0.###", CultureInfo.InvariantCulture) + "×",
            ClaimMeasure.Difference => Format.Time(threshold),
            _ => FormatCount(threshold) + (claim.PerUnit ? " per unit" : string.Empty),
        };
    }

    private static string List(IEnumerable<string> items, int listed)
    {
        var all = items.ToList();
        if (all.Count > listed)
        {
            all = [.. all.Take(listed), $"{all.Count - listed} more"];
        }

        // Items that hold commas themselves ("SQLite inserts, one transaction each") are set apart by semicolons.
        var separator = all.Any(i => i.Contains(',', StringComparison.Ordinal)) ? "; " : ", ";
        return all.Count <= 1 ? string.Concat(all) : string.Join(separator, all.Take(all.Count - 1)) + " and " + all[^1];
    }

    private static string Capitalize(string text) =>
        text.Length == 0 || text[0] == '`' ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
