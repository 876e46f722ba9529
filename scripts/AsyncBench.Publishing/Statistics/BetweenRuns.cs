using AsyncBench.Publishing.Reading;

namespace AsyncBench.Publishing.Statistics;

/// <summary>
/// One group's between-run component: the variance (on its values' scale: log for a ratio) that a run's own launches
/// cannot show, learnt from <see cref="Points"/> values over the machine's earlier pairs of runs.
/// </summary>
public sealed record BetweenRunGroup(string Group, int Points, double Variance)
{
    /// <summary>1 σ of the component as a percentage (e^τ − 1).</summary>
    public double SpreadPercent => (Math.Exp(Math.Sqrt(Variance)) - 1) * 100;
}

/// <summary>
/// One value seen in two consecutive earlier runs: its change between them and the variance of that change that the two
/// runs' launches show (σ²₁/n₁ + σ²₂/n₂). <see cref="Id"/> places it in its class and namespace.
/// </summary>
public sealed record BetweenRunPoint(BenchmarkId Id, double Change, double WithinVariance);

/// <summary>What the between-run model was learnt from and how large it came out, for a page to state.</summary>
/// <param name="Runs">Earlier runs with launch-level values (at least two launches a case).</param>
/// <param name="Pairs">Consecutive pairs of them with a value in both.</param>
/// <param name="AllSpreadPercent">1 σ over every point; null with fewer than <see cref="BetweenRuns.MinPoints"/>.</param>
/// <param name="LeastGroupPercent">The smallest of the groups' own components (classes, namespaces); null without one.</param>
/// <param name="MostGroupPercent">The largest.</param>
/// <param name="TodaysJob">Whether the runs are of today's job (else of every job, today's having too few pairs).</param>
public sealed record BetweenRunsSummary(int Runs, int Pairs, double? AllSpreadPercent, double? LeastGroupPercent, double? MostGroupPercent, bool TodaysJob = true);

/// <summary>
/// What launches of one run cannot show: the machine's state that night, shared by every launch of a value (Kalibera and
/// Jones: the variance sits at the level of the run too). Learnt from the machine's earlier runs, pair by consecutive pair:
/// each value's change d between the two runs has variance s² + 2τ², where s² is what the launches show and τ² the
/// component sought. The values are the claims' own (a time ratio of two cases, on the log scale), so what a night does
/// to both sides alike cancels in them as it does in the claim. Per group (the value's class, or its namespace, or all
/// values: the first with <see cref="MinPoints"/> points) τ² is the smallest value for which no more than
/// 1 − <see cref="Intervals.ReplicationLevel"/> of the points have d² ÷ (s² + 2τ²) above the normal bound at that level (χ²₁):
/// the component is fitted at the level the intervals state, not at the median value. Why: the values of a group do not
/// share one τ (a median fit on two whole-suite nights gave intervals that 32 of 40 values of a later pair of nights fell
/// inside, against 95 % stated), so the fit must hold for the tail it promises to cover. Zero where the launches already
/// explain the changes.
/// </summary>
public sealed class BetweenRuns
{
    /// <summary>A group needs this many points (values × pairs) before its own component is trusted.</summary>
    public const int MinPoints = 10;

    public static readonly BetweenRuns None = new([], new Dictionary<string, BetweenRunGroup>(StringComparer.Ordinal), null, 0, 0, true);

    private readonly IReadOnlyDictionary<string, BetweenRunGroup> groups;

    private BetweenRuns(IReadOnlyList<BetweenRunGroup> ordered, IReadOnlyDictionary<string, BetweenRunGroup> groups, BetweenRunGroup? all, int runs, int pairs, bool todaysJob)
    {
        TodaysJob = todaysJob;
        Groups = ordered;
        this.groups = groups;
        All = all;
        Runs = runs;
        Pairs = pairs;
    }

    /// <summary>The groups with their own component (classes, then namespaces), and <see cref="All"/> last.</summary>
    public IReadOnlyList<BetweenRunGroup> Groups { get; }

    /// <summary>The component of every value together: the fallback of a class or namespace with too few points; null with fewer than <see cref="MinPoints"/>.</summary>
    public BetweenRunGroup? All { get; }

    /// <summary>Earlier runs with launch-level values that the model was learnt from.</summary>
    public int Runs { get; }

    public int Pairs { get; }

    /// <summary>Whether the pairs are of runs of today's job; false where they are every job's (today's had too few).</summary>
    public bool TodaysJob { get; }

    public bool IsKnown => All is not null;

    /// <summary>What the model was learnt from and how large it came out.</summary>
    public BetweenRunsSummary Summary
    {
        get
        {
            var own = Groups.Where(g => g != All).Select(g => g.SpreadPercent).ToList();
            return new BetweenRunsSummary(Runs, Pairs, All?.SpreadPercent, own.Count == 0 ? null : own.Min(), own.Count == 0 ? null : own.Max(), TodaysJob);
        }
    }

    /// <summary>The component of a value of <paramref name="id"/>'s class: its class's, else its namespace's, else all values'; null when unknown.</summary>
    public BetweenRunGroup? For(BenchmarkId id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return groups.GetValueOrDefault(id.ClassName) ?? groups.GetValueOrDefault(id.Namespace) ?? All;
    }

    /// <summary>
    /// Learns the component from the points of each consecutive pair of <paramref name="runs"/> earlier runs
    /// (<paramref name="pairs"/>, one list per pair with any points); <paramref name="todaysJob"/>: whether they are runs of today's job.
    /// </summary>
    public static BetweenRuns Learn(IReadOnlyList<IReadOnlyList<BetweenRunPoint>> pairs, int runs, bool todaysJob = true)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var points = pairs.SelectMany(p => p).Where(p => double.IsFinite(p.Change) && double.IsFinite(p.WithinVariance)).ToList();
        var pairCount = pairs.Count(p => p.Count > 0);
        if (points.Count < MinPoints)
        {
            return new BetweenRuns([], new Dictionary<string, BetweenRunGroup>(StringComparer.Ordinal), null, runs, pairCount, todaysJob);
        }

        // Every class and namespace with enough points has its own component; For picks a value's the way the groups do.
        var byGroup = new Dictionary<string, BetweenRunGroup>(StringComparer.Ordinal);
        foreach (var group in new CaseGroups<BetweenRunPoint>(points, p => p.Id, MinPoints).Large.Where(g => !byGroup.ContainsKey(g.Name)))
        {
            byGroup[group.Name] = Estimate(group.Name, group.Members);
        }

        var all = Estimate("all values", points);
        var ordered = byGroup.Values.OrderBy(g => g.Group, StringComparer.Ordinal).Append(all).ToList();
        return new BetweenRuns(ordered, byGroup, all, runs, pairCount, todaysJob);
    }

    private static BetweenRunGroup Estimate(string group, IReadOnlyList<BetweenRunPoint> points)
    {
        // The bound of a normal change at the level (χ²₁): where τ² is needed it dominates the launches' variance,
        // so the launches' few degrees of freedom (F(1, df)) would overstate the bound and understate τ².
        var level = Intervals.ReplicationLevel;
        var target = Math.Pow(Normal.Quantile(1 - ((1 - level) / 2)), 2);
        double Exceeding(double tau2) => points.Count(p => p.Change * p.Change / Math.Max(p.WithinVariance + (2 * tau2), double.Epsilon) > target) / (double)points.Count;
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
}
