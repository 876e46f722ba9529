using System.Text.Json;
using System.Text.Json.Serialization;
using AsyncBench.Protocol;

namespace AsyncBench.Publishing.Reading;

/// <summary>
/// The declarations sidecars of a run (<c>*-report-asyncbench.json</c>, written by the suite's
/// DeclarationsExporter beside each full JSON report): baselines, categories, rules, the claims each
/// class makes for a rule and the metrics the suite emits, described. A report without one publishes
/// all the same, with "no baseline declared".
/// <para>
/// Three formats are read. Format 3 declares claims (<see cref="DeclaredClaim"/>) whose bands answer their questions,
/// and metrics (<see cref="DeclaredMetric"/>). Format 2, which published runs under results/ carry, declared each band's
/// rule outcome: read as answers, holds as yes. Format 1 declared time-ratio comparisons (<see cref="DeclaredComparison"/>):
/// each is read as the ratio claim it was (its three bands and their outcomes as declared, "holds differently" as yes), a
/// control as evidence that decides nothing, so an old run's rules page still shows what it measured.
/// </para>
/// </summary>
public sealed class RunDeclarations
{
    public static readonly RunDeclarations None = new([], [], [], [], []);

    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    private readonly Dictionary<string, DeclaredBenchmark> benchmarks;
    private readonly Dictionary<string, DeclaredMetric> metrics;
    private readonly Dictionary<string, DeclaredMetric> reported;

