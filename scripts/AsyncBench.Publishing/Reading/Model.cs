using System.Globalization;
using AsyncBench.Protocol;

namespace AsyncBench.Publishing.Reading;

/// <summary>
/// A benchmark's full ID: namespace, class, method and every parameter. Runs line up by this and
/// nothing less (namespace + method alone would pair Count=1 with Count=1000).
/// </summary>
public sealed record BenchmarkId(string Namespace, string Type, string Method, IReadOnlyList<KeyValuePair<string, string>> Parameters)
{
    /// <summary>A stable text form with parameters sorted by name, used as the matching key.</summary>
    public string Key { get; } = $"{Namespace}.{Type}.{Method}({string.Join(", ", Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))})";

    /// <summary>
    /// The parameter a case's id gains where its target drew its delays from a distribution instead of its fixed
    /// LatencyMs (declared in the sidecar, <see cref="RunDeclarations.Latency"/>): not a [Params] of the class.
    /// </summary>
    public const string LatencyParameter = "Latency";

    /// <summary>The parameter a case's id gains where the run had an error budget (<see cref="RunDeclarations.ErrorBudget"/>): not a [Params] of the class.</summary>
    public const string ErrorBudgetParameter = "ErrorBudget";

    public string ClassName => $"{Namespace}.{Type}";

    /// <summary>This id with one more parameter (a new id: <see cref="Key"/> is computed when an id is made).</summary>
    public BenchmarkId With(string name, string value) => new(Namespace, Type, Method, [.. Parameters, new(name, value)]);

    public string? Parameter(string name) =>
        Parameters.Where(p => p.Key == name).Select(p => p.Value).FirstOrDefault();

    public long? LongParameter(string name) =>
        long.TryParse(Parameter(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    public bool Equals(BenchmarkId? other) => other is not null && Key == other.Key;

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);

    public override string ToString() => Key;
}

/// <summary>BenchmarkDotNet's summary statistics of one benchmark, in nanoseconds per operation. NaN where it printed none.</summary>
public sealed record TimeStatistics(double Median, double Mean, double StandardError, double ConfidenceLower, double ConfidenceUpper, double ConfidenceLevelPercent, int N)
{
    public double ConfidenceMargin => (ConfidenceUpper - ConfidenceLower) / 2;
}

/// <summary>
/// One benchmark of a run. <see cref="Statistics"/> is null when it failed. <see cref="Metrics"/> holds every
/// finite metric of the full JSON by its Id (AsyncBench's own are <c>AsyncBench.Protocol.MetricIds</c>).
/// </summary>
public sealed record BenchmarkResult(
    BenchmarkId Id,
    TimeStatistics? Statistics,
    double? AllocatedBytesPerOperation,
    double? CompletedWorkItemsPerOperation,
    double? LockContentionsPerOperation,
    IReadOnlyList<double> MeasurementsNs,
    IReadOnlyDictionary<string, double>? Metrics = null,
    IReadOnlyList<int>? MeasurementLaunches = null)
{
    public bool Failed => Statistics is null || double.IsNaN(Statistics.Median);

    /// <summary>BenchmarkDotNet's <c>FullName</c> (the key of the declarations sidecar); the ID's key when the report has none.</summary>
    public string FullName { get; init; } = string.Empty;

    /// <summary>
    /// Nanoseconds of every iteration BenchmarkDotNet ran for the case (jitting, pilot, overhead, warm-up and measured ones), in
    /// all launches: what its launches cost besides starting a process. 0 when the report does not say.
    /// </summary>
    public double MeasuredNs { get; init; }

    /// <summary>Operations the last launch measured (BenchmarkDotNet's <c>Memory.TotalOperations</c>); 0 when the report does not say.</summary>
    public long Operations { get; init; }

    /// <summary>
    /// The job's id as BenchmarkDotNet shows it in <c>DisplayInfo</c> (e.g. <c>Nightly</c>, or an A/B run's
    /// <c>ab-10.0.15-r3</c>); empty when the report does not say.
    /// </summary>
    public string Job { get; init; } = string.Empty;

    /// <summary>The job with its characteristics (<see cref="ReportReader.JobSettingsOf"/>); empty when the report does not say.</summary>
    public string JobSettings { get; init; } = string.Empty;

    /// <summary>The metric's value, or null where the case does not have it (it does not apply, or an older run).</summary>
    public double? Metric(string id) => Metrics is not null && Metrics.TryGetValue(id, out var value) ? value : null;

    /// <summary>
    /// Each launch's own counts and metrics, in launch order, where the report kept them (a run merged from passes);
    /// empty for BenchmarkDotNet's own report, which keeps those of the last launch only (<see cref="Metrics"/>).
    /// </summary>
    public IReadOnlyList<LaunchCounts> PerLaunch { get; init; } = [];

    /// <summary>The count in every launch that measured it (one value, the report's, when it kept no launch's own).</summary>
    public IReadOnlyList<double> AllocatedBytesPerLaunch =>
        PerLaunch.Count > 0 ? [.. PerLaunch.Where(l => l.AllocatedBytesPerOperation is not null).Select(l => l.AllocatedBytesPerOperation!.Value)]
        : AllocatedBytesPerOperation is { } v ? [v] : [];

    /// <inheritdoc cref="AllocatedBytesPerLaunch"/>
    public IReadOnlyList<double> WorkItemsPerLaunch =>
        PerLaunch.Count > 0 ? [.. PerLaunch.Where(l => l.CompletedWorkItemsPerOperation is not null).Select(l => l.CompletedWorkItemsPerOperation!.Value)]
        : CompletedWorkItemsPerOperation is { } v ? [v] : [];

    /// <summary>The metric in every launch that measured it (one value, the report's, when it kept no launch's own).</summary>
    public IReadOnlyList<double> MetricPerLaunch(string id) =>
        PerLaunch.Count > 0 ? [.. PerLaunch.Where(l => l.Metric(id) is not null).Select(l => l.Metric(id)!.Value)]
        : Metric(id) is { } v ? [v] : [];

    /// <summary>
    /// The measurements grouped by the process (launch) that took them, in launch order; one group when
    /// the report does not say (or the run had one launch).
    /// </summary>
    public IReadOnlyList<IReadOnlyList<double>> Launches =>
        MeasurementLaunches is { } launches && launches.Count == MeasurementsNs.Count
            ? [.. MeasurementsNs.Select((ns, i) => (ns, Launch: launches[i])).GroupBy(m => m.Launch).OrderBy(g => g.Key).Select(g => (IReadOnlyList<double>)[.. g.Select(m => m.ns)])]
            : [MeasurementsNs];
}

/// <summary>What one launch (process) of a case counted besides time: its allocated bytes and metrics per operation.</summary>
public sealed record LaunchCounts(int Launch, double? AllocatedBytesPerOperation, IReadOnlyDictionary<string, double> Metrics)
{
    public double? Metric(string id) => Metrics.TryGetValue(id, out var value) ? value : null;

