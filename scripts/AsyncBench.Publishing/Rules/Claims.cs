using AsyncBench.Protocol;
using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publishing.Rules;

/// <summary>
/// One declared claim evaluated at one setting of its class: its value (with the interval a second run
/// lands in, where launches give one), the bands that interval touches and what they declare.
/// </summary>
public sealed record ClaimInstance(
    DeclaredClaim Claim,
    string Setting,
    bool AtDeclaredSetting,
    BenchmarkResult Side,
    BenchmarkResult? Versus,
    Estimate Value,
    int Launches,
    IReadOnlyList<int> Bands,
    IReadOnlyList<RuleOutcome> Possible)
{
    /// <summary>Whether the run is evidence for this instance: at least <see cref="Claims.MinLaunches"/> launches on every side.</summary>
    public bool Judged => Launches >= Claims.MinLaunches;

    /// <summary>
    /// The outcome of the band holding the whole interval; where it spans bands, their outcome if they all
    /// declare the same, else inconclusive. Null when the run is not evidence (<see cref="Judged"/> false).
    /// </summary>
    public RuleOutcome? Outcome => !Judged ? null : Possible.Count == 1 ? Possible[0] : RuleOutcome.Inconclusive;
}

/// <summary>A claim with what the run shows: at its declared setting (null when not measured) and at every setting (the curve).</summary>
public sealed record ClaimResult(DeclaredClaim Claim, ClaimInstance? AtDeclared, IReadOnlyList<ClaimInstance> Curve);

/// <summary>What a rule's verdict says.</summary>
public enum VerdictKind
{
    /// <summary>Every deciding claim holds.</summary>
    Holds,

    /// <summary>No deciding claim holds.</summary>
    DoesNotCarryOver,

    /// <summary>Some hold, some do not: the verdict names where it holds, and why not elsewhere.</summary>
    HoldsOnlyFor,

    /// <summary>An undecided claim could change the verdict.</summary>
    Inconclusive,

    /// <summary>Format-1 runs only: their comparisons could declare it.</summary>
    HoldsDifferently,

    /// <summary>The run has fewer than <see cref="Claims.MinLaunches"/> launches per case: not evidence.</summary>
    NotJudged,

    /// <summary>None of the rule's deciding claims was measured in this run.</summary>
    NotMeasured,
}

/// <summary>
/// A rule's verdict with its scope: the deciding instances that hold, those that do not, and those whose
/// interval left them undecided; <see cref="Missing"/>: deciding claims the run did not measure.
/// </summary>
public sealed record RuleVerdict(
    VerdictKind Kind,
    IReadOnlyList<ClaimInstance> Holding,
    IReadOnlyList<ClaimInstance> NotHolding,
    IReadOnlyList<ClaimInstance> Undecided,
    IReadOnlyList<DeclaredClaim> Missing);

/// <summary>A rule, its verdict, and every claim of it as the evidence (its one-sentence answer is <see cref="Answers.Of(RuleResult, RunDeclarations)"/>).</summary>
public sealed record RuleResult(DeclaredRule Rule, RuleVerdict Verdict, IReadOnlyList<ClaimResult> Claims);

/// <summary>
/// Evaluates the claims a run's classes declare (schema: AsyncBench.Protocol.DeclaredClaim) and combines
/// each rule's deciding claims into its verdict. Knows no class, method or metric: sides, settings,
/// thresholds, outcomes and mechanisms all come from the declarations.
/// </summary>
public static class Claims
{
    /// <summary>
    /// Fewer launches (processes) per case are not evidence: one process's iterations share its JIT and pool
    /// state, and the spread between processes, the larger one, is not seen.
    /// </summary>
    public const int MinLaunches = 5;

    /// <summary>
    /// Every rule of the run with its verdict. <paramref name="between"/>: the machine's between-run component,
    /// learnt from its earlier runs, that the claims' intervals add to what the launches show (none: launches only).
    /// </summary>
    public static IReadOnlyList<RuleResult> Evaluate(BenchmarkRun run, BetweenRuns? between = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var succeeded = run.Results.Where(r => !r.Failed).ToList();
        var results = new List<RuleResult>();
        foreach (var rule in run.Declarations.Rules)
        {
            var claims = run.Declarations.Claims.Where(c => c.Rule == rule.Number).Select(c => Evaluate(c, succeeded, between)).ToList();
            results.Add(new RuleResult(rule, Combine(claims), claims));
        }

        return results;
    }

