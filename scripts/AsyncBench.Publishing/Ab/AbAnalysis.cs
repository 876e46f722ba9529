using System.Globalization;
using System.Text.RegularExpressions;
using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Statistics;
using Pragmastat;
using Pragmastat.Estimators;

namespace AsyncBench.Publishing.Ab;

/// <summary>
/// Reads an A/B run (the suite's <c>--ab PACKAGE=A,B</c>: jobs <c>A-&lt;version&gt;-r&lt;round&gt;</c> and
/// <c>B-&lt;version&gt;-r&lt;round&gt;</c>, one launch each, each case's two jobs back to back per round) and compares
/// each case paired by round.
/// </summary>
public static partial class AbAnalysis
{
    /// <summary>The interval's nominal level: the widest signed-rank interval at or above it is taken, and its reached level stated.</summary>
    public const double Level = 0.95;

    /// <summary>The metric the suite records in each benchmark process of an A/B run: the loaded assembly's version, major × 10⁶ + minor × 10³ + patch.</summary>
    public const string LoadedVersionMetricId = AsyncBench.Protocol.MetricIds.LoadedVersion;

    [GeneratedRegex(@"^(?<side>[AB])-(?<version>.+)-r(?<round>\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex JobPattern();

    public static AbResult Of(BenchmarkRun run)
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
        return new AbResult(run.SourceDirectory, Side("A"), Side("B"), roundCount, cases);
    }

    public static AbCase Case(BenchmarkId id, IReadOnlyList<double> logRatios)
    {
        ArgumentNullException.ThrowIfNull(logRatios);
        if (logRatios.Count == 0)
        {
            return new AbCase(id, logRatios, double.NaN, double.NaN, double.NaN, 0, AbOutcome.TooFewRounds);
        }

        var center = CenterEstimator.Instance.Estimate(new Sample([.. logRatios])).NominalValue;
        var (lower, upper, level) = SignedRank.CenterInterval(logRatios, Level);
        var outcome = level < 0.9 ? AbOutcome.TooFewRounds : lower > 0 ? AbOutcome.Slower : upper < 0 ? AbOutcome.Faster : AbOutcome.NoDifference;
        return new AbCase(id, logRatios, center, lower, upper, level, outcome);
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
