using System.Collections.Concurrent;
using System.Text.Json;
using AsyncBench.Protocol;
using BenchmarkDotNet.Analysers;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Validators;
using Pragmastat;
using Pragmastat.Estimators;

namespace AsyncBench.Benchmarks.Observing;

/// <summary>
/// Turns what each case observed into BenchmarkDotNet <see cref="Metric"/>s (summary, markdown, full JSON,
/// with legends), as BenchmarkDotNet's own ThreadingDiagnoser does. Runs in the host process.
/// <para>
/// How the values get here: the benchmark process writes them to a file named by its <c>--benchmarkId</c>
/// in <see cref="CaseObserver.DirectoryVariable"/> (<see cref="CaseObserver"/>), and <see cref="ProcessResults"/>
/// reads it after that process has exited. Why a file written by the benchmark process rather than this
/// diagnoser reading the fixtures at <see cref="HostSignal.BeforeActualRun"/> / <see cref="HostSignal.AfterActualRun"/>:
/// pool threads exist only inside the benchmark process; the serial devices' counters are reachable only
/// over the pseudo-terminals that process holds open; and per-iteration values (not one value for the whole
/// run) need the iteration boundaries, which only the benchmark process sees (BenchmarkDotNet's EngineEventSource).
/// </para>
/// The host adds what it knows from the declarations (<see cref="CaseFacts"/>): Concurrency, FloorNs, and each
/// Bound a metric declares (<see cref="ObservedMetric.BoundByCpuOf"/>).
/// </summary>
public sealed class ObservedMetricsDiagnoser(string directory) : IDiagnoser
{
    private readonly ConcurrentDictionary<BenchmarkCase, int> benchmarkIds = new();

    public IEnumerable<string> Ids => [nameof(ObservedMetricsDiagnoser)];

    public IEnumerable<IExporter> Exporters => [];

    public IEnumerable<IAnalyser> Analysers => [];

    public RunMode GetRunMode(BenchmarkCase benchmarkCase) => RunMode.NoOverhead;

    public void Handle(HostSignal signal, DiagnoserActionParameters parameters)
    {
        // BeforeProcessStart comes only for the launch whose results ProcessResults receives (the last one):
        // remember which file that process writes, and drop what an earlier launch of the case left there.
        if (signal == HostSignal.BeforeProcessStart)
        {
            benchmarkIds[parameters.BenchmarkCase] = parameters.BenchmarkId.Value;
            File.Delete(CaseObserver.FileFor(directory, parameters.BenchmarkId.Value));
            var scheduleFile = CaseObserver.ScheduleFileFor(directory, parameters.BenchmarkId.Value);
            File.Delete(scheduleFile);
            if (CaseFacts.ScheduleToHandOver(parameters.BenchmarkCase) is { } schedule)
            {
                File.WriteAllText(scheduleFile, JsonSerializer.Serialize(schedule));
            }
        }
    }

    public IEnumerable<Metric> ProcessResults(DiagnoserResults results)
    {
        var benchmark = results.BenchmarkCase;
        var lines = benchmarkIds.TryGetValue(benchmark, out var id) ? ReadLines(CaseObserver.FileFor(directory, id)) : [];
        var observed = Aggregate(lines);
        var metrics = observed.Select(pair => new Metric(ObservedMetric.All[pair.Key], pair.Value)).ToList();

        if (CaseFacts.Concurrency(benchmark) is { } concurrency)
        {
            metrics.Add(new Metric(ObservedMetric.All[MetricIds.Concurrency], concurrency));
        }

        var floorNs = FloorNs(benchmark, lines, observed);
        if (floorNs is { } floor)
        {
            metrics.Add(new Metric(ObservedMetric.All[MetricIds.FloorNs], floor));
        }

        // A Bound metric declares the server-CPU metric it is derived from (ObservedMetric.BoundByCpuOf).
        foreach (var bound in ObservedMetric.Declared.Where(m => m.BoundByCpuOf is not null))
        {
            if (observed.TryGetValue(bound.BoundByCpuOf!, out var serverCpuMs) && MedianNsPerOperation(results) is { } median)
            {
                metrics.Add(new Metric(bound, CaseFacts.Bound(median, floorNs, serverCpuMs)));
            }
        }

        return metrics;
    }

