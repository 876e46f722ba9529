using System.Text.Json;
using System.Text.Json.Serialization;
using AsyncBench.Publishing.Passes;

namespace AsyncBench.Publishing.Reading.FullJson;

// The parts of BenchmarkDotNet's full JSON report (JsonExporter.Full, v0.15.8: Exporters/Json/JsonExporterBase.cs)
// that the publisher reads, named as BenchmarkDotNet writes them (dotnet/performance's ResultsComparer reads the same
// file through DataTransferContracts.cs). BenchmarkDotNet writes NaN and infinities as strings and a failed
// benchmark's Statistics as null, so every number is a double? read by ReportNumberConverter, and a part of the
// wrong kind reads as absent (ObjectOrNull, ArrayOrEmpty): the publisher reads what it can and says what is missing.
// merge-passes (PassMerger) writes the file back through the same records: the parts the publisher does not read are
// kept as they were in Rest ([JsonExtensionData]), so a merged report is still BenchmarkDotNet's full JSON.

/// <summary>The report's root: <c>Title</c> (the type and the run's start), <c>HostEnvironmentInfo</c>, <c>Benchmarks</c>.</summary>
public sealed record FullJsonReport
{
    public string? Title { get; init; }

    [JsonConverter(typeof(ObjectOrNull<HostEnvironmentInfo>))]
    public HostEnvironmentInfo? HostEnvironmentInfo { get; init; }

    [JsonConverter(typeof(ArrayOrEmpty<Benchmark>))]
    public List<Benchmark>? Benchmarks { get; init; }

    /// <summary>The fields the publisher does not read, kept so that a report written back loses nothing.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Rest { get; init; }
}

/// <summary>The machine and toolchain (BenchmarkDotNet's <c>HostEnvironmentInfo</c>, as its exporter writes it).</summary>
public sealed record HostEnvironmentInfo
{
    public string? BenchmarkDotNetVersion { get; init; }

    public string? OsVersion { get; init; }

    public string? ProcessorName { get; init; }

    public double? PhysicalCoreCount { get; init; }

    public double? LogicalCoreCount { get; init; }

    public string? RuntimeVersion { get; init; }

    public string? Architecture { get; init; }

    /// <inheritdoc cref="FullJsonReport.Rest"/>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Rest { get; init; }
}

/// <summary>One benchmark case (a <c>BenchmarkReport</c>): its identity, statistics, memory, measurements and metrics.</summary>
public sealed record Benchmark
{
    /// <summary><c>Type.Method: JobId(characteristics) [parameters]</c>.</summary>
    public string? DisplayInfo { get; init; }

    /// <summary>Null for a type in the global namespace.</summary>
    public string? Namespace { get; init; }

    public string? Type { get; init; }

    public string? Method { get; init; }

    /// <summary>All parameters as one <c>A=1&amp;B=x</c> string.</summary>
    public string? Parameters { get; init; }

    public string? FullName { get; init; }

    /// <summary>Null for a benchmark that failed (written as null, as BenchmarkDotNet writes it).</summary>
    [JsonConverter(typeof(ObjectOrNull<Statistics>))]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public Statistics? Statistics { get; init; }

    /// <summary>Written only when the config has a MemoryDiagnoser.</summary>
    [JsonConverter(typeof(ObjectOrNull<Memory>))]
    public Memory? Memory { get; init; }

    [JsonConverter(typeof(ArrayOrEmpty<Measurement>))]
    public List<Measurement>? Measurements { get; init; }

    /// <summary>Written only when the case has metrics (diagnosers' and the suite's own).</summary>
    [JsonConverter(typeof(ArrayOrEmpty<Metric>))]
    public List<Metric>? Metrics { get; init; }

    /// <summary>
    /// Not BenchmarkDotNet's: written by <c>merge-passes</c> (<see cref="PassMerger"/>), each pass's own metrics and memory
    /// with the launch they came from. BenchmarkDotNet keeps a case's metrics from its last launch only.
    /// </summary>
    [JsonConverter(typeof(ArrayOrEmpty<LaunchMetricsJson>))]
    public List<LaunchMetricsJson>? LaunchMetrics { get; init; }

