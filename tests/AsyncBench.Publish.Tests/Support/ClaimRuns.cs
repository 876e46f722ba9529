using System.Globalization;
using AsyncBench.Protocol;
using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Rules;
using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publish.Tests;

/// <summary>
/// Where a synthetic run puts one claim's value: inside band <see cref="Band"/>, or on the threshold above it (undecided).
/// A time claim with a premise has it hold in every launch, or fail in every launch (<see cref="PremiseHolds"/> false); a
/// count can have its last launch count a value of another band (<see cref="LaunchesDisagree"/>, seen only in a run of passes).
/// </summary>
public sealed record Placement(DeclaredClaim Claim, int Band, bool OnThreshold = false, bool PremiseHolds = true, bool LaunchesDisagree = false);

/// <summary>
/// Runs built in code from claims: each claim's sides get launch medians whose value falls where the test wants it
/// (inside a band, or on a threshold so the interval spans two). Five launches with a fixed pattern, so the interval's
/// width is known: ±0.1 % spread inside a band, ±5 % on a threshold; the versus side's launches follow the pattern shifted
/// by one, so in a run of passes its launches correlate with the side's only in part.
/// </summary>
public static class ClaimRuns
{
    /// <summary>Mean 0, standard deviation 1: the launches' offsets, fixed so every run of the tests sees the same numbers.</summary>
    private static readonly double[] Pattern = [-1.2649, -0.6325, 0, 0.6325, 1.2649];

    private static readonly RunEnvironment Environment = new("Test CPU", 2, 2, "Test OS", ".NET test", "X64", "0.15.8");

    /// <summary>
    /// A run in which each placement's claim has its value in the wanted band; every mechanism metric of every claim is
    /// present on its sides (so answers are as long as a real run's). <paramref name="passes"/>: the run is merged from
    /// passes (each launch keeps its own counts). Throws when two placements need different values for the same benchmark.
    /// </summary>
    public static BenchmarkRun Build(
        IReadOnlyList<Placement> placements,
        IReadOnlyList<DeclaredRule> rules,
        IReadOnlyList<DeclaredMetric> metrics,
        int launches = 5,
        IReadOnlyList<DeclaredClaim>? declared = null,
        bool passes = false)
    {
        var values = new Dictionary<string, (BenchmarkId Id, double Value, double Spread, int Shift)>(StringComparer.Ordinal);
        var metricValues = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        var lastLaunch = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        var overFloor = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var placement in placements)
        {
            var claim = placement.Claim;
            var spread = placement.OnThreshold ? 0.05 : 0.001;
            var target = Target(claim, placement.Band, placement.OnThreshold);
            var side = Id(claim, claim.Side);
            switch (claim.Measure)
            {
                case ClaimMeasure.Metric:
                    Ensure(values, side, 10e6, spread, 0);
                    var count = side.LongParameter("Count") ?? 1;
                    Metrics(metricValues, side)[claim.MetricId!] = claim.PerUnit ? target * count : target;
                    if (placement.LaunchesDisagree)
                    {
                        var other = Target(claim, placement.Band == claim.Thresholds.Count ? placement.Band - 1 : placement.Band + 1, onThreshold: false);
                        Metrics(lastLaunch, side)[claim.MetricId!] = claim.PerUnit ? other * count : other;
                    }

                    break;
                case ClaimMeasure.OverFloor:
                    // The floor follows the side's time, wherever another claim puts it: set once every time is placed.
                    Ensure(values, side, 10e6, spread, 0);
                    overFloor[side.Key] = target;
                    break;
                default:
                    var versus = Id(claim, claim.Versus!);
                    var ratio = claim.Measure == ClaimMeasure.Ratio;
                    if (values.TryGetValue(side.Key, out var s) && values.TryGetValue(versus.Key, out var v))
                    {
                        var actual = ratio ? s.Value / v.Value : s.Value - v.Value;
                        if (claim.Deciding && Math.Abs(actual - target) > Math.Abs(target) * 1e-9)
                        {
                            throw new InvalidOperationException($"Rule {claim.Rule} `{claim.Id}`: both sides are placed by another claim, at a value outside the band wanted.");
                        }
                    }
                    else if (values.TryGetValue(side.Key, out s))
                    {
                        values[versus.Key] = (versus, ratio ? s.Value / target : s.Value - target, spread, 1);
                    }
                    else
                    {
                        var baseline = values.TryGetValue(versus.Key, out v) ? v.Value : ratio ? 10e6 : Math.Max(1000, Math.Abs(target) * 10);
                        Ensure(values, versus, baseline, spread, 1);
                        values[side.Key] = (side, ratio ? baseline * target : baseline + target, spread, 0);
                    }

                    if (claim.Premise is { } premise)
                    {
                        var counted = Id(claim, premise.Side);
                        // A count placed by another claim (rule 5's units at once) stays: the first placement of a metric wins.
                        Metrics(metricValues, counted).TryAdd(premise.MetricId, placement.PremiseHolds ? premise.AtLeast + 1 : Math.Max(0, premise.AtLeast - 1));
                    }

                    break;
            }
        }