    /// <summary>
    /// The case's floor of one invocation, in ns. Where its benchmark process reported applied floors (a run distribution in
    /// force: <see cref="CaseObserver.AppliedFloorNs"/>), the median of them, or none at all if any measured iteration's
    /// delays did not split into its invocations: a floor left out rather than a wrong one. Else the declared floor
    /// (<see cref="CaseFacts.FloorMs"/>). Why the applied floor only under a distribution: at a fixed latency each unit
    /// waits the same, so the declared floor is the applied one less the timer's overshoot, and default runs keep their values.
    /// </summary>
    public static double? FloorNs(BenchmarkCase benchmark, IReadOnlyList<IReadOnlyDictionary<string, double>> lines, IReadOnlyDictionary<string, double> observed)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var iterations = lines.Where(line => line.ContainsKey(MetricIds.CpuTimeNs)).ToList();
        var applied = iterations.Where(line => line.ContainsKey(CaseObserver.AppliedFloorNs)).Select(line => line[CaseObserver.AppliedFloorNs]).ToList();
        if (applied.Count == 0)
        {
            return CaseFacts.FloorMs(benchmark, RealTargetUnitWaitMs(benchmark, observed)) * 1e6;
        }

        return applied.Count == iterations.Count && applied.All(floor => floor >= 0) ? Median(applied) : null;
    }

    /// <summary>
    /// Against a real target, the wait per unit the floor is built from: what the case itself saw (its median unit
    /// latency), where no unit queued for the target at the client (its concurrency within the target's own bound);
    /// else the latency measured at start-up (blocking calls one after another, which can differ from how the case
    /// called: five blocking GETs on one connection once took 63.9 ms against a 20 ms server). Null for a fixture.
    /// </summary>
    public static double? RealTargetUnitWaitMs(BenchmarkCase benchmark, IReadOnlyDictionary<string, double> observed)
    {
        ArgumentNullException.ThrowIfNull(benchmark);
        ArgumentNullException.ThrowIfNull(observed);
        if (CaseFacts.FloorSource(benchmark) is not { RealTargetVariable: { } variable } source)
        {
            return null;
        }

        var startUp = observed.TryGetValue(MetricIds.TargetLatencyMs, out var latency) ? latency : RealTargets.MeasuredLatencyMs(variable);
        var bound = source.Floor(startUp).TargetBound;
        var queues = bound is { } b && CaseFacts.Concurrency(benchmark) is { } concurrency && concurrency > b;
        return !queues && observed.TryGetValue(MetricIds.UnitsLatencyMedianNs, out var ownNs) ? ownNs / 1e6 : startUp;
    }

    public void DisplayResults(ILogger logger)
    {
    }

    public IEnumerable<ValidationError> Validate(ValidationParameters validationParameters) => [];

    /// <summary>Each metric's per-iteration values folded into one, by its declared <see cref="Aggregation"/>.</summary>
    public static Dictionary<string, double> Aggregate(IEnumerable<IReadOnlyDictionary<string, double>> lines)
    {
        var byId = lines.SelectMany(line => line)
            .Where(pair => ObservedMetric.All.ContainsKey(pair.Key) && double.IsFinite(pair.Value))
            .GroupBy(pair => pair.Key, pair => pair.Value);
        return byId
            .Select(g => (g.Key, Value: ObservedMetric.All[g.Key].Aggregation switch
            {
                Aggregation.Max => g.Max(),
                Aggregation.Last => g.Last(),
                Aggregation.Mean => g.Average(),
                _ => Median([.. g]),
            }))
            .Where(pair => pair.Value >= 0 || ObservedMetric.All[pair.Key].Aggregation != Aggregation.Last)
            .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
    }

    /// <summary>The sample median (the mean of the two middle values for an even count), by Pragmastat's estimator.</summary>
    public static double Median(IReadOnlyList<double> values) =>
        MedianEstimator.Instance.Estimate(new Sample([.. values])).NominalValue;

    public static List<IReadOnlyDictionary<string, double>> ReadLines(string file) =>
        !File.Exists(file)
            ? []
            : [.. File.ReadAllLines(file)
                .Where(line => line.Length > 0)
                .Select(line => (IReadOnlyDictionary<string, double>)(JsonSerializer.Deserialize<Dictionary<string, double>>(line) ?? []))];

    private static double? MedianNsPerOperation(DiagnoserResults results)
    {
        var perOperation = results.Measurements
            .Where(m => m.Is(IterationMode.Workload, IterationStage.Actual) && m.Operations > 0)
            .Select(m => m.Nanoseconds / m.Operations)
            .ToList();
        return perOperation.Count == 0 ? null : Median(perOperation);
    }
}
