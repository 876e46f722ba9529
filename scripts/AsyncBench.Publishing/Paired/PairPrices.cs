namespace AsyncBench.Publishing.Paired;

/// <summary>
/// What a pair of each case costs, in seconds, read from the night's rounds: the case's own launches as the host timed
/// them (a round's <c>launchSeconds</c>, both sides, every round so far), so a case whose launches are long (an HTTP case at
/// 20 ms latency: up to half a minute) is priced as long. A case with no timed launch costs the night's mean timed launch;
/// a night recorded before launches were timed, its rounds' mean (wall time ÷ launches, start included). A round also pays
/// <see cref="RoundStartSeconds"/> once (the builds and BenchmarkDotNet's start).
/// </summary>
public sealed record PairPrices(IReadOnlyDictionary<string, double> SecondsPerLaunch, double DefaultSecondsPerLaunch, string Source)
{
    /// <summary>What a round costs before its first launch: BenchmarkDotNet builds both sides' projects.</summary>
    public const double RoundStartSeconds = 90;

    /// <summary>Seconds one pair of <paramref name="c"/> takes: its base and its head launch.</summary>
    public double PairSeconds(PairedCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return 2 * SecondsPerLaunch.GetValueOrDefault(c.FullName, DefaultSecondsPerLaunch);
    }

    public static PairPrices Of(PairedNight night)
    {
        ArgumentNullException.ThrowIfNull(night);
        var timed = night.Manifest.Rounds!.SelectMany(r => r.LaunchSeconds ?? []).Where(t => t.Launches > 0 && double.IsFinite(t.Seconds) && t.Seconds >= 0).ToList();
        if (timed.Count > 0)
        {
            var perCase = timed.GroupBy(t => t.Case, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Sum(t => t.Seconds) / g.Sum(t => t.Launches), StringComparer.Ordinal);
            return new PairPrices(perCase, timed.Sum(t => t.Seconds) / timed.Sum(t => t.Launches), "each case's launches as timed");
        }

        // Rounds recorded before the launches were timed: the dearest round's mean launch, its start included.
        var launches = night.Rounds.Concat(night.AnchorRounds).ToDictionary(r => r.Number, r => r.Launches);
        var means = night.Manifest.Rounds!
            .Where(r => r.Wall is not null && launches.GetValueOrDefault(r.Round) > 0)
            .Select(r => r.Wall!.Value.TotalSeconds / launches[r.Round])
            .ToList();
        return means.Count > 0
            ? new PairPrices(new Dictionary<string, double>(StringComparer.Ordinal), means.Max(), "the rounds' mean launch (no launch was timed)")
            : throw new PublishException($"The night '{night.Folder}' records neither its launches' times nor its rounds' start and end: a budget in seconds cannot be priced. Give --budget (pairs) instead, or run the night with this version's suite.");
    }
}
