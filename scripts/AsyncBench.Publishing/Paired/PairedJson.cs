using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AsyncBench.Publishing.Paired;

/// <summary>
/// The machine-readable night (<c>paired NIGHT --json FILE</c>): the rule's numbers, the exit code, every case's outcome with
/// its pairs, interval and confirmation, the workloads' tallies, and <see cref="PairedDocument.Undecided"/>: the full
/// names the next night runs first (read by scripts/nightly.sh from the results branch).
/// </summary>
public static class PairedJson
{
    public const string CurrentFormat = "asyncbench-paired/1";

    public static readonly JsonSerializerOptions Options = new()
    {
        // scripts/nightly.sh reads the "undecided" names line by line, unescaping only \" and \\: names as written
        // (a nested type's '+', a string parameter's quotes and '<'), never \u escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static PairedDocument Document(PairedNightResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rule = result.Judgement.Rule;
        var manifest = result.Night.Manifest;
        return new PairedDocument(
            CurrentFormat,
            result.Night.Folder,
            manifest.Machine,
            manifest.Base?.Commit,
            manifest.Head?.Commit,
            result.ExitCode,
            new RuleDocument(rule.ThresholdPercent, rule.MinimumEffectPercent, rule.Cases, PairedRule.DiscoveryAlpha, PairedRule.DiscoveryLooks, rule.ConfirmationAlpha, rule.FasterAlpha, rule.NightBound, PairedRule.MinPairs),
            [.. result.Judgement.Undecided.Select(c => c.Case.FullName)],
            [.. result.Judgement.Cases.Select(Case)
                .Concat(result.Night.NotComparable.Select(n => new CaseDocument(n.FullName, n.Id.ClassName, n.Id.Namespace, "not-comparable", n.Reason, false, [], null, null, null, null, null, 0, null, null)))
                .Concat(result.Failed.Where(f => !result.Judgement.Cases.Any(c => c.Case.FullName == f.FullName))
                    .Select(f => new CaseDocument(f.FullName, string.Empty, string.Empty, f.BasePassed ? "failed-in-head" : "failed-in-both", $"round {f.Round}, slot {f.Slot}", false, [], null, null, null, null, null, 0, null, null)))],
            [.. result.Failed.Select(f => new FailedDocument(f.FullName, f.Round, f.Slot, f.BasePassed))],
            [.. result.Workloads.Select(w => new WorkloadDocument(w.Workload, w.Judged, w.Slower, w.Faster, w.Same, w.Undecided, w.UndecidedShare))]);
    }

    public static string Serialize(PairedNightResult result) => JsonSerializer.Serialize(Document(result), Options);

    private static CaseDocument Case(CaseJudgement c) => new(
        c.Case.FullName,
        c.Case.Class,
        c.Case.Workload,
        c.Case.Canary ? "canary" : c.Outcome.ToString().ToLowerInvariant(),
        c.Reason == UndecidedReason.None ? null : c.Reason.ToString(),
        c.Case.Canary,
        [.. c.Pairs.Select(p => new PairDocument(p.Round, Percent(p.LogRatio), p.Confirmation))],
        c.Interval is { } i ? Percent(i.CenterLog) : null,
        c.Interval is { } l && double.IsFinite(l.LowerLog) ? Percent(l.LowerLog) : null,
        c.Interval is { } u && double.IsFinite(u.UpperLog) ? Percent(u.UpperLog) : null,
        c.Interval is { Spread.IsKnown: true } s ? s.Spread.Sigma : null,
        c.Interval is { Spread.IsKnown: true } d ? d.Spread.DegreesOfFreedom : null,
        c.Looks,
        c.CandidateRound,
        c.Confirmation is { } f ? new ConfirmationDocument(f.Round, f.Pairs, Percent(f.CenterLog), double.IsFinite(f.LowerLog) ? Percent(f.LowerLog) : null, f.Alpha, f.Confirmed) : null);

    private static double Percent(double log) => (Math.Exp(log) - 1) * 100;
}

public sealed record PairedDocument(
    string Format,
    string Night,
    string? Machine,
    string? Base,
    string? Head,
    int ExitCode,
    RuleDocument Rule,
    IReadOnlyList<string> Undecided,
    IReadOnlyList<CaseDocument> Cases,
    IReadOnlyList<FailedDocument> Failed,
    IReadOnlyList<WorkloadDocument> Workloads);

public sealed record RuleDocument(double ThresholdPercent, double MinimumEffectPercent, int Cases, double DiscoveryAlpha, int DiscoveryLooks, double ConfirmationAlpha, double FasterAlpha, double NightBound, int MinPairs);

/// <summary>One case: <see cref="Outcome"/> is slower, faster, same, undecided, canary, not-comparable, failed-in-head or failed-in-both; percents are head ÷ base − 1.</summary>
public sealed record CaseDocument(
    [property: JsonPropertyName("case")] string Case,
    string Class,
    string Workload,
    string Outcome,
    string? Reason,
    bool Canary,
    IReadOnlyList<PairDocument> Pairs,
    double? CenterPercent,
    double? LowerPercent,
    double? UpperPercent,
    double? SigmaLog,
    double? DegreesOfFreedom,
    int Looks,
    int? CandidateRound,
    ConfirmationDocument? Confirmation);

public sealed record PairDocument(int Round, double Percent, bool Confirmation);

public sealed record ConfirmationDocument(int Round, int Pairs, double CenterPercent, double? LowerPercent, double Alpha, bool Confirmed);

public sealed record FailedDocument([property: JsonPropertyName("case")] string Case, int Round, int Slot, bool BasePassed);

public sealed record WorkloadDocument(string Workload, int Judged, int Slower, int Faster, int Same, int Undecided, double UndecidedShare);
