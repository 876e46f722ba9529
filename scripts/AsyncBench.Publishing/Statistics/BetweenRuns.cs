using System.Globalization;
using AsyncBench.Publishing.Formatting;
using AsyncBench.Publishing.Reading;

namespace AsyncBench.Publishing.Statistics;

/// <summary>
/// One group's between-run component: the variance (log scale) of a case's run value that its own launches
/// cannot show, learnt from <see cref="Points"/> cases over the machine's earlier pairs of runs.
/// </summary>
public sealed record BetweenRunGroup(string Group, int Points, double Variance)
{
    /// <summary>1 σ of the component as a percentage (e^τ − 1).</summary>
    public double SpreadPercent => (Math.Exp(Math.Sqrt(Variance)) - 1) * 100;
}

/// <summary>
/// What launches of one run cannot show: the machine's state that night, shared by every launch of a case
/// (Kalibera and Jones: the variance sits at the level of the run too). Learnt from the machine's earlier
/// runs, pair by consecutive pair: for each case its change d between the two runs (the pair's run-wide
/// offset, the median change, taken out) has variance s² + 2τ², where s² = σ²₁/n₁ + σ²₂/n₂ is what the
/// launches show and τ² the component sought. Per group (the case's class, or its namespace, or all cases:
/// the first with <see cref="MinPoints"/> points) τ² is the smallest value for which no more than
/// 1 − <see cref="Intervals.ReplicationLevel"/> of the points have d² ÷ (s² + 2τ²) above the normal bound at that level (χ²₁):
/// the component is fitted at the level the intervals state, not at the median case. Why: the cases of a
/// group do not share one τ (a median fit on two whole-suite nights gave intervals that 32 of 40 values of a
/// later pair of nights fell inside, against 95 % stated, though the median position was right), so the fit
/// must hold for the tail it promises to cover. Zero where the launches already explain the changes.
/// </summary>
public sealed class BetweenRuns
{
    /// <summary>A group needs this many points (cases × pairs) before its own component is trusted.</summary>
    public const int MinPoints = 10;

    public static readonly BetweenRuns None = new([], new Dictionary<string, BetweenRunGroup>(StringComparer.Ordinal), null, 0, 0);

    private readonly IReadOnlyDictionary<string, BetweenRunGroup> groups;

    private BetweenRuns(IReadOnlyList<BetweenRunGroup> ordered, IReadOnlyDictionary<string, BetweenRunGroup> groups, BetweenRunGroup? all, int runs, int pairs)
    {
        Groups = ordered;
        this.groups = groups;
        All = all;
        Runs = runs;
        Pairs = pairs;
    }

    /// <summary>The groups with their own component (classes, then namespaces), and <see cref="All"/> last.</summary>
    public IReadOnlyList<BetweenRunGroup> Groups { get; }

    /// <summary>The component of every case together: the fallback of a class or namespace with too few points; null with fewer than <see cref="MinPoints"/>.</summary>
    public BetweenRunGroup? All { get; }

    /// <summary>Earlier runs with launch-level values (at least two launches a case) that the model was learnt from.</summary>
    public int Runs { get; }

    public int Pairs { get; }

    public bool IsKnown => All is not null;

    /// <summary>The component of a case's run value: its class's, else its namespace's, else all cases'; null when unknown.</summary>
    public BetweenRunGroup? For(BenchmarkId id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return groups.GetValueOrDefault(id.ClassName) ?? groups.GetValueOrDefault(id.Namespace) ?? All;
    }

    /// <summary>
    /// Learns the component from <paramref name="runs"/> (oldest first; each a run of the same machine). Runs
    /// with fewer than two launches a case are skipped (their launches say nothing about their own spread), and
    /// so are cases with an injected slowdown.
    /// </summary>
    public static BetweenRuns Learn(IReadOnlyList<BenchmarkRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var usable = runs.Where(HasLaunches).ToList();
        var points = new List<Point>();
        var pairs = 0;
        for (var k = 1; k < usable.Count; k++)
        {
            var pair = PointsOf(usable[k - 1], usable[k]);
            if (pair.Count > 0)
            {
                points.AddRange(pair);
                pairs++;
            }
        }

        if (points.Count < MinPoints)
        {
            return new BetweenRuns([], new Dictionary<string, BetweenRunGroup>(StringComparer.Ordinal), null, usable.Count, pairs);
        }

        // Every class and namespace with enough points has its own component; For picks a case's the way the groups do.
        var byGroup = new Dictionary<string, BetweenRunGroup>(StringComparer.Ordinal);
        foreach (var group in new CaseGroups<Point>(points, p => p.Id, MinPoints).Large.Where(g => !byGroup.ContainsKey(g.Name)))
        {
            byGroup[group.Name] = Estimate(group.Name, group.Members);
        }

        var all = Estimate("all cases", points);
        var ordered = byGroup.Values.OrderBy(g => g.Group, StringComparer.Ordinal).Append(all).ToList();
        return new BetweenRuns(ordered, byGroup, all, usable.Count, pairs);
    }

