namespace AsyncBench.Publishing.Paired;

/// <summary>One detector's result on one workload's simulated series: how many injected shifts it found within the goal, how fast, and how many A/A series it reported a shift on.</summary>
public sealed record DriftTrial(DriftDetector Detector, string Workload, int Series, int Found, int FoundInTime, double MedianNights, int FalseShiftSeries, double NightSigmaLog);

/// <summary>The simulation's settings and every detector's trials; <see cref="Chosen"/>: the most sensitive detector with no false shift.</summary>
public sealed record DriftSimulationResult(
    IReadOnlyList<string> Sources,
    string Source,
    double ShiftPercent,
    int Start,
    int Length,
    int PairsPerNight,
    int SeriesPerWorkload,
    int Seed,
    IReadOnlyList<DriftTrial> Trials)
{
    /// <summary>The goal: found within this many nights of its start.</summary>
    public const int GoalNights = 10;

    /// <summary>The detector with no false shift on any A/A series that finds the most injected shifts in time (ties: the smaller penalty); null when every detector reports a false shift.</summary>
    public DriftDetector? Chosen =>
        Trials.GroupBy(t => t.Detector)
            .Where(g => g.Sum(t => t.FalseShiftSeries) == 0)
            .OrderByDescending(g => g.Sum(t => t.FoundInTime))
            .ThenBy(g => g.Key.Method)
            .ThenBy(g => g.Key.Penalty)
            .Select(g => g.Key)
            .FirstOrDefault();
}

/// <summary>
/// How well the drift detector finds a sustained shift, and how often it sees one that is not there, on this machine's
/// noise: per workload, <c>series</c> cases drawn (seeded); for each, an A/A series of <c>length</c> nights whose every
/// night is the mean of <c>pairs</c> pairs drawn (smoothed, <see cref="SmoothedPool"/>) from the case's own pairs around their nightly mean (or the case's
/// real head-anchor series when it is that long), and the same series with a sustained shift added from night
/// <c>start</c>. The shift is found on the first night t whose series so far (offline, nights 1 … t) shows a change
/// point within two nights of the start, upwards; an A/A series counts a false shift when the whole series shows any.
/// </summary>
public static class DriftSimulation
{
    /// <summary>The detectors compared: ED-PELT at penalties 2–8 ln n, RQQ-PELT at sensitivities 0.5–1.5.</summary>
    public static IReadOnlyList<DriftDetector> Candidates { get; } =
    [
        .. new[] { 2.0, 3, 4, 6, 8 }.Select(p => new DriftDetector(DriftMethod.EdPelt, p, DriftDetector.DefaultMinDistance)),
        .. new[] { 0.5, 0.7, 1.0, 1.5 }.Select(p => new DriftDetector(DriftMethod.RqqPelt, p, DriftDetector.DefaultMinDistance)),
    ];