    public RunDeclarations(
        IEnumerable<DeclaredBenchmark> benchmarks,
        IEnumerable<DeclaredRule> rules,
        IEnumerable<DeclaredClaim> claims,
        IEnumerable<DeclaredMetric> metrics,
        IReadOnlyList<string> files,
        bool fromComparisons = false,
        IEnumerable<DeclaredMetric>? reported = null)
    {
        this.benchmarks = benchmarks.GroupBy(b => b.FullName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        Metrics = [.. metrics.DistinctBy(m => m.Id, StringComparer.Ordinal)];
        this.metrics = Metrics.ToDictionary(m => m.Id, StringComparer.Ordinal);
        // What the reports' own descriptors say of a metric no sidecar describes (a run from before the sidecar described
        // metrics); BenchmarkDotNet's own metrics are not the suite's and are stated on their own lines, or not at all.
        List<DeclaredMetric> onlyReported = [.. (reported ?? [])
            .Where(m => !this.metrics.ContainsKey(m.Id) && !BuiltInMetrics.IsBenchmarkDotNetOwn(m.Id))
            .DistinctBy(m => m.Id, StringComparer.Ordinal)];
        this.reported = onlyReported.ToDictionary(m => m.Id, StringComparer.Ordinal);
        Described = [.. Metrics, .. onlyReported];
        Rules = [.. rules.GroupBy(r => r.Number).Select(g => g.First()).OrderBy(r => r.Number)];
        Claims = [.. claims.Select(WithAnswers).DistinctBy(c => (c.Class, c.Rule, c.Id))];
        Files = files;
        FromComparisons = fromComparisons;
    }

    public IReadOnlyList<DeclaredRule> Rules { get; }

    /// <summary>Every claim of the run's classes (format-1 comparisons read as claims).</summary>
    public IReadOnlyList<DeclaredClaim> Claims { get; }

    public IReadOnlyList<string> Files { get; }

    /// <summary>True when a sidecar was format 1: its claims are time-ratio comparisons, without mechanisms.</summary>
    public bool FromComparisons { get; }

    /// <summary>Whether the benchmark's sidecar declared anything about it (so a missing baseline means none was declared).</summary>
    public bool Declares(BenchmarkResult result) => benchmarks.ContainsKey(result.FullName);

    public bool IsBaseline(BenchmarkResult result) => benchmarks.TryGetValue(result.FullName, out var declared) && declared.Baseline;

    /// <summary>The category that marks a canary, as the suite declares it (besides the sidecar's flag).</summary>
    public const string CanaryCategory = "Canary";

    /// <summary>A canary: declared by the sidecar's flag or the <see cref="CanaryCategory"/> category.</summary>
    public bool IsCanary(BenchmarkResult result) =>
        benchmarks.TryGetValue(result.FullName, out var declared) && (declared.Canary || declared.Categories.Contains(CanaryCategory, StringComparer.Ordinal));

    public IReadOnlyList<string> Categories(BenchmarkResult result) =>
        benchmarks.TryGetValue(result.FullName, out var declared) ? declared.Categories : [];

    /// <summary>The metrics the run's sidecars describe, in the order the first sidecar declares them (the order a cell's lines show them).</summary>
    public IReadOnlyList<DeclaredMetric> Metrics { get; }

    /// <summary>
    /// Every suite metric the run describes, in order: the sidecars' (<see cref="Metrics"/>), then any other the reports'
    /// own descriptors describe (BenchmarkDotNet's full JSON carries each metric's id, display name and unit), except
    /// BenchmarkDotNet's own. So a run whose sidecar predates metric declarations still shows its metrics by display name.
    /// </summary>
    public IReadOnlyList<DeclaredMetric> Described { get; }

    /// <summary>
    /// The metric as the suite describes it: the sidecar's declaration, BenchmarkDotNet's own (<see cref="BuiltInMetrics"/>),
    /// or the report's descriptor (<see cref="Described"/>); null for a metric nothing describes.
    /// </summary>
    public DeclaredMetric? Metric(string id) =>
        metrics.TryGetValue(id, out var metric) ? metric : BuiltInMetrics.Describe(id) ?? reported.GetValueOrDefault(id);

    /// <summary>The slowdown injected into the benchmark on purpose (ASYNCBENCH_SLOWDOWN), in percent; null when none was.</summary>
    public double? InjectedSlowdownPercent(BenchmarkResult result) =>
        benchmarks.TryGetValue(result.FullName, out var declared) ? declared.InjectedSlowdownPercent : null;

    /// <summary>
    /// The latency distribution the benchmark's target drew its delays from instead of its fixed LatencyMs (the run's
    /// --latency, canonical text); null at the fixed delay. Part of the case's identity (<see cref="ReportReader"/>).
    /// </summary>
    public string? Latency(BenchmarkResult result) =>
        benchmarks.TryGetValue(result.FullName, out var declared) ? declared.Latency : null;

    /// <summary>
    /// The run's error budget the benchmark was measured under (e.g. "2%"); null without one. Part of the case's identity
    /// (<see cref="ReportReader"/>), like <see cref="Latency"/>.
    /// </summary>
    public string? ErrorBudget(BenchmarkResult result) =>
        benchmarks.TryGetValue(result.FullName, out var declared) ? declared.ErrorBudget : null;

    /// <summary>The same as a fraction, for the gate (null unless above 0).</summary>
    public double? InjectedSlowdown(BenchmarkResult result) =>
        InjectedSlowdownPercent(result) is > 0 and var percent ? percent / 100 : null;

    /// <summary>The benchmarks slowed down on purpose, by full name: a run with any is a fault-injection run.</summary>
    public IReadOnlyList<DeclaredBenchmark> Injected =>
        [.. benchmarks.Values.Where(b => b.InjectedSlowdownPercent is not null).OrderBy(b => b.FullName, StringComparer.Ordinal)];

    /// <summary>
    /// A reviewer's run: the setting its command line gave instead of the declared one (<c>--params ... --latency ...</c>);
    /// null for the suite's declared setting. Its pages say so, and <see cref="Pages.Publisher"/> keeps it out of the
    /// machine's history and <c>latest</c>.
    /// </summary>
    public string? ReviewerSetting => benchmarks.Values.Select(b => b.ReviewerSetting).FirstOrDefault(s => s is not null);

    /// <summary>The reviewer's setting read: its parameters and their values, its latency; null for the suite's declared setting.</summary>
    public Reading.ReviewerSetting? Reviewer => ReviewerSetting is { } given ? Reading.ReviewerSetting.Parse(given) : null;

    /// <summary>
    /// Reads every sidecar in <paramref name="directory"/> (same folder as the reports); <paramref name="reported"/> are the
    /// reports' own metric descriptors, for metrics no sidecar describes (none without a sidecar: not a suite run).
    /// </summary>
    public static RunDeclarations Read(string directory, IEnumerable<DeclaredMetric>? reported = null)
    {
        var files = Directory.GetFiles(directory, "*" + ReportDeclarations.FileSuffix, SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            return None;
        }

        var read = new List<ReportDeclarations>();
        foreach (var file in files)
        {
            try
            {
                var declarations = JsonSerializer.Deserialize<ReportDeclarations>(File.ReadAllText(file), Json);
                if (declarations is null || declarations.Format is not (ReportDeclarations.CurrentFormat or ReportDeclarations.Format2 or ReportDeclarations.PreviousFormat))
                {
                    throw new PublishException($"The declarations file '{file}' is not in the format {ReportDeclarations.CurrentFormat} (or {ReportDeclarations.Format2}, {ReportDeclarations.PreviousFormat}). Run the benchmarks again with this version of the suite, or delete the file.");
                }

                read.Add(declarations);
            }
            catch (JsonException e)
            {
                throw new PublishException($"The declarations file '{file}' is not valid ({e.Message.Split('.')[0]}). Run the benchmarks again, or delete the file.", e);
            }
        }

        return new RunDeclarations(
            read.SelectMany(d => d.Benchmarks ?? []),
            read.SelectMany(d => d.Rules ?? []),
            read.SelectMany(d => (d.Claims ?? []).Concat(AsClaims(d.Comparisons ?? []))),
            read.SelectMany(d => d.Metrics ?? []),
            files,
            read.Any(d => d.Format == ReportDeclarations.PreviousFormat),
            reported);
    }

    /// <summary>A format-2 claim (its bands' rule outcomes) with its answers: holds as yes, so what the rule predicts is yes.</summary>
    public static DeclaredClaim WithAnswers(DeclaredClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return claim.Answers is not null ? claim : claim with { Answers = [.. (claim.Outcomes ?? []).Select(AnswerOf)] };
    }

    private static Answer AnswerOf(RuleOutcome outcome) => outcome is RuleOutcome.Holds or RuleOutcome.HoldsDifferently ? Answer.Yes : Answer.No;

    /// <summary>
    /// Format-1 comparisons as the ratio claims they were: median(Slower) ÷ median(Faster), cut at NoneBelow and
    /// LargeAt, the three bands' outcomes as declared; a control decides nothing (it is shown as evidence).
    /// </summary>
    public static IReadOnlyList<DeclaredClaim> AsClaims(IEnumerable<DeclaredComparison> comparisons) =>
        [.. comparisons.Select(c => new DeclaredClaim(
            c.Class,
            TypeName(c.Class),
            c.Rule,
            $"{c.Slower}-over-{c.Faster}".ToLowerInvariant(),
            c.Question,
            ClaimMeasure.Ratio,
            c.Slower,
            c.Faster,
            null,
            false,
            c.Setting,
            [c.NoneBelow, c.LargeAt],
            [AnswerOf(c.IfNone), AnswerOf(c.IfSmall), AnswerOf(c.IfLarge)],
            [],
            !c.Control))];

    private static string TypeName(string className) => className[(className.LastIndexOfAny(['.', '+']) + 1)..];
}