    /// <summary>
    /// A rule's verdict from its deciding claims at their declared settings: all hold → holds; none holds →
    /// does not carry over; some each → holds only for those that hold. An undecided instance stands for each
    /// outcome its interval's bands declare in turn; the verdict is inconclusive only when those choices give
    /// different kinds of verdict (an undecided instance that cannot change the kind is listed as undecided in
    /// the scope).
    /// </summary>
    public static RuleVerdict Combine(IReadOnlyList<ClaimResult> claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var deciding = claims.Where(c => c.Claim.Deciding).ToList();
        var measured = deciding.Where(c => c.AtDeclared is not null).Select(c => c.AtDeclared!).ToList();
        var missing = deciding.Where(c => c.AtDeclared is null).Select(c => c.Claim).ToList();
        if (measured.Count == 0)
        {
            return new RuleVerdict(VerdictKind.NotMeasured, [], [], [], missing);
        }

        if (measured.Any(i => !i.Judged))
        {
            return new RuleVerdict(VerdictKind.NotJudged, [], [], measured, missing);
        }

        // Format-1 comparisons (the only ones that declare "holds differently") keep their own rule: disagreeing → holds differently.
        var format1 = measured.Any(i => i.Claim.Outcomes.Contains(RuleOutcome.HoldsDifferently));
        var holding = measured.Where(i => i.Outcome is RuleOutcome.Holds or RuleOutcome.HoldsDifferently).ToList();
        var notHolding = measured.Where(i => i.Outcome == RuleOutcome.DoesNotCarryOver).ToList();
        var undecided = measured.Where(i => i.Outcome == RuleOutcome.Inconclusive).ToList();
        var kinds = Assignments(measured).Select(outcomes => KindOf(outcomes, format1)).Distinct().ToList();
        var kind = kinds.Count == 1 ? kinds[0] : VerdictKind.Inconclusive;
        return new RuleVerdict(kind, holding, notHolding, undecided, missing);
    }

    /// <summary>Evaluates one claim at its declared setting and at every other setting of its class.</summary>
    public static ClaimResult Evaluate(DeclaredClaim claim, IReadOnlyList<BenchmarkResult> succeeded, BetweenRuns? between = null)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(succeeded);
        var className = claim.Class.Replace('+', '.');
        var ofClass = succeeded.Where(r => r.Id.ClassName == className).ToList();
        var classParameters = Setting.ClassParameters(ofClass.Select(r => r.Id));
        var (sideMethod, sideArgs) = ParseSide(claim.Side);
        (string Method, IReadOnlyDictionary<string, string> Arguments)? versus = claim.Measure == ClaimMeasure.Metric || claim.Versus is null ? null : ParseSide(claim.Versus);
        var declaredSetting = Setting.Parse(claim.Setting);
        var curve = new List<ClaimInstance>();
        ClaimInstance? atDeclared = null;
        foreach (var setting in ofClass.GroupBy(r => Setting.Of(r.Id, classParameters, withCount: true)).OrderBy(g => g.Key))
        {
            var side = setting.FirstOrDefault(r => Matches(r.Id, sideMethod, sideArgs, classParameters));
            var other = versus is { } v ? setting.FirstOrDefault(r => Matches(r.Id, v.Method, v.Arguments, classParameters)) : null;
            if (side is null || (versus is not null && other is null))
            {
                continue;
            }

            var instance = Instance(claim, side, other, classParameters, Setting.Of(side.Id, classParameters, withCount: true).SameAs(declaredSetting), between);
            if (instance is null)
            {
                continue;
            }

            curve.Add(instance);
            if (instance.AtDeclaredSetting)
            {
                atDeclared = instance;
            }
        }

