using System.Globalization;
using System.Text.RegularExpressions;
using AsyncBench.Publishing.Pages;
using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Reading.FullJson;
using AsyncBench.Publishing.Statistics;
using Pragmastat;
using Pragmastat.Estimators;

namespace AsyncBench.Publishing.Ab;

/// <summary>
/// One case of a one-run A/B: its per-round log ratios B ÷ A (each side's value in a round is the median of
/// its one launch), their Hodges–Lehmann center (Pragmastat's Center, the median of the Walsh averages) and
/// the distribution-free interval of that center (the Wilcoxon signed-rank interval: order statistics of the
/// Walsh averages, at the reached level), and the verdict.
/// </summary>
public sealed record AbCase(BenchmarkId Id, IReadOnlyList<double> RoundLogRatios, double CenterLog, double LowerLog, double UpperLog, double Level, AbVerdict Verdict)
{
    public double Ratio => Math.Exp(CenterLog);
}

public enum AbVerdict
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

public sealed record AbComparison(string SourceDirectory, AbSide A, AbSide B, int Rounds, IReadOnlyList<AbCase> Cases)
{
    public IReadOnlyList<AbCase> Slower => [.. Cases.Where(c => c.Verdict == AbVerdict.Slower)];

    public IReadOnlyList<AbCase> Faster => [.. Cases.Where(c => c.Verdict == AbVerdict.Faster)];
}

/// <summary>
/// Reads an A/B run (the suite's <c>--ab PACKAGE=A,B</c>: jobs <c>A-&lt;version&gt;-r&lt;round&gt;</c> and
/// <c>B-&lt;version&gt;-r&lt;round&gt;</c>, one launch each, each case's two jobs back to back per round) and compares
/// each case paired by round.
/// </summary>
public static partial class AbComparer
{
    /// <summary>The interval's nominal level: the widest signed-rank interval at or above it is taken, and its reached level stated.</summary>
    public const double Level = 0.95;

    /// <summary>The metric the suite records in each benchmark process of an A/B run: the loaded assembly's version, major × 10⁶ + minor × 10³ + patch.</summary>
    public const string LoadedVersionMetricId = AsyncBench.Protocol.MetricIds.LoadedVersion;

