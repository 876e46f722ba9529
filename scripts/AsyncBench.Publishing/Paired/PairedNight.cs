using AsyncBench.Publishing.Reading;

namespace AsyncBench.Publishing.Paired;

/// <summary>A case of a paired night: its full ID, BenchmarkDotNet's full name (what --filter matches) and whether it is a canary.</summary>
public sealed record PairedCase(BenchmarkId Id, string FullName, bool Canary = false)
{
    public string Class { get; } = Id.ClassName;

    /// <summary>The workload: the case's namespace (one folder of the suite per workload).</summary>
    public string Workload => Id.Namespace;
}

/// <summary>
/// The pairs one round gave each case: per case, ln(head ÷ base) of each slot, in slot order (each side's value in a
/// slot is its launch's median, <see cref="Statistics.NoiseModel.RunValueLog"/>), and how many launches its reports hold
/// (both sides, every case: 0 when not read from reports).
/// </summary>
public sealed record PairedRound(int Number, string Purpose, IReadOnlyDictionary<BenchmarkId, IReadOnlyList<double>> Pairs, int Launches = 0);

/// <summary>Why a case is not judged: present on one side only, or the paired run declined to pair it.</summary>
public sealed record NotComparableCase(BenchmarkId Id, string FullName, string Reason);

/// <summary>A case that failed in a slot: in head where base passed (it fails the night), or on both sides.</summary>
public sealed record FailedCase(BenchmarkId Id, string FullName, bool BasePassed, int Round, int Slot);

/// <summary>
/// What a night folder holds, read: its manifest, the head-base rounds' pairs per case (the gate's), the head-anchor
/// rounds' (the drift series'), the cases that cannot be compared and the failures.
/// </summary>
public sealed record PairedNight(
    string Folder,
    PairedManifest Manifest,
    IReadOnlyList<PairedCase> Cases,
    IReadOnlyList<PairedRound> Rounds,
    IReadOnlyList<PairedRound> AnchorRounds,
    IReadOnlyList<NotComparableCase> NotComparable,
    IReadOnlyList<FailedCase> Failures)
{
    /// <summary>The night's name: its folder's.</summary>
    public string Name => Path.GetFileName(Path.GetFullPath(Folder).TrimEnd(Path.DirectorySeparatorChar));

    /// <summary>Base and head are the same commit: an A/A night.</summary>
    public bool IsAa => Manifest.HasBase && Manifest.Base!.Commit == Manifest.Head?.Commit;

    /// <summary>When the night began: its first round's start, else its folder's name.</summary>
    public string Started => Manifest.Rounds!.Select(r => r.StartedUtc).FirstOrDefault(s => s is { Length: > 0 }) ?? Name;
}
