using AsyncBench.Protocol;
using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publishing.Rules;

/// <summary>
/// Evaluates the claims a run's classes declare (schema: AsyncBench.Protocol.DeclaredClaim) and gives each rule a verdict
/// per target and one for the rule. Knows no class, method or metric: sides, settings, bands, answers, premises and
/// mechanisms all come from the declarations.
/// <para>
/// What decides a claim, as it declares: a count (a metric) decides by itself, with no interval, where every launch that
/// counted it falls in bands of one answer; a time decides by its interval (where a second run lands
/// <see cref="Intervals.ReplicationLevel"/> of the time), except where its question presupposes a count (its premise) that
/// failed in every launch: then the count answers. A time from fewer than <see cref="MinLaunches"/> launches a side is
/// read by its value's band and marked provisional.
/// </para>
/// </summary>
public static class Claims
{
    /// <summary>
    /// Fewer launches (processes) a side do not decide a time: one process's iterations share its JIT and pool state, and
    /// the spread between processes, the larger one, is barely seen.
    /// </summary>
    public const int MinLaunches = 5;

    /// <summary>
    /// Every rule of the run with its verdicts. <paramref name="between"/>: the between-run component of the claims' values,
    /// learnt from the machine's earlier runs (<see cref="ClaimHistory.Learn"/>; none: launches only).
    /// </summary>
    public static RulesEvaluation Evaluate(BenchmarkRun run, BetweenRuns? between = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        between ??= BetweenRuns.None;
        var succeeded = run.Results.Where(r => !r.Failed).ToList();
        var pairing = Pairing(run.Declarations.Claims, succeeded);
        var paired = pairing.Where(p => p.Paired).Select(p => p.Class).ToHashSet(StringComparer.Ordinal);
        var reviewer = run.Declarations.Reviewer;
        var rules = run.Declarations.Rules
            .SelectMany(rule =>
            {
                List<ClaimResult> claims = [.. run.Declarations.Claims.Where(c => c.Rule == rule.Number).Select(c => Evaluate(c, succeeded, between, paired, reviewer))];
                return reviewer is null ? [Combine(rule, claims)] : AtReviewer(rule, claims);
            })
            .ToList();
        // A reviewer's run has a rule once per setting; its claims are the same in each.
        var declared = rules.DistinctBy(r => r.Rule.Number).SelectMany(r => r.Claims).SelectMany(c => c.Answering).ToList();
        var sides = declared.SelectMany(i => new[] { i.Side, i.Versus }).OfType<BenchmarkResult>().ToList();
        var evidence = new RunEvidence(
            declared.Count == 0 ? 0 : declared.Min(i => i.Launches),
            declared.Count == 0 ? 0 : declared.Max(i => i.Launches),
            sides.Count > 0 && sides.All(r => r.PerLaunch.Count > 0));
        return new RulesEvaluation(rules, pairing, between.Summary, evidence, Widths(declared), run.Declarations.FromComparisons, reviewer);
    }

    /// <summary>
    /// A rule in a reviewer's run: one result per setting its deciding claims were measured at the reviewer's setting (in
    /// the order the class's settings read), each combined from the lines at that setting as <see cref="Combine"/> does; the
    /// deciding claims not measured there are <see cref="RuleResult.Missing"/>, not inconclusive. A rule none of whose
    /// deciding claims was measured at the reviewer's setting is not measured in this run.
    /// </summary>
    public static IReadOnlyList<RuleResult> AtReviewer(DeclaredRule rule, IReadOnlyList<ClaimResult> claims)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(claims);
        var deciding = claims.Where(c => c.Claim.Deciding).ToList();
        var instances = deciding.SelectMany(c => c.AtReviewer ?? []).Where(i => i.ReviewerValues is not null).ToList();
        // A class without one of the reviewer's parameters (or that does not wait) answers at each setting that agrees with
        // the values it has: the settings are the most specific ones the instances have.
        var keys = instances.Select(i => new Setting(i.ReviewerValues!)).Distinct().ToList();
        keys = [.. keys.Where(k => !keys.Any(o => o.Parameters.Count > k.Parameters.Count && Agrees(k, o))).Order()];
        if (keys.Count == 0)
        {
            return [new RuleResult(rule, VerdictKind.NotMeasured, [], claims, [.. deciding.Select(c => c.Claim)], ReviewersRun: true)];
        }

