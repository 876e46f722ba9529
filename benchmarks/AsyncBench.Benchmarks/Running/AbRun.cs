using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using AsyncBench.Benchmarks.Harness;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Order;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace AsyncBench.Benchmarks.Running;

/// <summary>
/// A one-run A/B of two versions of a dependency (<c>--ab Microsoft.Data.Sqlite=10.0.15,11.0.0</c>): the
/// chosen benchmarks against both versions in one BenchmarkDotNet run, as its IntroNuGet sample does: one
/// job per version and round, each with the MSBuild property that Directory.Packages.props reads the
/// package's version from. BenchmarkDotNet builds one partition per distinct MSBuild arguments
/// (BenchmarkPartitioner compares Infrastructure.Arguments; restore and build get them), so each version is
/// built and loaded in its own output folder; the benchmark processes record the version they loaded
/// (<see cref="AsyncBench.Protocol.MetricIds.LoadedVersion"/>). Each job is one launch; <see cref="Orderer"/> runs
/// every case's A and B back to back in each round, alternating A-B and B-A, so a pair shares the machine's
/// state and the publisher's <c>ab</c> compares them paired.
/// </summary>
public sealed partial record AbRun(string Package, string VersionA, string VersionB, int Rounds)
{
    public const string Option = "--ab";
    public const string RoundsOption = "--ab-rounds";

    /// <summary>
    /// Rounds (pairs of launches) per case by default: with 8 pairs the signed-rank interval of the paired
    /// center reaches 96 % (with 5 it cannot reach 95 %).
    /// </summary>
    public const int DefaultRounds = 8;

    public const int MinRounds = 6;

    /// <summary>Set by the suite for its benchmark processes in an A/B run: the assembly whose loaded version they record. Not a user setting.</summary>
    public const string AssemblyVariable = "ASYNCBENCH_AB_ASSEMBLY";

    /// <summary>The packages an A/B can vary: the MSBuild property Directory.Packages.props takes its version from, and its assembly.</summary>
    public static IReadOnlyDictionary<string, (string Property, string Assembly)> Packages { get; } =
        new Dictionary<string, (string, string)>(StringComparer.OrdinalIgnoreCase)
        {
            ["Microsoft.Data.Sqlite"] = ("MicrosoftDataSqliteVersion", "Microsoft.Data.Sqlite"),
        };

    public string Property => Packages[Package].Property;

    public string Assembly => Packages[Package].Assembly;

    [GeneratedRegex(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();

    /// <summary>The two versions' jobs, round by round: the profile's job with one launch, the version's MSBuild property, and an id the publisher reads.</summary>
    public IEnumerable<Job> Jobs(Job profileJob)
    {
        ArgumentNullException.ThrowIfNull(profileJob);
        for (var round = 1; round <= Rounds; round++)
        {
            foreach (var (side, version) in new[] { ("A", VersionA), ("B", VersionB) })
            {
                yield return profileJob
                    .WithLaunchCount(1)
                    .WithMsBuildArguments($"/p:{Property}={version}")
                    .WithId(string.Create(CultureInfo.InvariantCulture, $"{side}-{version}-r{round}"));
            }
        }
    }

    /// <summary>Takes <c>--ab PACKAGE=A,B</c> and <c>--ab-rounds N</c> out of <paramref name="args"/>, checked; null when absent.</summary>
    public static bool TryTake(string[] args, out AbRun? ab, out string[] rest, out string error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ab = null;
        error = string.Empty;
        string? spec = null;
        string? rounds = null;
        var kept = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is Option or RoundsOption)
            {
                if (i + 1 >= args.Length)
                {
                    rest = [];
                    error = $"{args[i]} needs a value, e.g. {Option} Microsoft.Data.Sqlite=10.0.15,11.0.0 {RoundsOption} {DefaultRounds}.";
                    return false;
                }

                if (args[i] == Option)
                {
                    spec = args[++i];
                }
                else
                {
                    rounds = args[++i];
                }

                continue;
            }

            kept.Add(args[i]);
        }

        rest = [.. kept];
        if (spec is null)
        {
            if (rounds is not null)
            {
                error = $"{RoundsOption} applies only with {Option} PACKAGE=A,B.";
                return false;
            }

            return true;
        }

        var parts = spec.Split('=', 2);
        var versions = parts.Length == 2 ? parts[1].Split(',') : [];
        if (parts.Length != 2 || !Packages.ContainsKey(parts[0]))
        {
            error = $"{Option} '{spec}': name a package the suite can vary ({string.Join(", ", Packages.Keys)}) and two versions, e.g. {Option} Microsoft.Data.Sqlite=10.0.15,11.0.0.";
            return false;
        }

        // The same version twice is allowed: an A/A of the A/B, which checks its interval's false-positive rate.
        if (versions.Length != 2 || !versions.All(v => VersionPattern().IsMatch(v)))
        {
            error = $"{Option} '{spec}': give two versions as MAJOR.MINOR.PATCH, comma-separated (A,B: B is the candidate), e.g. {Option} {parts[0]}=10.0.15,11.0.0.";
            return false;
        }

        var count = DefaultRounds;
        if (rounds is not null && (!int.TryParse(rounds, NumberStyles.Integer, CultureInfo.InvariantCulture, out count) || count < MinRounds || count > 50))
        {
            error = $"{RoundsOption} '{rounds}': give a whole number of rounds from {MinRounds} to 50 (fewer than {MinRounds} pairs cannot give a 95 % interval).";
            return false;
        }

        if (SuiteOptions.Take(kept, SuiteOptions.Job).Values.Count > 0)
        {
            error = $"{Option} builds its own jobs (one per version and round, from --profile); drop --job.";
            return false;
        }

        ab = new AbRun(Packages.Keys.First(k => string.Equals(k, parts[0], StringComparison.OrdinalIgnoreCase)), versions[0], versions[1], count);
        return true;
    }

