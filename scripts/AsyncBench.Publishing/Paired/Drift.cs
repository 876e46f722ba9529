using AsyncBench.Publishing.Statistics;
using Perfolizer.Mathematics.Cpd;

namespace AsyncBench.Publishing.Paired;

/// <summary>The change-point detector of the drift series: Perfolizer 0.6.1's ED-PELT or RQQ-PELT, offline, over the whole series.</summary>
public enum DriftMethod
{
    /// <summary>ED-PELT (Haynes et al. 2017): a nonparametric cost; the penalty is <c>Penalty × ln n</c> per change point (Perfolizer's own: 3 ln n).</summary>
    EdPelt,

    /// <summary>RQQ-PELT (Akinshin): quantile-respectful distances; the penalty is its sensitivity (Perfolizer's default 0.5).</summary>
    RqqPelt,
}

/// <summary>
/// The detector's settings, chosen by <c>drift-simulate</c> on this machine's series (the table in its report): ED-PELT
/// with a penalty of <see cref="DefaultPenalty"/> ln n per change point, segments of at least <see cref="DefaultMinDistance"/> nights.
/// </summary>
public sealed record DriftDetector(DriftMethod Method, double Penalty, int MinDistance)
{
    /// <summary>
    /// ED-PELT's penalty as a multiple of ln n: the smallest of the simulated ones (2, 3, 4, 6, 8) with no shift on any
    /// resampled A/A series of the development data (three unadjacent whole-suite nights, 2026-12-01); Perfolizer's own is 3.
    /// </summary>
    public const double DefaultPenalty = 6;

    /// <summary>A segment is at least this many nights: a shift can be reported this many nights after it began, not sooner.</summary>
    public const int DefaultMinDistance = 3;

    public static DriftDetector Default { get; } = new(DriftMethod.EdPelt, DefaultPenalty, DefaultMinDistance);

    /// <summary>The 0-based indexes where a new segment begins (each change point's next value).</summary>
    public IReadOnlyList<int> Starts(IReadOnlyList<double> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        PeltChangePointDetector detector = Method == DriftMethod.EdPelt ? new PenalizedEdPelt(Penalty) : new RqqPeltChangePointDetector(Penalty);
        return [.. detector.GetChangePointIndexes([.. series], MinDistance).Select(i => i + 1)];
    }

    public string Description => Method == DriftMethod.EdPelt
        ? $"ED-PELT (Perfolizer 0.6.1), penalty {Penalty:0.##} ln n, segments ≥ {MinDistance} nights"
        : $"RQQ-PELT (Perfolizer 0.6.1), sensitivity {Penalty:0.##}, segments ≥ {MinDistance} nights";

    /// <summary>ED-PELT with its cost unchanged and the penalty per change point set: Perfolizer 0.6.1 fixes it at 3 ln n.</summary>
    private sealed class PenalizedEdPelt(double multiplier) : PeltChangePointDetector
    {
        public override ICostCalculator CreateCostCalculator(double[] data) =>
            new Cost(new EdPeltChangePointDetector.CostCalculator(data), multiplier * Math.Log(data.Length));

        private sealed class Cost(ICostCalculator inner, double penalty) : ICostCalculator
        {
            public double Penalty => penalty;

            public double GetCost(int tau0, int tau1, int tau2) => inner.GetCost(tau0, tau1, tau2);
        }
    }
}

/// <summary>One night's point of a case's drift series: ln(head ÷ anchor), the mean of its head-anchor pairs that night.</summary>
public sealed record DriftPoint(string Night, string Started, double LogRatio, int Pairs);

/// <summary>A case's series against one anchor commit (a re-pinned anchor starts a new series), oldest night first.</summary>
public sealed record DriftSeries(PairedCase Case, string Anchor, IReadOnlyList<DriftPoint> Points);

/// <summary>A shift the detector found: the night it began, the series' median before and after, and its size.</summary>
public sealed record DriftShift(DriftSeries Series, int Start, double BeforeLog, double AfterLog)
{
    public string Night => Series.Points[Start].Night;

    public double SizeLog => AfterLog - BeforeLog;
}

/// <summary>The drift verb's result: every series, the shifts found, and the detector.</summary>
public sealed record DriftResult(IReadOnlyList<string> Nights, IReadOnlyList<DriftSeries> Series, IReadOnlyList<DriftShift> Shifts, DriftDetector Detector)
{
    /// <summary>The series long enough for the detector (two segments of its minimum length).</summary>
    public int Judged => Series.Count(s => s.Points.Count >= 2 * Detector.MinDistance);
}

