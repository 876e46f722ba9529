using System.Globalization;
using System.Text.RegularExpressions;
using AsyncBench.Protocol;
using AsyncBench.Publishing.Formatting;
using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publishing.Rules;

/// <summary>How a sentence names a benchmark: in the plain words its class declares (the answers), or by its identifier (the evidence).</summary>
public enum Naming
{
    Words,
    Identifiers,
}

/// <summary>One target line of a rule, in words: what, the verdict, the effect with its interval, what was observed, what decided it.</summary>
public sealed record TargetLineText(string Target, string Verdict, string Effect, string Observed, string DecidedBy);

/// <summary>
/// The sentences of the rules page, written from the evaluated claims and the words the classes declare (targets,
/// sides, each metric's phrase): per rule one answer of at most <see cref="MaxWords"/> words that a reviewer pastes
/// (plain words, numbers with units, no identifier), a line per target, and the evidence's sentences with identifiers.
/// Counts of whole things are never fractional ("fewer than 1 result", "about 4"), singular and plural follow the
/// number (a phrase's "{unit|units}"), and a ratio is always said as "A took n× as long as B", n ≥ 1. When the full
/// answer is too long, detail is dropped in a fixed order (mechanism, quoted costs, the causes' and the inconclusive
/// targets' numbers, the effect) until it fits.
/// </summary>
public static partial class Answers
{
    public const int MaxWords = 30;

    /// <summary>Words as a reader counts them: runs of non-space characters, markdown emphasis ignored.</summary>
    public static int Words(string text) =>
        (text ?? string.Empty).Replace("**", string.Empty, StringComparison.Ordinal).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>The verdict's words for a kind: "Holds only for".</summary>
    public static string KindText(VerdictKind kind) => kind switch
    {
        VerdictKind.Holds => "Holds",
        VerdictKind.DoesNotCarryOver => "Does not carry over",
        VerdictKind.HoldsOnlyFor => "Holds only for",
        VerdictKind.Inconclusive => "Inconclusive",
        _ => "Not measured",
    };

    public static string OutcomeText(RuleOutcome outcome) => outcome switch
    {
        RuleOutcome.Holds => "holds",
        RuleOutcome.DoesNotCarryOver => "does not carry over",
        RuleOutcome.HoldsDifferently => "holds differently",
        _ => "inconclusive",
    };

    public static string AnswerText(Answer? answer) => answer switch
    {
        Answer.Yes => "yes",
        Answer.No => "no",
        _ => "undecided",
    };

    /// <summary>
    /// The rule's answer in plain words, at most <see cref="MaxWords"/>: its verdict, where it holds and where not, the
    /// effect with its interval, the cause where it does not hold, what it costs (quoted claims) and the mechanism.
    /// </summary>
    public static string Of(RuleResult result, RunDeclarations declarations)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(declarations);
        string? last = null;
        foreach (var detail in Details)
        {
            last = Compose(result, declarations, detail);
            if (Words(last) <= MaxWords)
            {
                return last;
            }
        }