    public double? CompletedWorkItemsPerOperation => Metric(BuiltInMetrics.WorkItems);
}

/// <summary>The machine and toolchain a run measured on.</summary>
public sealed record RunEnvironment(
    string Processor,
    int PhysicalCores,
    int LogicalCores,
    string OperatingSystem,
    string Runtime,
    string Architecture,
    string BenchmarkDotNetVersion);

/// <summary>Everything read from one folder of full JSON reports.</summary>
public sealed record BenchmarkRun(
    string SourceDirectory,
    IReadOnlyList<string> ReportFiles,
    RunEnvironment Environment,
    IReadOnlyList<string> EnvironmentDifferences,
    DateTime? StartedUtc,
    IReadOnlyList<BenchmarkResult> Results)
{
    /// <summary>What the benchmarks declared (baselines, categories, rule comparisons); empty without sidecars.</summary>
    public RunDeclarations Declarations { get; init; } = RunDeclarations.None;

    /// <summary>
    /// The job most of the run's cases ran, with its characteristics (<see cref="BenchmarkResult.JobSettings"/>): runs of the
    /// same job spread alike, so only they teach each other their between-run component; empty when the reports do not say.
    /// </summary>
    public string JobSettings =>
        Results.Select(r => r.JobSettings).GroupBy(j => j, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).FirstOrDefault() ?? string.Empty;

    /// <summary>
    /// Each real target's latency as the workloads measured it in setup (<c>AsyncBench.TargetLatencyMs</c>), per benchmark
    /// type in name order: the middle value over its cases (the upper one of an even count).
    /// </summary>
    public IReadOnlyList<TargetLatency> TargetLatencies =>
        [.. Results.Where(r => r.Metric(MetricIds.TargetLatencyMs) is not null).GroupBy(r => r.Id.Type).OrderBy(g => g.Key, StringComparer.Ordinal).Select(target =>
        {
            var latencies = target.Select(r => r.Metric(MetricIds.TargetLatencyMs)!.Value).Order().ToList();
            return new TargetLatency(target.Key, latencies[latencies.Count / 2], latencies.Count);
        })];
}

/// <summary>A real target's latency per request or round trip, measured in setup: the middle value over its <see cref="Cases"/>.</summary>
public sealed record TargetLatency(string Type, double MedianMs, int Cases);