    /// <summary>One sentence for a page: where the component came from and how large it was.</summary>
    public string Sentence()
    {
        if (All is null)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"No between-run component: this machine has {Runs} earlier published run(s) with at least two launches a case ({Pairs} pair(s)), too few to learn what a whole run adds, so the intervals show only the spread between launches.");
        }

        var spreads = Groups.Where(g => g != All).Select(g => g.SpreadPercent).ToList();
        var range = spreads.Count == 0 ? string.Empty
            : string.Create(CultureInfo.InvariantCulture, $", {Format.Number(spreads.Min())} % to {Format.Number(spreads.Max())} % per class or workload");
        return string.Create(CultureInfo.InvariantCulture,
            $"Each interval adds a between-run component that a run's launches cannot show (the machine's state that night), learnt from this machine's {Runs} earlier runs ({Pairs} consecutive pair(s)): 1 σ of {Format.Number(All.SpreadPercent)} % per case over all cases{range}.");
    }

    private static bool HasLaunches(BenchmarkRun run)
    {
        var launches = run.Results.Where(r => !r.Failed).Select(r => NoiseModel.LaunchMedians(r).Count).ToList();
        return launches.Count > 0 && NoiseModel.Median([.. launches.Select(l => (double)l)]) >= 2;
    }

    private static List<Point> PointsOf(BenchmarkRun first, BenchmarkRun second)
    {
        var secondById = second.Results.Where(r => !r.Failed).ToDictionary(r => r.Id);
        var raw = new List<Point>();
        foreach (var a in first.Results.Where(r => !r.Failed))
        {
            if (!secondById.TryGetValue(a.Id, out var b)
                || first.Declarations.InjectedSlowdown(a) is not null || second.Declarations.InjectedSlowdown(b) is not null)
            {
                continue;
            }

            var (sa, dfa, na) = NoiseModel.WithinRun(a);
            var (sb, dfb, nb) = NoiseModel.WithinRun(b);
            var change = NoiseModel.RunValueLog(b) - NoiseModel.RunValueLog(a);
            if (dfa < 1 || dfb < 1 || !double.IsFinite(change) || NoiseModel.Units(a).Basis != NoiseBasis.Launches || NoiseModel.Units(b).Basis != NoiseBasis.Launches)
            {
                continue;
            }

            raw.Add(new Point(a.Id, change, (sa * sa / na) + (sb * sb / nb)));
        }

        if (raw.Count == 0)
        {
            return raw;
        }

        // The whole machine faster or slower that night moves every case alike; a ratio of two cases does not see it.
        var offset = NoiseModel.Median([.. raw.Select(p => p.Change)]);
        return [.. raw.Select(p => p with { Change = p.Change - offset })];
    }

    private static BetweenRunGroup Estimate(string group, IReadOnlyList<Point> points)
    {
        // The bound of a normal change at the level (χ²₁): where τ² is needed it dominates the launches' variance,
        // so the launches' few degrees of freedom (F(1, df)) would overstate the bound and understate τ².
        var level = Intervals.ReplicationLevel;
        var target = Math.Pow(Normal.Quantile(1 - ((1 - level) / 2)), 2);
        double Exceeding(double tau2) => points.Count(p => p.Change * p.Change / Math.Max(p.LaunchVariance + (2 * tau2), double.Epsilon) > target) / (double)points.Count;
        if (Exceeding(0) <= 1 - level)
        {
            return new BetweenRunGroup(group, points.Count, 0);
        }

        // The share beyond the level's bound falls as τ² grows: bisect on it.
        var (low, high) = (0.0, points.Max(p => p.Change * p.Change));
        for (var i = 0; i < 200; i++)
        {
            var middle = (low + high) / 2;
            (low, high) = Exceeding(middle) > 1 - level ? (middle, high) : (low, middle);
        }

        return new BetweenRunGroup(group, points.Count, high);
    }

    private sealed record Point(BenchmarkId Id, double Change, double LaunchVariance);
}
