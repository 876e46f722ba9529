using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AsyncBench.Publishing.Paired;

/// <summary>
/// A paired night's manifest, <c>NIGHT/paired.json</c> (format 1), written by <c>scripts/nightly.sh</c>: the base, head
/// and anchor commits, the rotation, and each round of pairs with its slots. A slot pairs one base launch with one head
/// launch of every case of its round, back to back, in the order <see cref="PairedSlot.First"/>: either two job ids of the
/// round's one BenchmarkDotNet run (<see cref="PairedSlot.BaseJob"/>, <see cref="PairedSlot.HeadJob"/>: the commit A/B)
/// or two results folders (<see cref="PairedSlot.BaseReports"/>, <see cref="PairedSlot.HeadReports"/>: separate
/// invocations per side). Paths are relative to the night folder.
/// </summary>
public sealed record PairedManifest(
    int Format,
    string? Machine,
    long? Seed,
    double? ThresholdPercent,
    PairedCommit? Base,
    PairedCommit? Head,
    PairedCommit? Anchor,
    PairedRotation? Rotation,
    IReadOnlyList<PairedRoundEntry>? Rounds)
{
    public const string FileName = "paired.json";

    public const int CurrentFormat = 1;

    /// <summary>The pairs a round measures: head against base (the gate) or head against the anchor (the drift series).</summary>
    public const string HeadBase = "head-base";

    public const string HeadAnchor = "head-anchor";

    /// <summary>No base: the machine's first night, head ran alone.</summary>
    public bool HasBase => Base is { Commit.Length: > 0 } && Base.Reason != "none";

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip };

    /// <summary>Reads and checks <c>paired.json</c> in <paramref name="night"/>: one <see cref="PublishException"/> naming what is wrong.</summary>
    public static PairedManifest Read(string night)
    {
        if (!Directory.Exists(night))
        {
            throw new PublishException($"The night folder '{night}' does not exist. Pass the folder scripts/nightly.sh wrote (it holds {FileName}).");
        }

        var file = Path.Combine(night, FileName);
        if (!File.Exists(file))
        {
            throw new PublishException($"The night folder '{night}' has no {FileName}. Pass a folder written by scripts/nightly.sh, or write its manifest.");
        }

        PairedManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<PairedManifest>(File.ReadAllText(file), Json);
        }
        catch (JsonException e)
        {
            throw new PublishException($"'{file}' is not valid JSON ({e.Message.Split('.')[0]}); it may be truncated by an interrupted night. Run the night again.", e);
        }

        if (manifest is null || manifest.Format != CurrentFormat)
        {
            throw new PublishException($"'{file}' is not a paired-night manifest in format {CurrentFormat} (\"format\": {CurrentFormat}). Write it with this version's scripts/nightly.sh.");
        }

        if (manifest.Rounds is not { Count: > 0 } && manifest.HasBase)
        {
            throw new PublishException($"'{file}' lists no rounds: the night measured nothing. Run the night again.");
        }

        // A night without a base may list none: head ran alone, as nightly passes, and nothing is paired.
        manifest = manifest with { Rounds = manifest.Rounds ?? [] };
        foreach (var round in manifest.Rounds!)
        {
            round.Check(night, file);
        }

        return manifest;
    }
}

public sealed record PairedCommit(string? Ref, string? Commit, string? Reason, string? PinnedOn);

/// <summary>What tonight covers when the cases rotate over nights: part <see cref="Night"/> of <see cref="Parts"/>, its classes or cases.</summary>
public sealed record PairedRotation(string? Scheme, int? Night, int? Parts, IReadOnlyList<string>? Tonight);

/// <summary>One round: a BenchmarkDotNet results folder (the commit A/B) or slots naming a folder per side.</summary>
public sealed record PairedRoundEntry(
    int Round,
    string? Purpose,
    string? Pairs,
    string? Reports,
    IReadOnlyList<PairedSlot>? Slots,
    string? StartedUtc,
    string? EndedUtc,
    IReadOnlyList<NotPairedEntry>? NotPaired,
    IReadOnlyList<LaunchSecondsEntry>? LaunchSeconds = null)
{
    /// <summary>Head against the anchor (a drift round), not head against base.</summary>
    public bool IsAnchor => Pairs == PairedManifest.HeadAnchor;

    /// <summary>The round's wall time from its record (null when it does not say).</summary>
    public TimeSpan? Wall =>
        DateTime.TryParse(StartedUtc, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var start)
        && DateTime.TryParse(EndedUtc, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var end) && end >= start
            ? end - start : null;

    internal void Check(string night, string file)
    {
        if (Pairs is not (null or PairedManifest.HeadBase or PairedManifest.HeadAnchor))
        {
            throw new PublishException($"'{file}': round {Round} pairs '{Pairs}'; it must be {PairedManifest.HeadBase} or {PairedManifest.HeadAnchor}.");
        }

        if (Slots is not { Count: > 0 })
        {
            throw new PublishException($"'{file}': round {Round} has no slots. Each round lists its slots (one base and one head launch of each case).");
        }

        foreach (var slot in Slots)
        {
            var separate = slot.BaseReports is not null || slot.HeadReports is not null;
            if (separate)
            {
                Folder(night, slot.HeadReports, $"round {Round} slot {slot.Slot}'s headReports", file);
                if (slot.BaseReports is not null)
                {
                    Folder(night, slot.BaseReports, $"round {Round} slot {slot.Slot}'s baseReports", file);
                }
            }
            else if (slot.HeadJob is not { Length: > 0 })
            {
                throw new PublishException($"'{file}': round {Round} slot {slot.Slot} names no headJob (nor headReports). A slot names its two jobs, or two results folders.");
            }
        }

        if (Slots.Any(s => s.HeadReports is null))
        {
            Folder(night, Reports, $"round {Round}'s reports", file);
        }
    }

    private static void Folder(string night, string? relative, string what, string file)
    {
        if (relative is not { Length: > 0 } || !Directory.Exists(Path.Combine(night, relative)))
        {
            throw new PublishException($"'{file}': {what} '{relative}' is not a folder of the night. The round did not finish or the night folder is incomplete; run the night again.");
        }
    }
}

/// <summary>One slot: base's and head's launch of each case, back to back, <see cref="First"/> ("base" or "head") first.</summary>
public sealed record PairedSlot(int Slot, string? First, string? BaseJob, string? HeadJob, string? BaseReports, string? HeadReports);

/// <summary>A case the paired run gave head jobs only (absent from base, or declared differently there), and why.</summary>
public sealed record NotPairedEntry([property: JsonPropertyName("case")] string Case, string? Reason);

/// <summary>What a case's launches of the round took in all, both sides, timed by the host (the suite's LaunchClock).</summary>
public sealed record LaunchSecondsEntry([property: JsonPropertyName("case")] string Case, int Launches, double Seconds);
