using System.Collections.Concurrent;
using System.Diagnostics;
using BenchmarkDotNet.Analysers;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Validators;

namespace AsyncBench.Benchmarks.Running;

/// <summary>One case's launches in a run, timed by the host: how many, and their seconds in all.</summary>
public sealed record LaunchTime(string Case, int Launches, double Seconds);

/// <summary>
/// Times every benchmark process from the host, from just before it starts to just after it exits: what a launch of a case
/// really costs (its process, its [GlobalSetup], the fixtures it warms), which the reports' iterations leave out. An HTTP case
/// at 20 ms latency spends most of its launch there, so a night priced by the iterations alone, or by the round's mean
/// launch, overran its budget. The paired run writes the times into its round's record (<see cref="PairedRun.WriteRound"/>),
/// and the night prices its next rounds case by case (<c>AsyncBench.Publish paired-plan --budget-seconds</c>). Host side
/// only: nothing runs in the benchmark process, and no metric is added to the reports.
/// </summary>
public sealed class LaunchClock : IDiagnoser
{
    private readonly ConcurrentDictionary<(BenchmarkCase Case, int Id), long> started = new();
    private readonly ConcurrentDictionary<string, LaunchTime> times = new(StringComparer.Ordinal);

    public IEnumerable<string> Ids => [nameof(LaunchClock)];

    public IEnumerable<IExporter> Exporters => [];

    public IEnumerable<IAnalyser> Analysers => [];

    // NoOverhead: attached to the measured launches themselves (one per job in a paired run), never an extra one.
    public RunMode GetRunMode(BenchmarkCase benchmarkCase) => RunMode.NoOverhead;

    public void Handle(HostSignal signal, DiagnoserActionParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var key = (parameters.BenchmarkCase, parameters.BenchmarkId.Value);
        if (signal == HostSignal.BeforeProcessStart)
        {
            started[key] = Stopwatch.GetTimestamp();
        }
        else if (signal == HostSignal.AfterProcessExit && started.TryRemove(key, out var start))
        {
            Add(FullNameProvider.GetBenchmarkName(parameters.BenchmarkCase), Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
    }

    /// <summary>Counts one launch of <paramref name="fullName"/> that took <paramref name="seconds"/>.</summary>
    public void Add(string fullName, double seconds) =>
        times.AddOrUpdate(fullName, name => new LaunchTime(name, 1, seconds), (_, t) => t with { Launches = t.Launches + 1, Seconds = t.Seconds + seconds });

    /// <summary>Every case timed so far, by full name.</summary>
    public IReadOnlyList<LaunchTime> Times() => [.. times.Values.OrderBy(t => t.Case, StringComparer.Ordinal)];

    public IEnumerable<Metric> ProcessResults(DiagnoserResults results) => [];

    public void DisplayResults(ILogger logger)
    {
    }

    public IEnumerable<ValidationError> Validate(ValidationParameters validationParameters) => [];
}