    public static DriftSimulationResult Run(IReadOnlyList<PairedNight> nights, double shiftPercent, int start, int length, int pairsPerNight, int seriesPerWorkload, int seed)
    {
        ArgumentNullException.ThrowIfNull(nights);
        if (start < 2 || start >= length)
        {
            throw new PublishException($"--start {start}: the shift must begin after the second night and before the series ends ({length} nights).");
        }

        // Each case's pairs around their nightly mean (which takes out any real change between the sides): from the
        // head-anchor rounds of every night, and from the head-base rounds of A/A nights, whose sides are the same code.
        // A case needs two pairs in a night, which one anchor slot a night does not give.
        var pools = new Dictionary<PairedCase, List<double>>();
        var fromAnchor = false;
        var fromAa = false;
        foreach (var night in nights)
        {
            var anchorPairs = night.AnchorRounds.Any(r => r.Pairs.Count > 0);
            if (!anchorPairs && !night.IsAa)
            {
                throw new PublishException($"The night '{night.Folder}' has no head-anchor round and is not an A/A night: its head-base pairs may hold real changes. Pass nights with anchor rounds, or A/A nights.");
            }

            fromAnchor |= AddPairs(pools, night, night.AnchorRounds);
            if (night.IsAa)
            {
                fromAa |= AddPairs(pools, night, night.Rounds);
            }
        }

        var source = (fromAnchor, fromAa) switch
        {
            (true, true) => "the nights' head-anchor pairs and the A/A nights' head-base pairs",
            (true, false) => "the nights' head-anchor pairs",
            _ => "the A/A nights' head-base pairs",
        };

        if (pools.Count == 0)
        {
            throw new PublishException("The nights hold no case with two pairs in a night: nothing to draw series from.");
        }

        var real = Drift.Series(nights).Where(s => s.Points.Count >= length).GroupBy(s => s.Case.Id).ToDictionary(g => g.Key, g => g.First());
        var random = new Random(seed);
        var trials = new List<DriftTrial>();
        var shift = Math.Log(1 + (shiftPercent / 100));
        foreach (var workload in pools.Keys.GroupBy(c => c.Workload, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var members = workload.OrderBy(c => c.Id.Key, StringComparer.Ordinal).ToList();
            var series = new List<double[]>();
            for (var s = 0; s < seriesPerWorkload; s++)
            {
                var c = members[random.Next(members.Count)];
                var pool = new SmoothedPool(pools[c]);
                series.Add(real.TryGetValue(c.Id, out var own)
                    ? [.. own.Points.Take(length).Select(p => p.LogRatio)]
                    : [.. Enumerable.Range(0, length).Select(_ => Enumerable.Range(0, pairsPerNight).Average(_ => pool.Draw(random)))]);
            }

            var nightSigma = Math.Sqrt(series.SelectMany(x => x).Select(v => v * v).Average());
            foreach (var detector in Candidates)
            {
                var falseShifts = series.Count(x => detector.Starts(x).Count > 0);
                var nightsToFind = series.Select(x => NightsToFind(x, shift, start, detector)).ToList();
                var found = nightsToFind.Where(n => n is not null).Select(n => n!.Value).Order().ToList();
                trials.Add(new DriftTrial(
                    detector,
                    workload.Key,
                    series.Count,
                    found.Count,
                    found.Count(n => n <= DriftSimulationResult.GoalNights),
                    found.Count > 0 ? found[(found.Count - 1) / 2] : double.NaN,
                    falseShifts,
                    nightSigma));
            }
        }

        return new DriftSimulationResult([.. nights.Select(n => n.Folder)], source + (real.Count > 0 ? $" ({real.Count} cases' real series used as they are)" : string.Empty), shiftPercent, start, length, pairsPerNight, seriesPerWorkload, seed, trials);
    }

    /// <summary>Adds each case's pairs of a night's rounds, around their mean, to its pool; true when some case had two.</summary>
    private static bool AddPairs(Dictionary<PairedCase, List<double>> pools, PairedNight night, IEnumerable<PairedRound> rounds)
    {
        var added = false;
        foreach (var byCase in rounds.SelectMany(r => r.Pairs).GroupBy(p => p.Key))
        {
            var values = byCase.SelectMany(p => p.Value).ToList();
            if (values.Count < 2)
            {
                continue;
            }

            var known = night.Cases.FirstOrDefault(c => c.Id == byCase.Key) ?? new PairedCase(byCase.Key, byCase.Key.Key);
            if (known.Canary)
            {
                continue;
            }

            var mean = values.Average();
            var scale = Math.Sqrt(values.Count / (values.Count - 1.0));
            if (!pools.TryGetValue(known, out var pool))
            {
                pools[known] = pool = [];
            }

            pool.AddRange(values.Select(v => (v - mean) * scale));
            added = true;
        }

        return added;
    }

    /// <summary>Nights from the shift's first night until the detector, run on the series so far, finds it (1 = that night); null when not by the end.</summary>
    private static int? NightsToFind(double[] series, double shift, int start, DriftDetector detector)
    {
        var shifted = series.Select((v, i) => i >= start - 1 ? v + shift : v).ToArray();
        for (var end = start; end <= shifted.Length; end++)
        {
            var sofar = shifted[..end];
            var starts = detector.Starts(sofar);
            foreach (var s in starts.Where(s => Math.Abs(s - (start - 1)) <= 2))
            {
                var before = sofar[..s].Average();
                var after = sofar[s..].Average();
                if (after > before)
                {
                    return end - start + 1;
                }
            }
        }

        return null;
    }
}
