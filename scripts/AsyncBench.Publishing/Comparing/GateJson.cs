using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using AsyncBench.Publishing.Trials;

namespace AsyncBench.Publishing.Comparing;

/// <summary>
/// The machine-readable form of a comparison (<c>compare --json FILE</c>): every benchmark's judgement, noise,
/// power and gateability at the reported thresholds, its injected slowdown and canary flag, and the run-wide
/// decision, so power trials and A/A tabulation (<see cref="GateTrials"/>) count from it rather than from markdown.
/// </summary>
public static class GateJson
{
    public const string CurrentFormat = "asyncbench-comparison/1";

    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static GateDocument Document(GateResult comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var o = comparison.Options;
        var shares = new List<ShareDocument> { Share(comparison.Share) };
        if (comparison.FallbackShare is { } fallback)
        {
            shares.Add(Share(fallback));
        }

        return new GateDocument(
            CurrentFormat,
            comparison.Base.SourceDirectory,
            comparison.Diff.SourceDirectory,
            o.ThresholdPercent,
            FlagRule.Alpha,
            FlagRule.RequiredPower,
            Percent(o.FloorLog),
            comparison.HasRegression,
            comparison.RunWideSlower,
            comparison.RunWide is { } w
                ? new RunWideDocument(Percent(w.ShiftLog), Fraction(w.StandardError), w.Benchmarks, w.CanaryShiftLog is { } c ? Percent(c) : null, w.Canaries, w.CanariesMoved, w.Cause.ToString(), Percent(w.TakenOutLog), Percent(w.RunChangeLog), Percent(w.BandLog))
                : null,
            shares,
            [.. comparison.Compared.Select(c => Benchmark(c, o))]);
    }

    public static string Serialize(GateResult comparison) => JsonSerializer.Serialize(Document(comparison), Options);

    public static GateDocument Read(string file)
    {
        try
        {
            var document = JsonSerializer.Deserialize<GateDocument>(File.ReadAllText(file), Options);
            return document is { Format: CurrentFormat } ? document
                : throw new PublishException($"'{file}' is not a comparison in the format {CurrentFormat}. Write it with this version's 'compare --json FILE'.");
        }
        catch (JsonException e)
        {
            throw new PublishException($"'{file}' is not a valid comparison file ({e.Message.Split('.')[0]}). Write it with 'compare --json FILE'.", e);
        }
    }

    private static ShareDocument Share(GateableShare share) =>
        new(share.Basis, share.Benchmarks, share.AtThreshold.ToDictionary(p => Key(p.Key), p => p.Value, StringComparer.Ordinal));

    private static BenchmarkDocument Benchmark(BenchmarkJudgement c, GateOptions o) => new(
        c.Id.Key,
        c.Id.ClassName,
        c.Canary,
        c.InjectedSlowdown is { } i ? i * 100 : null,
        c.Base.Failed || c.Diff.Failed ? "Failed" : c.Noise?.Basis.ToString() ?? "None",
        c.Base.Failed || c.Diff.Failed ? "Failed" : c.Time.ToString(),
        c.Gateable,
        c.TimeRegressed,
        c.Ratio,
        c.OwnRatio,
        c.Noise is { IsKnown: true } n ? n.StandardError * 100 : null,
        c.Noise is { IsKnown: true } d ? d.DegreesOfFreedom : null,
        c.FlagAbovePercent(o.ThresholdPercent),
        FlagRule.ReportedThresholds.ToDictionary(Key, t => c.Power(t), StringComparer.Ordinal),
        FlagRule.ReportedThresholds.ToDictionary(Key, c.GateableAt, StringComparer.Ordinal),
        c.Cpu is { } cpu ? new CpuDocument(cpu.Ratio, cpu.OwnRatio, cpu.Noise is { IsKnown: true } cn ? cn.StandardError * 100 : null, cpu.Change.ToString(), cpu.Quieter, cpu.Gated) : null,
        c.Allocation is { } a ? new CountDocument(GateReport.CountChange(a), a.Gated, a.Increased) : null,
        c.WorkItems is { } w ? new CountDocument(GateReport.CountChange(w), w.Gated, w.Increased) : null);

    private static string Key(double threshold) => threshold.ToString("0.##", CultureInfo.InvariantCulture);

    private static double Percent(double log) => (Math.Exp(log) - 1) * 100;

    private static double? Fraction(double log) => double.IsFinite(log) ? log * 100 : null;
}

public sealed record GateDocument(
    string Format,
    string Base,
    string Diff,
    double ThresholdPercent,
    double Alpha,
    double RequiredPower,
    double FloorPercent,
    bool Regression,
    bool RunWideSlower,
    RunWideDocument? RunWide,
    IReadOnlyList<ShareDocument> GateableShares,
    IReadOnlyList<BenchmarkDocument> Benchmarks);

public sealed record RunWideDocument(
    double ShiftPercent,
    double? StandardErrorPercent,
    int Benchmarks,
    double? CanaryShiftPercent,
    int Canaries,
    bool CanariesMoved,
    string Cause,
    double TakenOutPercent,
    double RunChangePercent,
    double BandPercent);

public sealed record ShareDocument(string Basis, int Benchmarks, IReadOnlyDictionary<string, int> Gateable);

/// <summary>One benchmark's judgement; its field <see cref="Verdict"/> keeps the name the format published: Same, Slower, Faster, Untestable or Failed; <see cref="Flagged"/>: a slowdown that counts (gateable, not a canary).</summary>
public sealed record BenchmarkDocument(
    string Id,
    string Class,
    bool Canary,
    double? InjectedSlowdownPercent,
    string Basis,
    string Verdict,
    bool Gateable,
    bool Flagged,
    double? Ratio,
    double? OwnRatio,
    double? StandardErrorPercent,
    double? DegreesOfFreedom,
    double? FlagAbovePercent,
    IReadOnlyDictionary<string, double> Power,
    IReadOnlyDictionary<string, bool> GateableAt,
    CpuDocument? Cpu,
    CountDocument? Allocation,
    CountDocument? WorkItems);

public sealed record CpuDocument(double Ratio, double OwnRatio, double? StandardErrorPercent, string Verdict, bool Quieter, bool Gated);

public sealed record CountDocument(string Text, bool Gated, bool Increased);
