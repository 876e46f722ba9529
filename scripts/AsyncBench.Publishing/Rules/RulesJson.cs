using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using AsyncBench.Protocol;
using AsyncBench.Publishing.Pages;
using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publishing.Rules;

/// <summary>
/// rules.json beside rules.md: every rule, its verdict and answer, its target lines, and every claim with its value,
/// interval, counts, answer and what decided it, at the declared setting and every other, so a review tool or a later
/// run reads them without parsing markdown. Format "asyncbench-rules/1"; numbers are invariant JSON numbers, a missing
/// value is null. A reviewer's run (reviewerSetting: the setting as its command line gave it; null for the suite's
/// declared setting) has a rule once per setting it was answered at (setting, in words), and each claim its instances at
/// the reviewer's setting (atReviewer; null in a declared run). Writes what <see cref="Claims.Evaluate"/> returned.
/// </summary>
public static class RulesJson
{
    public const string FileName = "rules.json";

    public const string Format = "asyncbench-rules/1";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // ×, ÷ and quotes as written: the file is read by people too
    };

    public static string Serialize(BenchmarkRun run, RunLabel label, RulesEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(evaluation);
        var document = new RulesDocument(
            Format,
            label.Commit,
            label.Machine,
            run.StartedUtc,
            evaluation.Reviewer?.Given,
            new EvidenceJson(evaluation.Evidence.FewestLaunches, evaluation.Evidence.MostLaunches, evaluation.Evidence.FromPasses, Claims.MinLaunches),
            evaluation.Between,
            new WidthsJson(evaluation.Widths.Values, evaluation.Widths.MedianUnpairedPercent, evaluation.Widths.MedianPublishedPercent),
            [.. evaluation.Pairing.Select(p => new PairingJson(p.Class, p.Values, Finite(p.MedianCorrelation), p.FromPasses, p.Paired))],
            [.. evaluation.Rules.Select(r => Rule(r, run.Declarations))]);
        return JsonSerializer.Serialize(document, Options) + "\n";
    }

    private static RuleJson Rule(RuleResult rule, RunDeclarations declarations) => new(
        rule.Rule.Number,
        rule.Rule.Rule,
        rule.Setting,
        rule.Kind,
        Answers.VerdictWords(rule),
        Answers.Of(rule, declarations).Replace("**", string.Empty, StringComparison.Ordinal),
        rule.Provisional,
        [.. rule.Lines.Select(l => new TargetJson(l.Claim.Class, l.Claim.Target, Answers.Label(l, rule), l.Claim.Id, l.Setting, l.Verdict, l.Answer, l.DecidedBy, l.Provisional))],
        [.. rule.Missing.Select(c => $"{c.Class} {c.Id}")],
        [.. rule.Claims.Select(Claim)]);

    private static ClaimJson Claim(ClaimResult claim)
    {
        var d = claim.Claim;
        return new ClaimJson(
            d.Class, d.Target, d.Id, d.Deciding, d.Quoted, d.Question, d.Measure, d.Side, d.Versus, d.MetricId, d.PerUnit, d.Setting,
            d.Thresholds, d.Answers, d.HoldsIf,
            d.Premise is { } p ? new PremiseJson(p.Side, p.MetricId, p.AtLeast, p.Otherwise) : null,
            claim.AtDeclared is { } at ? Instance(at) : null,
            claim.AtReviewer is { } reviewer ? [.. reviewer.Select(Instance)] : null,
            [.. claim.Curve.Select(Instance)]);
    }

    private static InstanceJson Instance(ClaimInstance i) => new(
        i.Setting,
        i.AtDeclaredSetting,
        i.ReviewerSetting,
        Finite(i.Value.Value),
        i.Value.HasInterval ? Finite(i.Value.Lower) : null,
        i.Value.HasInterval ? Finite(i.Value.Upper) : null,
        i.Unpaired is { HasInterval: true } u ? [Finite(u.Lower), Finite(u.Upper)] : null,
        i.Counts,
        i.Launches,
        i.Time?.Paired,
        i.Time is { } t ? Finite(t.Correlation) : null,
        i.Premise is { } p ? new PremiseReadingJson(p.Counts, p.Launches, p.Holds) : null,
        i.Answer,
        i.DecidedBy,
        i.Provisional);

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private sealed record RulesDocument(
        string Format, string Commit, string Machine, DateTime? Started, string? ReviewerSetting, EvidenceJson Evidence, BetweenRunsSummary BetweenRuns, WidthsJson IntervalHalfWidths,
        IReadOnlyList<PairingJson> Pairing, IReadOnlyList<RuleJson> Rules);

    private sealed record EvidenceJson(int FewestLaunches, int MostLaunches, bool FromPasses, int LaunchesATimeNeeds);

    private sealed record WidthsJson(int Ratios, double? MedianUnpairedPercent, double? MedianPublishedPercent);

    private sealed record PairingJson(string Class, int TimeValues, double? MedianCorrelation, bool FromPasses, bool Paired);

    private sealed record RuleJson(
        int Number, string Rule, string? Setting, VerdictKind Verdict, string Words, string Answer, bool Provisional,
        IReadOnlyList<TargetJson> Targets, IReadOnlyList<string> NotMeasured, IReadOnlyList<ClaimJson> Claims);

    private sealed record TargetJson(string Class, string Target, string Name, string Claim, string Setting, RuleOutcome Verdict, Answer? Answer, Decider DecidedBy, bool Provisional);

    private sealed record ClaimJson(
        string Class, string Target, string Id, bool Deciding, bool Quoted, string Question, ClaimMeasure Measure, string Side, string? Versus, string? Metric,
        bool PerUnit, string Setting, IReadOnlyList<double> Thresholds, IReadOnlyList<Answer> Answers, Answer HoldsIf, PremiseJson? Premise,
        InstanceJson? AtDeclared, IReadOnlyList<InstanceJson>? AtReviewer, IReadOnlyList<InstanceJson> Curve);

    private sealed record PremiseJson(string Side, string Metric, double AtLeast, Answer Otherwise);

    private sealed record InstanceJson(
        string Setting, bool Declared, string? ReviewerSetting, double? Value, double? Lower, double? Upper, IReadOnlyList<double?>? UnpairedInterval, IReadOnlyList<double> Counts,
        int Launches, bool? Paired, double? Correlation, PremiseReadingJson? Premise, Answer? Answer, Decider DecidedBy, bool Provisional);

    private sealed record PremiseReadingJson(IReadOnlyList<double> Counts, int Launches, bool? Holds);
}