/// <summary>
/// The head ÷ anchor series across nights and their change points. The anchor is a fixed commit paired with head each
/// night (head-anchor rounds), so the series carries no day term, and a creep of 1–3 % per passed night that the moving
/// base hides shows as a shift here.
/// </summary>
public static class Drift
{
    /// <summary>The nights in <paramref name="paths"/>: each a night folder (with paired.json), or a folder of night folders (its sub-folders with one, by name).</summary>
    public static IReadOnlyList<string> NightFolders(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var nights = new List<string>();
        foreach (var path in paths)
        {
            if (File.Exists(Path.Combine(path, PairedManifest.FileName)))
            {
                nights.Add(path);
            }
            else if (Directory.Exists(path))
            {
                var inside = Directory.GetDirectories(path).Where(d => File.Exists(Path.Combine(d, PairedManifest.FileName))).Order(StringComparer.Ordinal).ToList();
                nights.AddRange(inside.Count > 0 ? inside
                    : throw new PublishException($"'{path}' is neither a night folder (no {PairedManifest.FileName}) nor a folder of night folders. Pass the nights scripts/nightly.sh wrote."));
            }
            else
            {
                throw new PublishException($"The night folder '{path}' does not exist. Pass the nights scripts/nightly.sh wrote, or the folder that holds them.");
            }
        }

        return nights;
    }

    /// <summary>Each case's series per anchor commit, from the nights' head-anchor rounds, oldest night first.</summary>
    public static IReadOnlyList<DriftSeries> Series(IReadOnlyList<PairedNight> nights)
    {
        ArgumentNullException.ThrowIfNull(nights);
        var points = new Dictionary<(string Case, string Anchor), (PairedCase Case, string Anchor, List<DriftPoint> Points)>();
        foreach (var night in nights.OrderBy(n => n.Started, StringComparer.Ordinal))
        {
            var anchor = night.Manifest.Anchor?.Commit ?? "(no anchor named)";
            foreach (var byCase in night.AnchorRounds.SelectMany(r => r.Pairs).GroupBy(p => p.Key))
            {
                var values = byCase.SelectMany(p => p.Value).ToList();
                if (values.Count == 0)
                {
                    continue;
                }

                var key = (byCase.Key.Key, anchor);
                if (!points.TryGetValue(key, out var entry))
                {
                    var known = night.Cases.FirstOrDefault(c => c.Id == byCase.Key);
                    points[key] = entry = (known ?? new PairedCase(byCase.Key, byCase.Key.Key), anchor, []);
                }

                entry.Points.Add(new DriftPoint(night.Name, night.Started, values.Average(), values.Count));
            }
        }

        return [.. points.Values.OrderBy(p => p.Case.Id.Key, StringComparer.Ordinal).Select(p => new DriftSeries(p.Case, p.Anchor, p.Points))];
    }

    public static DriftResult Detect(IReadOnlyList<PairedNight> nights, DriftDetector detector)
    {
        ArgumentNullException.ThrowIfNull(nights);
        ArgumentNullException.ThrowIfNull(detector);
        var series = Series(nights);
        if (series.Count == 0)
        {
            throw new PublishException($"None of the {nights.Count} night(s) has a head-anchor round: there is no series to look at. Pin an anchor (scripts/nightly.sh) so each night pairs head with it.");
        }

        var shifts = series.SelectMany(s => Shifts(s, detector)).ToList();
        return new DriftResult([.. nights.Select(n => n.Name)], series, shifts, detector);
    }

    /// <summary>The detector's shifts in one series, each with the medians of the segments on either side.</summary>
    public static IReadOnlyList<DriftShift> Shifts(DriftSeries series, DriftDetector detector)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(detector);
        var values = series.Points.Select(p => p.LogRatio).ToList();
        var starts = detector.Starts(values);
        var bounds = new List<int> { 0 };
        bounds.AddRange(starts);
        bounds.Add(values.Count);
        return [.. starts.Select((start, i) => new DriftShift(
            series,
            start,
            NoiseModel.Median(values[bounds[i]..start]),
            NoiseModel.Median(values[start..bounds[i + 2]])))];
    }
}
