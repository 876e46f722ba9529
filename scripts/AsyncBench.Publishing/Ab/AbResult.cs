using AsyncBench.Publishing.Reading;

namespace AsyncBench.Publishing.Ab;

/// <summary>
/// One case of a one-run A/B: its per-round log ratios B ÷ A (each side's value in a round is the median of
/// its one launch), their Hodges–Lehmann center (Pragmastat's Center, the median of the Walsh averages) and
/// the distribution-free interval of that center (the Wilcoxon signed-rank interval: order statistics of the
/// Walsh averages, at the reached level), and the outcome.
/// </summary>
public sealed record AbCase(BenchmarkId Id, IReadOnlyList<double> RoundLogRatios, double CenterLog, double LowerLog, double UpperLog, double Level, AbOutcome Outcome)
{
    public double Ratio => Math.Exp(CenterLog);
}

public enum AbOutcome
{
    /// <summary>B is faster than A: the whole interval is below 1.</summary>
    Faster,

    /// <summary>B is slower than A: the whole interval is above 1.</summary>
    Slower,

    /// <summary>The interval holds 1: no difference beyond the noise.</summary>
    NoDifference,

    /// <summary>Too few complete rounds for an interval.</summary>
    TooFewRounds,
}

/// <summary>What was loaded in the benchmark processes of one side: the versions its launches recorded.</summary>
public sealed record AbSide(string Label, string Version, int Launches, IReadOnlyList<string> LoadedVersions)
{
    public bool Proven => LoadedVersions.Count > 0 && LoadedVersions.All(v => v == Version);
}

public sealed record AbResult(string SourceDirectory, AbSide A, AbSide B, int Rounds, IReadOnlyList<AbCase> Cases)
{
    public IReadOnlyList<AbCase> Slower => [.. Cases.Where(c => c.Outcome == AbOutcome.Slower)];

    public IReadOnlyList<AbCase> Faster => [.. Cases.Where(c => c.Outcome == AbOutcome.Faster)];

    /// <summary>The cases with enough rounds for an outcome.</summary>
    public IReadOnlyList<AbCase> Decided => [.. Cases.Where(c => c.Outcome != AbOutcome.TooFewRounds)];

    /// <summary>B against A over the decided cases: the geometric mean of their centers; NaN with none decided.</summary>
    public double GeometricMeanRatio => Decided.Count > 0 ? Math.Exp(Decided.Average(c => c.CenterLog)) : double.NaN;
}