        foreach (var (key, target) in overFloor)
        {
            Metrics(metricValues, values[key].Id)[MetricIds.FloorNs] = values[key].Value / target;
        }

        // Every mechanism metric on every side of every claim (7 at once, 7 threads...): the answers' full length.
        foreach (var claim in placements.Select(p => p.Claim))
        {
            foreach (var label in new[] { claim.Side, claim.Versus }.OfType<string>())
            {
                var id = Id(claim, label);
                if (values.ContainsKey(id.Key))
                {
                    foreach (var metric in claim.Mechanism)
                    {
                        Metrics(metricValues, id).TryAdd(metric, 7);
                    }
                }
            }
        }

        var results = values.Values.Select(v =>
        {
            var own = metricValues.GetValueOrDefault(v.Id.Key);
            var result = Result(v.Id, v.Value, v.Spread, launches, own, v.Shift);
            return passes ? WithPasses(result, launches, own, lastLaunch.GetValueOrDefault(v.Id.Key)) : result;
        }).ToArray();
        var claims = declared ?? [.. placements.Select(p => p.Claim).Distinct()];
        return new BenchmarkRun("synthetic", ["synthetic"], Environment, [], new DateTime(2026, 11, 25, 3, 0, 0, DateTimeKind.Unspecified), results)
        {
            Declarations = new RunDeclarations(results.Select((r, i) => new DeclaredBenchmark(r.FullName, [], false, i)), rules, claims, metrics, []),
        };
    }

    /// <summary>A value inside band <paramref name="band"/> (its middle, geometric for a ratio), or on the threshold above band - 1.</summary>
    public static double Target(DeclaredClaim claim, int band, bool onThreshold)
    {
        var t = claim.Thresholds;
        if (onThreshold)
        {
            return t[band - 1];
        }

        var ratio = claim.Measure is ClaimMeasure.Ratio or ClaimMeasure.OverFloor;
        if (band == 0)
        {
            return ratio ? t[0] / 2 : t[0] > 0 ? t[0] / 2 : t[0] - Math.Max(1, Math.Abs(t[0]));
        }

        if (band == t.Count)
        {
            return ratio ? t[^1] * 2 : t[^1] + Math.Max(1, Math.Abs(t[^1]));
        }

        return ratio ? Math.Sqrt(t[band - 1] * t[band]) : (t[band - 1] + t[band]) / 2;
    }

    /// <summary>The benchmark a side names, at the claim's declared setting.</summary>
    public static BenchmarkId Id(DeclaredClaim claim, string side)
    {
        var (method, arguments) = Claims.ParseSide(side);
        var parameters = ReportReader.ParseParameters(claim.Setting).Concat(arguments).ToList();
        var dot = claim.Class.Replace('+', '.').LastIndexOf('.');
        var className = claim.Class.Replace('+', '.');
        return new BenchmarkId(className[..dot], className[(dot + 1)..], method, parameters);
    }

    /// <summary>
    /// Five (or <paramref name="launches"/>) launches of four iterations each, the launches spread by the fixed pattern,
    /// shifted by <paramref name="shift"/> places.
    /// </summary>
    public static BenchmarkResult Result(BenchmarkId id, double value, double spread, int launches, IReadOnlyDictionary<string, double>? metrics = null, int shift = 0)
    {
        var measurements = new List<double>();
        var launchOf = new List<int>();
        for (var launch = 0; launch < launches; launch++)
        {
            var offset = launches == 1 ? 0 : Pattern[(launch + shift) % Pattern.Length];
            for (var i = 0; i < 4; i++)
            {
                measurements.Add(value * Math.Exp(spread * offset));
                launchOf.Add(launch + 1);
            }
        }

        var statistics = new TimeStatistics(NoiseModel.Median(measurements), measurements.Average(), double.NaN, double.NaN, double.NaN, double.NaN, measurements.Count);
        return new BenchmarkResult(id, statistics, 4096, 10, 0, measurements, metrics, launchOf) { FullName = id.Key };
    }

    /// <summary>The result as a run merged from passes keeps it: each launch's own metrics, the last launch's as <paramref name="last"/> changes them.</summary>
    public static BenchmarkResult WithPasses(BenchmarkResult result, int launches, IReadOnlyDictionary<string, double>? metrics, IReadOnlyDictionary<string, double>? last = null) =>
        result with
        {
            PerLaunch = [.. Enumerable.Range(1, launches).Select(k => new LaunchCounts(k, 4096, k == launches && last is not null
                ? (metrics ?? new Dictionary<string, double>()).Concat(last).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value)
                : metrics ?? new Dictionary<string, double>()))],
        };

    private static void Ensure(Dictionary<string, (BenchmarkId, double, double, int)> values, BenchmarkId id, double value, double spread, int shift) =>
        values.TryAdd(id.Key, (id, value, spread, shift));

    private static Dictionary<string, double> Metrics(Dictionary<string, Dictionary<string, double>> all, BenchmarkId id)
    {
        if (!all.TryGetValue(id.Key, out var metrics))
        {
            all[id.Key] = metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        }

        return metrics;
    }

    public static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