    /// <inheritdoc cref="FullJsonReport.Rest"/>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Rest { get; init; }
}

/// <summary>One launch's metrics and memory in a merged run (<see cref="Benchmark.LaunchMetrics"/>).</summary>
public sealed record LaunchMetricsJson
{
    public double? LaunchIndex { get; init; }

    [JsonConverter(typeof(ObjectOrNull<Memory>))]
    public Memory? Memory { get; init; }

    [JsonConverter(typeof(ArrayOrEmpty<Metric>))]
    public List<Metric>? Metrics { get; init; }
}

/// <summary>
/// Perfolizer's summary statistics of the result measurements, in nanoseconds per operation: those the publisher reads
/// and those <see cref="PassMerger"/> recomputes for a merged run, in BenchmarkDotNet's order.
/// </summary>
public sealed record Statistics
{
    public double? N { get; init; }

    public double? Min { get; init; }

    public double? Q1 { get; init; }

    public double? Median { get; init; }

    public double? Mean { get; init; }

    public double? Q3 { get; init; }

    public double? Max { get; init; }

    public double? StandardError { get; init; }

    public double? Variance { get; init; }

    public double? StandardDeviation { get; init; }

    [JsonConverter(typeof(ObjectOrNull<ConfidenceInterval>))]
    public ConfidenceInterval? ConfidenceInterval { get; init; }
}

/// <summary>The interval around the mean; <c>Level</c> is Perfolizer's ConfidenceLevel enum as a number (L999 = 12).</summary>
public sealed record ConfidenceInterval
{
    public double? N { get; init; }

    public double? Mean { get; init; }

    public double? StandardError { get; init; }

    public double? Level { get; init; }

    public double? Margin { get; init; }

    public double? Lower { get; init; }

    public double? Upper { get; init; }
}

/// <summary>The MemoryDiagnoser's results, from the last launch.</summary>
public sealed record Memory
{
    public double? TotalOperations { get; init; }

    public double? BytesAllocatedPerOperation { get; init; }

    /// <inheritdoc cref="FullJsonReport.Rest"/>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Rest { get; init; }
}

/// <summary>One iteration: its mode and stage as text (<c>Workload</c>, <c>Result</c>), its launch, operations and total time.</summary>
public sealed record Measurement
{
    public string? IterationMode { get; init; }

    public string? IterationStage { get; init; }

    public double? LaunchIndex { get; init; }

    public double? Operations { get; init; }

    public double? Nanoseconds { get; init; }

    /// <inheritdoc cref="FullJsonReport.Rest"/>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Rest { get; init; }
}

/// <summary>A metric's value per operation and its descriptor.</summary>
public sealed record Metric
{
    public double? Value { get; init; }

    [JsonConverter(typeof(ObjectOrNull<MetricDescriptor>))]
    public MetricDescriptor? Descriptor { get; init; }

    /// <inheritdoc cref="FullJsonReport.Rest"/>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Rest { get; init; }
}

/// <summary>
/// A metric descriptor's public properties, as BenchmarkDotNet writes them: its own (<c>Id</c>, <c>DisplayName</c>,
/// <c>Unit</c>, <c>Legend</c>) and those the suite's descriptors add (<c>Phrase</c>, <c>Source</c>, <c>Cell</c>,
/// <c>ValueNames</c>). The aggregation is not written.
/// </summary>
public sealed record MetricDescriptor
{
    public string? Id { get; init; }

    public string? DisplayName { get; init; }

    public string? Unit { get; init; }

    public string? Legend { get; init; }

    public string? Phrase { get; init; }

    public string? Source { get; init; }

    public string? Cell { get; init; }

    /// <summary>A name per value (e.g. "1": "yes"); a value that is not text reads as null.</summary>
    [JsonConverter(typeof(ObjectOrNull<Dictionary<string, string?>>))]
    public Dictionary<string, string?>? ValueNames { get; init; }

    /// <inheritdoc cref="FullJsonReport.Rest"/>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Rest { get; init; }
}