    [GeneratedRegex(@"^(?<side>[AB])-(?<version>.+)-r(?<round>\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex JobPattern();

    public static AbComparison Compare(BenchmarkRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var jobs = run.Results.Select(r => (Result: r, Match: JobPattern().Match(r.Job))).Where(j => j.Match.Success).ToList();
        if (jobs.Count == 0)
        {
            throw new PublishException($"The reports in '{run.SourceDirectory}' are not an A/B run (no job is named A-<version>-r<round>). Run the benchmarks with --ab PACKAGE=A,B, e.g. --ab Microsoft.Data.Sqlite=10.0.15,11.0.0.");
        }

        var sides = jobs.GroupBy(j => j.Match.Groups["side"].Value).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        if (!sides.ContainsKey("A") || !sides.ContainsKey("B"))
        {
            throw new PublishException($"The A/B run in '{run.SourceDirectory}' has only side {string.Join(", ", sides.Keys)}: both A and B must have run. Run it again.");
        }

        AbSide Side(string label)
        {
            var members = sides[label];
            var version = members[0].Match.Groups["version"].Value;
            var loaded = members.Select(m => m.Result.Metric(LoadedVersionMetricId)).Where(v => v is not null).Select(v => Decode(v!.Value)).Distinct().Order(StringComparer.Ordinal).ToList();
            return new AbSide(label, version, members.Count, loaded);
        }

        var cases = new List<AbCase>();
        foreach (var byCase in jobs.Where(j => !j.Result.Failed).GroupBy(j => j.Result.Id).OrderBy(g => g.Key.Key, StringComparer.Ordinal))
        {
            var rounds = byCase.GroupBy(j => int.Parse(j.Match.Groups["round"].Value, CultureInfo.InvariantCulture));
            var ratios = new List<double>();
            foreach (var round in rounds.OrderBy(r => r.Key))
            {
                var a = round.FirstOrDefault(j => j.Match.Groups["side"].Value == "A").Result;
                var b = round.FirstOrDefault(j => j.Match.Groups["side"].Value == "B").Result;
                if (a is not null && b is not null && a.MeasurementsNs.Count > 0 && b.MeasurementsNs.Count > 0)
                {
                    ratios.Add(Math.Log(NoiseModel.Median(b.MeasurementsNs) / NoiseModel.Median(a.MeasurementsNs)));
                }
            }

            cases.Add(Case(byCase.Key, ratios));
        }

        var roundCount = jobs.Select(j => j.Match.Groups["round"].Value).Distinct().Count();
        return new AbComparison(run.SourceDirectory, Side("A"), Side("B"), roundCount, cases);
    }

    public static AbCase Case(BenchmarkId id, IReadOnlyList<double> logRatios)
    {
        ArgumentNullException.ThrowIfNull(logRatios);
        if (logRatios.Count == 0)
        {
            return new AbCase(id, logRatios, double.NaN, double.NaN, double.NaN, 0, AbVerdict.TooFewRounds);
        }

        var center = CenterEstimator.Instance.Estimate(new Sample([.. logRatios])).NominalValue;
        var (lower, upper, level) = SignedRank.CenterInterval(logRatios, Level);
        var verdict = level < 0.9 ? AbVerdict.TooFewRounds : lower > 0 ? AbVerdict.Slower : upper < 0 ? AbVerdict.Faster : AbVerdict.NoDifference;
        return new AbCase(id, logRatios, center, lower, upper, level, verdict);
    }

    public static double Encode(Version version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return (version.Major * 1_000_000.0) + (Math.Max(0, version.Minor) * 1_000.0) + Math.Max(0, version.Build);
    }

    public static string Decode(double value)
    {
        var v = (long)Math.Round(value);
        return string.Create(CultureInfo.InvariantCulture, $"{v / 1_000_000}.{v / 1_000 % 1_000}.{v % 1_000}");
    }
}

/// <summary>
/// The distribution-free interval of a one-sample Hodges–Lehmann center: the k-th smallest and k-th largest of
/// the n(n+1)/2 Walsh averages, with k from the exact null distribution of Wilcoxon's signed-rank statistic.
/// </summary>
public static class SignedRank
{
    /// <summary>P(T⁺ ≤ t) under the null for n pairs (exact: counts of subsets of 1..n by their sum).</summary>
    public static double LowerTail(int n, int t)
    {
        if (t < 0)
        {
            return 0;
        }

        var max = n * (n + 1) / 2;
        var counts = new double[max + 1];
        counts[0] = 1;
        for (var i = 1; i <= n; i++)
        {
            for (var s = max; s >= i; s--)
            {
                counts[s] += counts[s - i];
            }
        }

        return counts.Take(Math.Min(t, max) + 1).Sum() / Math.Pow(2, n);
    }

    /// <summary>The interval [W₍ₖ₎, W₍ₘ₊₁₋ₖ₎] with the largest k whose level 1 − 2 P(T⁺ ≤ k − 1) is at least <paramref name="level"/>; if none reaches it, k = 1 (the widest) and its level.</summary>
    public static (double Lower, double Upper, double Level) CenterInterval(IReadOnlyList<double> values, double level)
    {
        ArgumentNullException.ThrowIfNull(values);
        var n = values.Count;
        var walsh = new List<double>();
        for (var i = 0; i < n; i++)
        {
            for (var j = i; j < n; j++)
            {
                walsh.Add((values[i] + values[j]) / 2);
            }
        }

        walsh.Sort();
        var m = walsh.Count;
        var k = 1;
        while (k + 1 <= (m + 1) / 2 && 1 - (2 * LowerTail(n, k)) >= level)
        {
            k++;
        }

        var reached = 1 - (2 * LowerTail(n, k - 1));
        return (walsh[k - 1], walsh[m - k], reached);
    }
}