    /// <summary>
    /// The execution order of an A/B run: round by round over the cases (so a case's rounds spread over the
    /// run's time), and in each round a case's two versions back to back, A-B in odd rounds and B-A in even
    /// ones. The summary order stays the suite's (<see cref="BaselineGroupingOrderer"/>).
    /// </summary>
    public sealed class Orderer : IOrderer
    {
        private static readonly BaselineGroupingOrderer Inner = new();

        public bool SeparateLogicalGroups => Inner.SeparateLogicalGroups;

        public IEnumerable<BenchmarkCase> GetExecutionOrder(ImmutableArray<BenchmarkCase> benchmarksCase, IEnumerable<BenchmarkLogicalGroupRule>? order = null)
        {
            var ordered = Inner.GetExecutionOrder(benchmarksCase, order).ToList();
            var cases = ordered.Select(CaseKey).Distinct().ToList();
            var byCase = ordered.ToLookup(CaseKey);
            var rounds = ordered.Select(c => RoundOf(c.Job)).Where(r => r > 0).Distinct().Order().ToList();
            foreach (var round in rounds)
            {
                foreach (var key in cases)
                {
                    var pair = byCase[key].Where(c => RoundOf(c.Job) == round).OrderBy(c => c.Job.Id, StringComparer.Ordinal).ToList();
                    foreach (var benchmark in round % 2 == 1 ? pair : Enumerable.Reverse(pair))
                    {
                        yield return benchmark;
                    }
                }
            }

            // Anything that is not an A/B job (none in an A/B run) keeps its place at the end.
            foreach (var benchmark in ordered.Where(c => RoundOf(c.Job) == 0))
            {
                yield return benchmark;
            }
        }

        public IEnumerable<BenchmarkCase> GetSummaryOrder(ImmutableArray<BenchmarkCase> benchmarksCases, Summary summary) => Inner.GetSummaryOrder(benchmarksCases, summary);

        public string? GetHighlightGroupKey(BenchmarkCase benchmarkCase) => Inner.GetHighlightGroupKey(benchmarkCase);

        public string? GetLogicalGroupKey(ImmutableArray<BenchmarkCase> allBenchmarksCases, BenchmarkCase benchmarkCase) => Inner.GetLogicalGroupKey(allBenchmarksCases, benchmarkCase);

        public IEnumerable<IGrouping<string, BenchmarkCase>> GetLogicalGroupOrder(IEnumerable<IGrouping<string, BenchmarkCase>> logicalGroups, IEnumerable<BenchmarkLogicalGroupRule>? order = null) =>
            Inner.GetLogicalGroupOrder(logicalGroups, order);

        private static string CaseKey(BenchmarkCase benchmark) => benchmark.Descriptor.DisplayInfo + " " + benchmark.Parameters.DisplayInfo;

        /// <summary>The round of an A/B job (<c>A-10.0.15-r3</c>: 3); 0 for any other job.</summary>
        public static int RoundOf(Job job)
        {
            ArgumentNullException.ThrowIfNull(job);
            var at = job.Id.LastIndexOf("-r", StringComparison.Ordinal);
            return at > 0 && job.Id[0] is 'A' or 'B' && int.TryParse(job.Id[(at + 2)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var round) ? round : 0;
        }
    }
}