        // Settings in the order the class's parameters read naturally (Count=1 before Count=10).
        curve = [.. curve.OrderBy(i => Setting.Of(i.Side.Id, classParameters, withCount: true))];
        return new ClaimResult(claim, atDeclared, curve);
    }

    /// <summary>The bands [lower, upper] touches (band i: Thresholds[i-1] ≤ x &lt; Thresholds[i]).</summary>
    public static IReadOnlyList<int> BandsOf(Estimate value, IReadOnlyList<double> thresholds)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(thresholds);
        if (double.IsNaN(value.Value))
        {
            return [];
        }

        var low = BandOf(value.HasInterval ? value.Lower : value.Value, thresholds);
        var high = BandOf(value.HasInterval ? value.Upper : value.Value, thresholds);
        return [.. Enumerable.Range(low, high - low + 1)];
    }

    public static int BandOf(double x, IReadOnlyList<double> thresholds) => thresholds.Count(t => x >= t);

    /// <summary>The claim's value at one setting: a ratio or difference of the two sides, or the side's metric.</summary>
    public static Estimate ValueOf(DeclaredClaim claim, BenchmarkResult side, BenchmarkResult? versus, BetweenRuns? between = null)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(side);
        switch (claim.Measure)
        {
            case ClaimMeasure.Ratio when versus is not null:
                return Intervals.LaunchRatio(side, versus, between);
            case ClaimMeasure.Difference when versus is not null:
                return Intervals.LaunchDifference(side, versus, between);
            case ClaimMeasure.Metric when claim.MetricId is not null:
                // A count observed in the case (BenchmarkDotNet gathers it from one launch): read as it is, no interval.
                var value = BuiltInMetrics.Value(side, claim.MetricId);
                var count = side.Id.LongParameter(Setting.CountParameter);
                return value is null || (claim.PerUnit && count is not > 0)
                    ? Estimate.Point(double.NaN)
                    : Estimate.Point(claim.PerUnit ? value.Value / count!.Value : value.Value);
            default:
                return Estimate.Point(double.NaN);
        }
    }

    private static ClaimInstance? Instance(DeclaredClaim claim, BenchmarkResult side, BenchmarkResult? versus, IReadOnlySet<string> classParameters, bool atDeclared, BetweenRuns? between)
    {
        var value = ValueOf(claim, side, versus, between);
        if (double.IsNaN(value.Value))
        {
            return null;
        }

        var launches = versus is null ? Intervals.Launches(side) : Math.Min(Intervals.Launches(side), Intervals.Launches(versus));
        var bands = BandsOf(value, claim.Thresholds);
        var possible = bands.Where(b => b < claim.Outcomes.Count).Select(b => claim.Outcomes[b]).Distinct().ToList();
        return new ClaimInstance(claim, Setting.Of(side.Id, classParameters, withCount: true).Text, atDeclared, side, versus, value, launches, bands, possible);
    }

    /// <summary>Every way the deciding instances could come out, an undecided one taking each outcome its bands declare.</summary>
    private static IEnumerable<IReadOnlyList<RuleOutcome>> Assignments(IReadOnlyList<ClaimInstance> instances)
    {
        IEnumerable<IReadOnlyList<RuleOutcome>> all = [[]];
        foreach (var instance in instances)
        {
            var choices = instance.Possible.SelectMany(o => o == RuleOutcome.Inconclusive ? [RuleOutcome.Holds, RuleOutcome.DoesNotCarryOver] : new[] { o }).Distinct().ToList();
            all = [.. all.SelectMany(prefix => choices.Select(choice => (IReadOnlyList<RuleOutcome>)[.. prefix, choice]))];
        }

        return all;
    }

    private static VerdictKind KindOf(IReadOnlyList<RuleOutcome> outcomes, bool format1) =>
        outcomes.All(o => o == RuleOutcome.Holds) ? VerdictKind.Holds
        : outcomes.All(o => o == RuleOutcome.DoesNotCarryOver) ? VerdictKind.DoesNotCarryOver
        : format1 ? VerdictKind.HoldsDifferently
        : VerdictKind.HoldsOnlyFor;

    /// <summary><c>Serial</c> or <c>ParallelForEachAsync(maxDegreeOfParallelism=64)</c> → the method and its arguments.</summary>
    public static (string Method, IReadOnlyDictionary<string, string> Arguments) ParseSide(string side)
    {
        ArgumentNullException.ThrowIfNull(side);
        var open = side.IndexOf('(', StringComparison.Ordinal);
        if (open < 0 || !side.EndsWith(')'))
        {
            return (side, new Dictionary<string, string>());
        }

        var arguments = side[(open + 1)..^1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(a => a.Split('=', 2))
            .ToDictionary(a => a[0], a => a.Length > 1 ? a[1] : string.Empty, StringComparer.Ordinal);
        return (side[..open], arguments);
    }

    private static bool Matches(BenchmarkId id, string method, IReadOnlyDictionary<string, string> arguments, IReadOnlySet<string> classParameters)
    {
        var own = id.Parameters.Where(p => !classParameters.Contains(p.Key)).ToList();
        return id.Method == method && own.Count == arguments.Count && own.All(p => arguments.TryGetValue(p.Key, out var v) && v == p.Value);
    }
}