        return [.. keys.Select(key => Combine(
            rule,
            claims,
            [.. instances.Where(i => Agrees(new Setting(i.ReviewerValues!), key))],
            [.. deciding.Where(c => !(c.AtReviewer ?? []).Any(i => i.ReviewerValues is not null && Agrees(new Setting(i.ReviewerValues), key))).Select(c => c.Claim)],
            SettingWords(key)))];
    }

    /// <summary>Every parameter of <paramref name="some"/> that <paramref name="setting"/> has too has the same value there.</summary>
    private static bool Agrees(Setting some, Setting setting) =>
        some.Parameters.All(p => setting.Parameters.Where(o => o.Key == p.Key).All(o => o.Value == p.Value));

    /// <summary>
    /// A rule's verdict from its target lines (each deciding claim at its declared setting): it holds where a line's answer
    /// is the one the rule predicts. Every line holds → holds; none holds, each decided → does not carry over; some hold →
    /// holds only for those; none holds and some undecided → inconclusive (for those).
    /// </summary>
    public static RuleResult Combine(DeclaredRule rule, IReadOnlyList<ClaimResult> claims)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(claims);
        var deciding = claims.Where(c => c.Claim.Deciding).ToList();
        return Combine(rule, claims, [.. deciding.Select(c => c.AtDeclared).OfType<ClaimInstance>()], [.. deciding.Where(c => c.AtDeclared is null).Select(c => c.Claim)], reviewerSetting: null);
    }

    private static RuleResult Combine(DeclaredRule rule, IReadOnlyList<ClaimResult> claims, IReadOnlyList<ClaimInstance> lines, IReadOnlyList<DeclaredClaim> missing, string? reviewerSetting)
    {
        var kind = lines.Count == 0 ? VerdictKind.NotMeasured
            : lines.All(l => l.Verdict == RuleOutcome.Holds) ? VerdictKind.Holds
            : lines.All(l => l.Verdict == RuleOutcome.DoesNotCarryOver) ? VerdictKind.DoesNotCarryOver
            : lines.Any(l => l.Verdict == RuleOutcome.Holds) ? VerdictKind.HoldsOnlyFor
            : VerdictKind.Inconclusive;
        return new RuleResult(rule, kind, lines, claims, missing, reviewerSetting is not null, reviewerSetting);
    }

    /// <summary>
    /// Evaluates one claim at its declared setting and at every other setting of its class; in a reviewer's run
    /// (<paramref name="reviewer"/>) also which of them are at the reviewer's setting (<see cref="AtReviewerSetting"/>).
    /// </summary>
    public static ClaimResult Evaluate(DeclaredClaim claim, IReadOnlyList<BenchmarkResult> succeeded, BetweenRuns? between = null, IReadOnlySet<string>? pairedClasses = null, ReviewerSetting? reviewer = null)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(succeeded);
        var paired = pairedClasses?.Contains(claim.Class.Replace('+', '.')) == true;
        var declared = Setting.Parse(claim.Setting);
        var curve = Settings(claim, succeeded)
            .Select(s => (s.Setting, Instance: Instance(claim, s.Side, s.Versus, s.Setting, s.AtDeclared, between ?? BetweenRuns.None, paired)))
            .Where(s => s.Instance is not null)
            .Select(s => reviewer is not null && AtReviewerSetting(s.Setting, declared, reviewer)
                ? s.Instance! with { ReviewerSetting = SettingWords(s.Setting), ReviewerValues = reviewer.ValuesOf(s.Setting) }
                : s.Instance!)
            .ToList();
        return new ClaimResult(claim, curve.FirstOrDefault(i => i.AtDeclaredSetting), curve, reviewer is null ? null : [.. curve.Where(i => i.ReviewerSetting is not null)]);
    }

    /// <summary>
    /// Whether a setting of a claim's class is the reviewer's for that claim: each parameter the reviewer gave at one of
    /// the values given, every other at its declared value (the reviewer's run keeps a class's other [Params] values, e.g.
    /// LatencyMs=0 beside the declared 20, which are not the reviewer's question). The latency distribution is the run's.
    /// </summary>
    public static bool AtReviewerSetting(Setting setting, Setting declared, ReviewerSetting reviewer)
    {
        ArgumentNullException.ThrowIfNull(setting);
        ArgumentNullException.ThrowIfNull(declared);
        ArgumentNullException.ThrowIfNull(reviewer);
        return setting.Parameters.Where(p => p.Key != BenchmarkId.LatencyParameter).All(p =>
            reviewer.Values(p.Key) is { } given
                ? given.Contains(p.Value, StringComparer.OrdinalIgnoreCase)
                : declared.Parameters.Where(d => d.Key == p.Key).All(d => d.Value == p.Value));
    }

    /// <summary>A case's setting in words, its latency distribution as one: "Count=500, LatencyMs=20, latency lognormal median 20 ms p99 200 ms".</summary>
    public static string SettingWords(Setting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return string.Join(", ", setting.Parameters.Select(p =>
            p.Key == BenchmarkId.LatencyParameter ? "latency " + ReviewerSetting.LatencyWords(p.Value) : $"{p.Key}={p.Value}"));
    }

    /// <summary>
    /// The claim's sides at each setting of its class that measured both, in the order the class's settings read
    /// (Count=1 before Count=10), and whether it is the declared one.
    /// </summary>
    public static IEnumerable<(BenchmarkResult Side, BenchmarkResult? Versus, Setting Setting, bool AtDeclared)> Settings(DeclaredClaim claim, IReadOnlyList<BenchmarkResult> succeeded)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(succeeded);
        var className = claim.Class.Replace('+', '.');
        var ofClass = succeeded.Where(r => r.Id.ClassName == className).ToList();
        var classParameters = Setting.ClassParameters(ofClass.Select(r => r.Id));
        var (sideMethod, sideArgs) = ParseSide(claim.Side);
        (string Method, IReadOnlyDictionary<string, string> Arguments)? versus = claim.Measure == ClaimMeasure.Metric || claim.Versus is null ? null : ParseSide(claim.Versus);
        var declared = Setting.Parse(claim.Setting);
        foreach (var group in ofClass.GroupBy(r => Setting.Of(r.Id, classParameters, withCount: true)).OrderBy(g => g.Key))
        {
            var side = group.FirstOrDefault(r => Matches(r.Id, sideMethod, sideArgs, classParameters));
            var other = versus is { } v ? group.FirstOrDefault(r => Matches(r.Id, v.Method, v.Arguments, classParameters)) : null;
            if (side is not null && (versus is null || other is not null))
            {
                yield return (side, other, group.Key, group.Key.SameAs(declared));
            }
        }
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

    /// <summary>A count claim's value in each launch that counted it (÷ the case's Count where declared per unit).</summary>
    public static IReadOnlyList<double> Counts(BenchmarkResult result, string metricId, bool perUnit)
    {
        ArgumentNullException.ThrowIfNull(result);
        var count = result.Id.LongParameter(Setting.CountParameter);
        if (perUnit && count is not > 0)
        {
            return [];
        }

        var perLaunch = result.MetricPerLaunch(metricId);
        if (perLaunch.Count == 0 && BuiltInMetrics.Value(result, metricId) is { } only)
        {
            perLaunch = [only];
        }

        return [.. perLaunch.Select(v => perUnit ? v / count!.Value : v)];
    }

    private static ClaimInstance? Instance(DeclaredClaim claim, BenchmarkResult side, BenchmarkResult? versus, Setting setting, bool atDeclared, BetweenRuns between, bool paired)
    {
        var launches = versus is null ? Intervals.Launches(side) : Math.Min(Intervals.Launches(side), Intervals.Launches(versus));
        if (claim.Measure == ClaimMeasure.Metric)
        {
            var counts = claim.MetricId is null ? [] : Counts(side, claim.MetricId, claim.PerUnit);
            if (counts.Count == 0)
            {
                return null;
            }

            var bands = counts.Select(c => BandOf(c, claim.Thresholds)).Distinct().Order().ToList();
            var answers = bands.Select(b => claim.Answers[b]).Distinct().ToList();
            return new ClaimInstance(claim, setting.Text, atDeclared, side, null, Estimate.Point(NoiseModel.Median(counts)), counts, launches, null, null, bands, null,
                answers.Count == 1 ? answers[0] : null, Decider.Count);
        }

        if (claim.Measure == ClaimMeasure.OverFloor)
        {
            return OverFloor(claim, side, setting, atDeclared, between);
        }

        if (versus is null)
        {
            return null;
        }

        var ratio = claim.Measure == ClaimMeasure.Ratio;
        var time = Intervals.Time(side, versus, ratio, paired);
        if (time is null)
        {
            return null;
        }

        var component = between.For(side.Id);
        var value = Intervals.Replication(time, component?.Variance ?? 0, component?.Points ?? 1, ratio);
        var unpaired = time.Paired && Intervals.Time(side, versus, ratio, paired: false) is { } plain
            ? Intervals.Replication(plain, component?.Variance ?? 0, component?.Points ?? 1, ratio)
            : null;
        var premise = claim.Premise is { } p && (p.Side == claim.Side ? side : p.Side == claim.Versus ? versus : null) is { } counted
            ? new PremiseReading(p, Counts(counted, p.MetricId, perUnit: false), Intervals.Launches(counted))
            : null;
        var timeBands = BandsOf(value, claim.Thresholds);
        var (answer, decider) =
            premise?.Holds == false ? (premise.Premise.Otherwise, Decider.Premise)
            : launches < MinLaunches || !value.HasInterval ? (claim.Answers[BandOf(value.Value, claim.Thresholds)], Decider.Value)
            : timeBands.Select(b => claim.Answers[b]).Distinct().ToList() is [var only] ? (only, Decider.Time)
            : ((Answer?)null, Decider.Time);
        return new ClaimInstance(claim, setting.Text, atDeclared, side, versus, value, [], launches, time, unpaired, timeBands, premise, answer, decider);
    }

    /// <summary>
    /// A side's time over its own applied floor (<see cref="ClaimMeasure.OverFloor"/>), decided as every time claim is: by
    /// the interval a ratio gets (<see cref="Intervals.OverFloor"/>, the class's between-run component added), by its value
    /// alone (provisional) with fewer than <see cref="MinLaunches"/> launches, undecided where the interval spans a
    /// threshold. Not measured (null) where the case drew no distribution (<see cref="BenchmarkId.LatencyParameter"/>): a
    /// fixed latency's floor is the declared wait, the same whatever N, so it says nothing of a tail; nor where the case
    /// reported no floor (its delays did not split into its invocations).
    /// </summary>
    private static ClaimInstance? OverFloor(DeclaredClaim claim, BenchmarkResult side, Setting setting, bool atDeclared, BetweenRuns between)
    {
        if (side.Id.Parameter(BenchmarkId.LatencyParameter) is null)
        {
            return null;
        }

        // Each launch's own floor; one value, the report's, for every launch where it kept none of its own.
        var floors = side.PerLaunch.Count > 0
            ? side.PerLaunch.Where(l => l.Metric(MetricIds.FloorNs) is > 0).ToDictionary(l => l.Launch, l => l.Metric(MetricIds.FloorNs)!.Value)
            : side.Metric(MetricIds.FloorNs) is > 0 and var only ? NoiseModel.LaunchMediansByNumber(side).Keys.ToDictionary(k => k, _ => only)
            : [];
        if (Intervals.OverFloor(side, floors) is not { } time)
        {
            return null;
        }

        var component = between.For(side.Id);
        var value = Intervals.Replication(time, component?.Variance ?? 0, component?.Points ?? 1, ratio: true);
        var bands = BandsOf(value, claim.Thresholds);
        var (answer, decider) =
            time.Launches < MinLaunches || !value.HasInterval ? (claim.Answers[BandOf(value.Value, claim.Thresholds)], Decider.Value)
            : bands.Select(b => claim.Answers[b]).Distinct().ToList() is [var one] ? (one, Decider.Time)
            : ((Answer?)null, Decider.Time);
        return new ClaimInstance(claim, setting.Text, atDeclared, side, null, value, [], time.Launches, time, null, bands, null, answer, decider);
    }

    /// <summary>
    /// Per class with time claims, what pairing by pass would do: pooled over its time values (every claim, every setting)
    /// whose sides share launch numbers, the paired and the unpaired variance and the sides' median correlation. A class
    /// is paired in a run made of passes (every side kept each launch's own counts: merged from passes) where pairing narrows.
    /// </summary>
    public static IReadOnlyList<ClassPairing> Pairing(IReadOnlyList<DeclaredClaim> claims, IReadOnlyList<BenchmarkResult> succeeded)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(succeeded);
        var result = new List<ClassPairing>();
        foreach (var ofClass in claims.Where(c => c.Measure != ClaimMeasure.Metric).GroupBy(c => c.Class.Replace('+', '.'), StringComparer.Ordinal))
        {
            var values = ofClass
                .SelectMany(c => Settings(c, succeeded).Where(s => s.Versus is not null).Select(s => (Claim: c, s.Side, Versus: s.Versus!)))
                .DistinctBy(v => (v.Side.Id, v.Versus.Id, v.Claim.Measure))
                .Select(v => (v.Side, v.Versus, Paired: Intervals.Time(v.Side, v.Versus, v.Claim.Measure == ClaimMeasure.Ratio, paired: true), Plain: Intervals.Time(v.Side, v.Versus, v.Claim.Measure == ClaimMeasure.Ratio, paired: false)))
                .Where(v => v.Paired is { Paired: true } && double.IsFinite(v.Paired.WithinVariance) && v.Plain is { } plain && double.IsFinite(plain.WithinVariance))
                .ToList();
            if (values.Count == 0)
            {
                continue;
            }

            // A difference's variance is in ns²: relative to its scale, so a class's ratios and differences pool alike.
            double Relative(TimeValue t) => t.WithinVariance / (t.Scale * t.Scale);
            var pairedVariance = values.Sum(v => Relative(v.Paired!));
            var unpairedVariance = values.Sum(v => Relative(v.Plain!));
            var correlations = values.Select(v => v.Paired!.Correlation).Where(double.IsFinite).ToList();
            var fromPasses = values.All(v => v.Side.PerLaunch.Count > 0 && v.Versus.PerLaunch.Count > 0);
            result.Add(new ClassPairing(ofClass.Key, values.Count, correlations.Count == 0 ? double.NaN : NoiseModel.Median(correlations), fromPasses,
                fromPasses && pairedVariance < unpairedVariance, pairedVariance, unpairedVariance));
        }

        return result;
    }

    /// <summary>The median half-widths of the ratios' intervals at their declared settings, unpaired and as published.</summary>
    private static IntervalWidths Widths(IReadOnlyList<ClaimInstance> declared)
    {
        static double HalfPercent(Estimate e) => (Math.Sqrt(e.Upper / e.Lower) - 1) * 100;
        var ratios = declared.Where(i => i.Claim.Measure == ClaimMeasure.Ratio && i.Value.HasInterval && i.Value.Lower > 0).ToList();
        return ratios.Count == 0
            ? new IntervalWidths(0, null, null)
            : new IntervalWidths(
                ratios.Count,
                NoiseModel.Median([.. ratios.Select(i => HalfPercent(i.Unpaired ?? i.Value))]),
                NoiseModel.Median([.. ratios.Select(i => HalfPercent(i.Value))]));
    }

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