        return last!;
    }

    /// <summary>
    /// The verdict's words without a number: the kind and which targets it holds for, does not, and is inconclusive for.
    /// What must read the same night after night while the numbers move (rules.json "words").
    /// </summary>
    public static string VerdictWords(RuleResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Kind == VerdictKind.NotMeasured)
        {
            return "Not measured";
        }

        var parts = new List<string>();
        var first = true;
        foreach (var outcome in result.Kind == VerdictKind.Inconclusive
            ? new[] { RuleOutcome.Inconclusive, RuleOutcome.DoesNotCarryOver }
            : [RuleOutcome.Holds, RuleOutcome.DoesNotCarryOver, RuleOutcome.Inconclusive])
        {
            var lines = result.Lines.Where(l => l.Verdict == outcome).ToList();
            if (lines.Count > 0)
            {
                var words = first ? (result.Kind == VerdictKind.HoldsOnlyFor ? KindText(result.Kind) : $"{KindText(result.Kind)} for") : outcome switch { RuleOutcome.DoesNotCarryOver => "not for", _ => "inconclusive for" };
                parts.Add($"{words} {Names(lines, result)}");
                first = false;
            }
        }

        return string.Join("; ", parts);
    }

    /// <summary>
    /// How much an answer says: mechanism statements, quoted costs, the causes' numbers, the effect; a ratio said as "A took
    /// n× as long as B", or <see cref="Concise"/>: "B n× faster than A"; <see cref="Terse"/>: an inconclusive rule's decided
    /// targets under "does not hold for" in place of the verdict's five words (rule 9's four scopes ran to 31 words).
    /// </summary>
    private sealed record Detail(int Mechanism, int Quoted, bool Causes, bool Effect, bool Concise, bool Terse = false);

    /// <summary>From all to least: the most statements first (quoted costs before mechanism at a tie), each said in full then concisely; then no causes, then no effect, then tersely.</summary>
    private static readonly Detail[] Details =
    [
        .. from mechanism in Enumerable.Range(0, 3)
           from quoted in Enumerable.Range(0, 3)
           from concise in new[] { false, true }
           orderby mechanism + quoted descending, quoted descending, concise
           select new Detail(mechanism, quoted, true, true, concise),
        new(0, 0, false, true, true),
        new(0, 0, false, false, true),
        new(0, 0, false, false, true, Terse: true),
    ];

    private static string Compose(RuleResult result, RunDeclarations declarations, Detail detail)
    {
        if (result.Kind == VerdictKind.NotMeasured)
        {
            return result.Claims.Count == 0
                ? "**Not measured**: no class in this run declares a claim for this rule."
                : result.ReviewersRun
                    ? "**Not measured** in this run: none of its deciding claims' two sides ran at the reviewer's setting" +
                        (result.Missing.Count > 0 ? $" ({List(result.Missing.Select(c => c.TargetName ?? c.Target).Distinct())})." : ".")
                : "**Not measured** in this run: none of its deciding claims' benchmarks ran" +
                    (result.Missing.Count > 0 ? $" ({List(result.Missing.Select(c => c.TargetName ?? c.Target).Distinct())})." : ".");
        }

        var notHolding = result.Lines.Where(l => l.Verdict == RuleOutcome.DoesNotCarryOver).ToList();
        var undecided = result.Lines.Where(l => l.Verdict == RuleOutcome.Inconclusive).ToList();
        var sentences = new List<string>();
        switch (result.Kind)
        {
            case VerdictKind.Holds or VerdictKind.DoesNotCarryOver or VerdictKind.HoldsOnlyFor:
            {
                var lines = result.Kind == VerdictKind.DoesNotCarryOver ? notHolding : [.. result.Lines.Where(l => l.Verdict == RuleOutcome.Holds)];
                sentences.Add(Head(result, lines, declarations, detail));
                if (result.Kind == VerdictKind.HoldsOnlyFor && notHolding.Count > 0)
                {
                    sentences.Add("Not for " + (detail.Causes ? NamedEffects(notHolding, result, declarations, detail.Concise) : Names(notHolding, result)));
                }

                if (undecided.Count > 0)
                {
                    sentences.Add("Inconclusive for " + (detail.Causes ? NamedEffects(undecided, result, declarations, detail.Concise) : Names(undecided, result)));
                }

                break;
            }

            default:
                sentences.Add("**Inconclusive** for " + (detail.Effect ? NamedEffects(undecided, result, declarations, detail.Concise) : Names(undecided, result)));
                if (notHolding.Count > 0)
                {
                    sentences.Add((detail.Terse ? "Does not hold for " : "Does not carry over for ") + (detail.Causes ? NamedEffects(notHolding, result, declarations, detail.Concise) : Names(notHolding, result)));
                }

                break;
        }

        return string.Join(". ", sentences) + ".";
    }

    /// <summary>
    /// The verdict and the lines it speaks for: "**Holds**: effect" for one target, "**Holds only for** a and b: effect" for
    /// several; a control (a line where the rule predicts "no", which does not share the others' effect) named after them:
    /// "**Holds only for** files and HTTP (effect) and CPU-bound work".
    /// </summary>
    private static string Head(RuleResult result, IReadOnlyList<ClaimInstance> lines, RunDeclarations declarations, Detail detail)
    {
        var kind = $"**{KindText(result.Kind)}**";
        var single = result.Lines.Select(l => (l.Claim.Class, l.Claim.Id)).Distinct().Count() == 1;
        var predicted = lines.Where(l => l.Claim.HoldsIf == Answer.Yes).ToList();
        var controls = lines.Where(l => l.Claim.HoldsIf != Answer.Yes).ToList();
        string head;
        if (predicted.Count == 0 || controls.Count == 0)
        {
            head = single
                ? detail.Effect ? $"{kind}: {Effect(lines, declarations, detail.Concise)}" : kind
                : $"{kind}{(result.Kind == VerdictKind.HoldsOnlyFor ? string.Empty : " for")} {(detail.Effect ? NamedEffects(lines, result, declarations, detail.Concise) : Names(lines, result))}";
        }
        else
        {
            var head2 = $"{kind}{(result.Kind == VerdictKind.HoldsOnlyFor ? string.Empty : " for")} {Names(predicted, result)}";
            head = (detail.Effect ? $"{head2} ({Effect(predicted, declarations, detail.Concise)})" : head2) + $" and {Names(controls, result)}";
        }

        return head + Extras(result, lines, declarations, detail, head);
    }

    /// <summary>
    /// "; it cost …" for the quoted claims of the targets named, and the mechanism of a rule with one target line; a phrase
    /// <paramref name="said"/> already holds is not said again (a quoted time its premise decided reads as the same count
    /// as the deciding claim: "async calls ran one at a time; async calls ran one at a time").
    /// </summary>
    private static string Extras(RuleResult result, IReadOnlyList<ClaimInstance> lines, RunDeclarations declarations, Detail detail, string said)
    {
        var targets = lines.Select(l => l.Claim.Class).ToHashSet(StringComparer.Ordinal);
        var quoted = result.Claims
            .Where(c => c.Claim.Quoted && targets.Contains(c.Claim.Class))
            .Select(c => c.AtDeclared)
            .OfType<ClaimInstance>()
            .GroupBy(i => i.Claim.Id, StringComparer.Ordinal)
            .Take(detail.Quoted)
            .Select(g => Effect([.. g], declarations, detail.Concise));
        var mechanism = lines.Select(l => (l.Claim.Class, l.Claim.Id)).Distinct().Count() == 1 && detail.Mechanism > 0
            ? Mechanism(lines[0], declarations, detail.Mechanism, Naming.Words)
            : null;
        var extras = quoted.Append(mechanism).OfType<string>().Where(e => !said.Contains(e, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        return extras.Count == 0 ? string.Empty : "; " + string.Join("; ", extras);
    }

    /// <summary>
    /// The targets of <paramref name="lines"/> by their short names: a target whose every line of the rule is among them by
    /// its name alone, else each line with its claim's scope ("file reads one at a time"); targets of one family (SQLite's
    /// three classes) by the family's name where every line of the rule from that family is among them.
    /// </summary>
    public static string Names(IReadOnlyList<ClaimInstance> lines, RuleResult result)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(result);
        bool AllIn(Func<ClaimInstance, bool> of) => result.Lines.Where(of).All(lines.Contains);
        var names = new List<string>();
        foreach (var line in lines)
        {
            var family = line.Claim.Family;
            var name = family is not null && result.Lines.Where(l => l.Claim.Family == family).Select(l => l.Claim.Class).Distinct().Count() > 1 && AllIn(l => l.Claim.Family == family)
                ? family
                : AllIn(l => l.Claim.Class == line.Claim.Class) ? line.Claim.TargetName ?? line.Claim.Target
                : Label(line, result);
            if (!names.Contains(name, StringComparer.Ordinal))
            {
                names.Add(name);
            }
        }

        return List(names);
    }

    /// <summary>A line's target by its short name, with its claim's scope where its class has several deciding claims in the rule.</summary>
    public static string Label(ClaimInstance line, RuleResult result)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(result);
        var name = line.Claim.TargetName ?? line.Claim.Target;
        var several = result.Lines.Count(l => l.Claim.Class == line.Claim.Class) > 1;
        return several ? $"{name} {line.Claim.Scope ?? line.Claim.Id}" : name;
    }

    /// <summary>
    /// "targets: effect", said once where the lines were decided alike (all by a count, or all by a time), else per kind of
    /// decider: "file reads: async calls took 5.01× as long as a blocking loop; SQLite: async calls ran one at a time", so a
    /// time is never given as the cause where a count decided.
    /// </summary>
    public static string NamedEffects(IReadOnlyList<ClaimInstance> lines, RuleResult result, RunDeclarations declarations, bool concise = false)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(declarations);
        var groups = lines.GroupBy(l => (Counted: l.DecidedBy is Decider.Count or Decider.Premise, Control: l.Claim.HoldsIf != Answer.Yes)).Select(g => (IReadOnlyList<ClaimInstance>)[.. g]).ToList();
        return groups.Count == 1
            ? $"{Names(lines, result)}: {Effect(lines, declarations, concise)}"
            : string.Join("; ", groups.Select(g => $"{Names(g, result)}: {Effect(g, declarations, concise)}"));
    }

    /// <summary>
    /// What <paramref name="lines"/> showed, in one phrase: the time effect ("a blocking loop took 1.66× to 80.9× as long as
    /// the async calls started together"), the count ("the async calls started together ran at most 1 at once") or the
    /// premise that decided (its count); one line's with its interval, several lines' of one claim as a range.
    /// </summary>
    public static string Effect(IReadOnlyList<ClaimInstance> lines, RunDeclarations declarations, bool concise = false)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(declarations);
        // A control (the rule predicts "no") says less of the rule's effect than a line where it predicts "yes".
        var effectLines = lines.Where(l => l.Claim.HoldsIf == Answer.Yes).ToList() is { Count: > 0 } yes ? yes : [.. lines];
        var key = effectLines[0];
        var same = effectLines.Where(l => l.Claim.Id == key.Claim.Id && l.DecidedBy == key.DecidedBy).ToList();
        if (same.Count > 1 && key.DecidedBy is Decider.Time or Decider.Value && key.Claim.Measure == ClaimMeasure.Ratio
            && (same.All(l => l.Value.Value >= 1) || same.All(l => l.Value.Value < 1)))
        {
            var (slower, faster) = key.Value.Value >= 1 ? (SideText(key, Naming.Words), VersusText(key, Naming.Words)) : (VersusText(key, Naming.Words), SideText(key, Naming.Words));
            var factors = same.Select(l => l.Value.Value >= 1 ? l.Value.Value : 1 / l.Value.Value).ToList();
            var (least, most) = (Format.Ratio(factors.Min()), Format.Ratio(factors.Max()));
            return least == most ? $"{faster} {least}× faster than {slower}" : $"{faster} {least}× to {most}× faster than {slower}";
        }

        if (same.Count > 1 && key.DecidedBy is Decider.Count or Decider.Premise)
        {
            return CountEffect(same, declarations, Naming.Words);
        }

        return key.DecidedBy is Decider.Count or Decider.Premise ? CountEffect([key], declarations, Naming.Words) : TimeEffect(key, Naming.Words, withInterval: true, concise);
    }

    /// <summary>A target line in words.</summary>
    public static TargetLineText Line(ClaimInstance line, RuleResult result, RunDeclarations declarations)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(declarations);
        var several = result.Lines.Count(l => l.Claim.Class == line.Claim.Class) > 1;
        var target = line.Claim.Target + (several ? $", {line.Claim.Scope ?? line.Claim.Id}" : string.Empty);
        var verdict = OutcomeText(line.Verdict) + (line.Provisional ? " (provisional)" : string.Empty);
        var effect = line.DecidedBy switch
        {
            Decider.Count => CountEffect([line], declarations, Naming.Words) + (line.Answer is null ? $" (launches disagree: {CountValues(line.Counts)})" : string.Empty),
            Decider.Premise => $"{CountEffect([line], declarations, Naming.Words)}, below the {Format.Number(line.Premise!.Premise.AtLeast)} its question presupposes, so the count answers; {TimeEffect(line, Naming.Words, withInterval: true)}",
            _ => TimeEffect(line, Naming.Words, withInterval: true) + (line.Answer is null ? $", across {Crossed(line)}" : string.Empty),
        };
        return new TargetLineText(target, verdict, Capitalize(effect), Capitalize(Mechanism(line, declarations, 4, Naming.Words) ?? "—"), DecidedBy(line));
    }

    /// <summary>What decided a claim (or did not), in words: "its interval, paired by pass", "the count, in all 5 launches".</summary>
    public static string DecidedBy(ClaimInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        string Counted(int counted, int launches) =>
            counted >= launches ? (counted == 1 ? "its one launch" : $"all {counted} launches")
            : $"{counted} of {launches} launches (launches back to back keep the last one's counts)";
        return instance.DecidedBy switch
        {
            Decider.Count => $"the count, {(instance.Answer is null ? "which differs between" : "alike in")} {Counted(instance.Counts.Count, instance.Launches)}",
            Decider.Premise => $"its premise's count, in {Counted(instance.Premise!.Counts.Count, instance.Premise.Launches)}",
            Decider.Value => $"its value alone ({Plural(instance.Launches, "launch", "launches")} a side; a verdict needs {Claims.MinLaunches}): provisional",
            _ => (instance.Answer is null ? "undecided: its interval" : "its interval")
                + (instance.Claim.Measure == ClaimMeasure.OverFloor ? ", each launch over its own floor" : instance.Time?.Paired == true ? ", paired by pass" : ", unpaired")
                + $", {Plural(instance.Launches, "launch", "launches")} a side",
        };
    }

    /// <summary>The thresholds inside the instance's interval: "1.1×".</summary>
    private static string Crossed(ClaimInstance instance) =>
        List(instance.Bands.Skip(1).Select(b => Threshold(instance.Claim, instance.Claim.Thresholds[b - 1])));

    /// <summary>
    /// A time claim's effect: "a blocking loop took 80.9× [61.3, 107] as long as async calls" (the factor always at least 1,
    /// the slower side first), or in an answer, <paramref name="concise"/>: "async calls 80.9× [61.3, 107] faster than a
    /// blocking loop"; a difference: "an async method that does not suspend cost 6.76 ns [5.78 ns, 7.75 ns] more per call
    /// than a plain method".
    /// </summary>
    public static string TimeEffect(ClaimInstance instance, Naming naming, bool withInterval, bool concise = false)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var (side, versus) = (SideText(instance, naming), VersusText(instance, naming));
        var value = instance.Value;
        var interval = withInterval && value.HasInterval;
        if (instance.Claim.Measure == ClaimMeasure.Difference)
        {
            var more = value.Value >= 0;
            // The bounds on the sentence's own scale ("more" or "less"), signed: an interval across zero reads
            // [−699 ns, 741 ns] more, never [699 ns, 741 ns], which would not hold its own value.
            var (low, high) = more ? (value.Lower, value.Upper) : (-value.Upper, -value.Lower);
            static string Signed(double ns) => ns < 0 ? "−" + Format.Time(-ns) : Format.Time(ns);
            var range = interval ? $" [{Signed(low)}, {Signed(high)}]" : string.Empty;
            return $"{side} cost {Format.Time(Math.Abs(value.Value))}{range} {(more ? "more" : "less")} per call than {versus}";
        }

        if (instance.Claim.Measure == ClaimMeasure.OverFloor)
        {
            return OverFloorEffect(instance, side, interval);
        }

        var slowerFirst = value.Value >= 1;
        var factor = slowerFirst ? value : new Estimate(1 / value.Value, 1 / value.Upper, 1 / value.Lower);
        var text = interval ? $"{Format.Ratio(factor.Value)}× [{Format.Ratio(factor.Lower)}, {Format.Ratio(factor.Upper)}]" : $"{Format.Ratio(factor.Value)}×";
        var (slower, faster) = slowerFirst ? (side, versus) : (versus, side);
        return concise ? $"{faster} {text} faster than {slower}" : $"{slower} took {text} as long as {faster}";
    }

    /// <summary>
    /// A time over its own applied floor, with what the floor is: "the async calls started together took 1.04× [1.01, 1.08]
    /// its floor, 212 ms: its schedule replayed on the delays the target really applied (all 100 in flight at once: the
    /// longest delay among them)".
    /// </summary>
    private static string OverFloorEffect(ClaimInstance instance, string side, bool interval)
    {
        var value = instance.Value;
        var text = interval ? $"{Format.Ratio(value.Value)}× [{Format.Ratio(value.Lower)}, {Format.Ratio(value.Upper)}]" : $"{Format.Ratio(value.Value)}×";
        var floor = instance.Side.Metric(MetricIds.FloorNs) is { } ns ? $", {Format.Time(ns)}" : string.Empty;
        var all = instance.Side.Metric(MetricIds.Concurrency) is { } lanes && instance.Side.Id.LongParameter(Setting.CountParameter) is { } count && lanes >= count
            ? $" (all {count} in flight at once: the longest delay among them)"
            : string.Empty;
        return $"{side} took {text} its floor{floor}: its schedule replayed on the delays the target really applied{all}";
    }

    /// <summary>
    /// A count in words, by its metric's phrase: a count claim's own, or a premise's (the count that decided a time claim);
    /// several lines of one claim as a range of their values ("ran at most 1 to 16 at once").
    /// </summary>
    public static string CountEffect(IReadOnlyList<ClaimInstance> lines, RunDeclarations declarations, Naming naming)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(declarations);
        var key = lines[0];
        var premise = key.DecidedBy == Decider.Premise && key.Premise is { } p ? p : null;
        var metricId = premise?.Premise.MetricId ?? key.Claim.MetricId!;
        var result = premise is null ? key.Side : key.Claim.Premise!.Side == key.Claim.Side ? key.Side : key.Versus!;
        var label = premise is null ? SideText(key, naming) : Label(premise.Premise.Side, premise.Premise.SideWords, naming);
        // The phrase states the counted value per batch; a per-unit claim's launches are per unit, so back to per batch.
        var perBatch = lines.SelectMany(l => l.DecidedBy == Decider.Premise ? l.Premise!.Counts : l.Counts.Select(c => l.Claim.PerUnit ? c * (l.Side.Id.LongParameter(Setting.CountParameter) ?? 1) : c)).ToList();
        return Phrase(declarations.Metric(metricId), metricId, label, perBatch.Min(), perBatch.Max(), result, naming);
    }

    /// <summary>
    /// What explains the value: the first <paramref name="count"/> statements of the claim's mechanism metrics, each for
    /// every side that has it (a count claim's own metric is its number already, and so is the premise's count on its side
    /// where the premise decided: both skipped).
    /// </summary>
    public static string? Mechanism(ClaimInstance instance, RunDeclarations declarations, int count, Naming naming)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(declarations);
        var sides = new List<(string Label, BenchmarkResult Result)> { (SideText(instance, naming), instance.Side) };
        if (instance.Versus is not null && instance.Claim.Versus is not null)
        {
            sides.Add((VersusText(instance, naming), instance.Versus));
        }

        var premise = instance.DecidedBy == Decider.Premise && instance.Claim.Premise is { } p
            ? (Result: p.Side == instance.Claim.Side ? instance.Side : instance.Versus, p.MetricId)
            : default;
        var phrases = instance.Claim.Mechanism
            .Where(m => instance.Claim.Measure != ClaimMeasure.Metric || m != instance.Claim.MetricId)
            .SelectMany(id => sides
                .Where(s => BuiltInMetrics.Value(s.Result, id) is not null && !(id == premise.MetricId && ReferenceEquals(s.Result, premise.Result)))
                .Select(s => Phrase(declarations.Metric(id), id, s.Label, BuiltInMetrics.Value(s.Result, id)!.Value, BuiltInMetrics.Value(s.Result, id)!.Value, s.Result, naming)))
            .Take(count)
            .ToList();
        return phrases.Count == 0 ? null : string.Join("; ", phrases);
    }

    /// <summary>The claim's value with identifiers, for the evidence: "`Serial` ÷ `WhenAll` 1.66× [1.21, 2.27]", a difference, or the count's phrase.</summary>
    public static string Number(ClaimInstance instance, RunDeclarations declarations)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(declarations);
        var claim = instance.Claim;
        var value = instance.Value;
        return claim.Measure switch
        {
            ClaimMeasure.Ratio => $"`{claim.Side}` ÷ `{claim.Versus}` " + (value.HasInterval ? Format.RatioWithInterval(value) : Format.Ratio(value.Value) + "×"),
            ClaimMeasure.Difference => $"`{claim.Side}` − `{claim.Versus}` {Format.Time(value.Value)}" + (value.HasInterval ? $" [{Format.Time(value.Lower)}, {Format.Time(value.Upper)}]" : string.Empty) + " per operation",
            ClaimMeasure.OverFloor => $"`{claim.Side}` ÷ its floor " + (value.HasInterval ? Format.RatioWithInterval(value) : Format.Ratio(value.Value) + "×"),
            _ => CountEffect([instance], declarations, Naming.Identifiers) + (claim.PerUnit ? $" ({CountValues(instance.Counts)} per unit)" : string.Empty),
        };
    }

    /// <summary>
    /// One observed value (or a range, <paramref name="low"/> to <paramref name="high"/>) by its metric's declared phrase:
    /// "{side}" the benchmark in words or by identifier, "{value}" the value with its unit (a count of whole things never
    /// fractional), "{count}" the case's units per batch, "{one|many}" the form its number needs. BenchmarkDotNet's work
    /// items are read per unit, and fewer than half a work item per batch as "completed synchronously". A metric without a
    /// phrase: "DisplayName of side: value".
    /// </summary>
    public static string Phrase(DeclaredMetric? metric, string id, string side, double low, double high, BenchmarkResult result, Naming naming)
    {
        ArgumentNullException.ThrowIfNull(result);
        var units = result.Id.LongParameter(Setting.CountParameter);
        if (id == BuiltInMetrics.WorkItems)
        {
            var per = units is > 1 ? "unit" : "batch";
            var items = units is > 1 ? high / units.Value : high;
            return high < 0.5 ? $"{side} queued no thread-pool work (every call completed synchronously)"
                : $"{side} queued {WholeCount(items)} thread-pool work {(Singular(items) ? "item" : "items")} per {per}";
        }

        var whole = metric is null || metric.Unit is "" or "Count";
        string Value(double v) => whole ? WholeCount(v) : FormatValue(v, metric!.Unit);
        // A range of whole things below 1 is "fewer than 1" at both ends ("0 to fewer than 1 result" says it twice).
        var value = low == high || (whole && low >= 0 && high < 1) ? Value(high) : $"{Value(low)} to {Value(high)}";
        if (metric?.Phrase is not { Length: > 0 } phrase)
        {
            return $"{metric?.DisplayName ?? id} of {side}: {value}";
        }

        var text = phrase
            .Replace("`{side}`", "{side}", StringComparison.Ordinal) // sidecars before format 3 quote the side themselves
            .Replace("{side}", side, StringComparison.Ordinal)
            .Replace("{value}", value, StringComparison.Ordinal)
            .Replace("{count}", units?.ToString(CultureInfo.InvariantCulture) ?? "the", StringComparison.Ordinal);
        return Forms().Replace(text, m => Singular(high) && whole ? m.Groups[1].Value : m.Groups[2].Value);
    }

    /// <summary>A count of whole things in words: 100, "about 4" (3.75), "fewer than 1" (0.0938): never a fraction of a thing.</summary>
    public static string WholeCount(double value) =>
        !double.IsFinite(value) ? "n/a"
        : value == Math.Floor(value) ? value.ToString("#,0", CultureInfo.InvariantCulture)
        : value >= 1 ? $"about {Math.Round(value, MidpointRounding.AwayFromZero).ToString("#,0", CultureInfo.InvariantCulture)}"
        : value > 0 ? "fewer than 1"
        : "0";

    /// <summary>The singular form goes with one thing or fewer (but not none): "1 unit", "fewer than 1 result", "0 errors".</summary>
    public static bool Singular(double value) => value > 0 && value < 1.5;

    /// <summary>A metric value with its declared unit, for a table's cell: times scaled, bytes as B/KB/MB, counts as they are (a median over iterations may be fractional there).</summary>
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

    /// <summary>Per-unit values (a share, not a count of things): 1, 0.5, 0.0009; a range where launches differ.</summary>
    public static string CountValues(IReadOnlyList<double> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        static string One(double v) => v == Math.Floor(v) && Math.Abs(v) < 1e9 ? v.ToString("0", CultureInfo.InvariantCulture) : Format.Significant(v);
        return counts.Count == 0 ? "n/a" : counts.Min() == counts.Max() ? One(counts[0]) : $"{One(counts.Min())} to {One(counts.Max())}";
    }

    public static string Threshold(DeclaredClaim claim, double threshold)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return claim.Measure switch
        {
            ClaimMeasure.Ratio or ClaimMeasure.OverFloor => threshold.ToString("0.###", CultureInfo.InvariantCulture) + "×",
            ClaimMeasure.Difference => Format.Time(threshold),
            _ => Format.Number(threshold) + (claim.PerUnit ? " per unit" : string.Empty),
        };
    }

    /// <summary>"1 launch", "5 launches".</summary>
    public static string Plural(int count, string one, string many) => string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? one : many)}");

    /// <summary>"a, b and c"; items that hold commas themselves are set apart by semicolons.</summary>
    public static string List(IEnumerable<string> items)
    {
        var all = items.ToList();
        var separator = all.Any(i => i.Contains(',', StringComparison.Ordinal)) ? "; " : ", ";
        return all.Count <= 1 ? string.Concat(all) : string.Join(separator, all.Take(all.Count - 1)) + " and " + all[^1];
    }

    private static string SideText(ClaimInstance instance, Naming naming) => Label(instance.Claim.Side, instance.Claim.SideWords, naming);

    private static string VersusText(ClaimInstance instance, Naming naming) => Label(instance.Claim.Versus ?? string.Empty, instance.Claim.VersusWords, naming);

    private static string Label(string side, string? words, Naming naming) =>
        naming == Naming.Identifiers || words is null ? $"`{side}`" : words;

    private static string Capitalize(string text) =>
        text.Length == 0 || !char.IsLower(text[0]) ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>"{unit|units}": the singular and plural forms a phrase offers.</summary>
    [GeneratedRegex(@"\{([^{}|]*)\|([^{}|]*)\}")]
    private static partial Regex Forms();
}
