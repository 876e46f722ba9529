using System.Diagnostics.Tracing;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using AsyncBench.Benchmarks.Running;
using AsyncBench.Protocol;
using AsyncBench.Protocol.Latency;
using BenchmarkDotNet.Engines;

namespace AsyncBench.Benchmarks.Observing;

/// <summary>
/// A fixture whose own counts explain a result (the mock server's requests, the serial devices' conversations).
/// <see cref="Reset"/> runs just before a measured iteration, <see cref="Take"/> just after it; neither is timed.
/// </summary>
public interface IObservedFixture
{
    void Reset();

    /// <summary>The fixture's counts over the iteration, per invocation where they are totals, keyed by <see cref="MetricIds"/>.</summary>
    IReadOnlyDictionary<string, double> Take(long invocations);
}

/// <summary>
/// A watched fixture whose target delays what it serves (the mock HTTP server, the Redis proxy, the serial devices): what
/// it delayed over the iteration <see cref="IObservedFixture.Take"/> last read, from which <see cref="CaseObserver"/>
/// computes the iteration's applied floor (<see cref="AppliedFloor"/>), the same way for every target.
/// </summary>
public interface IReportsAppliedDelays
{
    /// <summary>The pieces delayed over the iteration last taken, in arrival order, and how many the log dropped; null when it delayed none.</summary>
    AppliedPieces? LastDelays { get; }
}

/// <summary>What a target delayed over one iteration, in arrival order (<see cref="DelayedPiece"/>), and the delays its log counted but did not keep.</summary>
public sealed record AppliedPieces(IReadOnlyList<DelayedPiece> Pieces, long Dropped);

/// <summary>What the host hands a case's benchmark process before it starts, under a run distribution (<see cref="CaseObserver.ScheduleFileFor"/>, <see cref="CaseFacts.ScheduleToHandOver"/>).</summary>
/// <param name="UnitsPerInvocation">Units in one invocation: a strategy benchmark's Count.</param>
/// <param name="AppliedFloor">The floor's schedule, for the applied floor; null where the class declares no floor.</param>
public sealed record CaseSchedule(int UnitsPerInvocation, FloorSchedule? AppliedFloor);

/// <summary>
/// The benchmark-process side of <see cref="ObservedMetricsDiagnoser"/>. In a benchmark process started by the
/// suite (its command line carries <c>--benchmarkId N</c> and <see cref="DirectoryVariable"/> is inherited from
/// the host), it listens to BenchmarkDotNet's own <see cref="EngineEventSource"/>, which marks the start and end
/// of every measured (Workload, Actual) iteration outside the timed region. Around each such iteration it reads
/// the pool's thread count, the process's CPU time (<see cref="ProcessCpuTime"/>: read last before the iteration
/// and first after it, so the fixtures' own bookkeeping stays outside) and the watched fixtures' counts, and
/// appends one JSON line of metric values to the
/// case's file, <c>N.jsonl</c>. Where the host handed the case its schedule (<see cref="ScheduleFileFor"/>: a run
/// distribution is in force), the units time their invocations' batches (<see cref="UnitsPerInvocation"/>) and it adds
/// the iteration's applied floor (<see cref="AppliedFloorNs"/>). Nothing runs per invocation, so no timed code changes; warm-up and pilot
/// iterations are not counted. In tests and the host process it does nothing.
/// </summary>
public static class CaseObserver
{
    /// <summary>Set by the suite's host process for its benchmark processes; not a user setting.</summary>
    public const string DirectoryVariable = "ASYNCBENCH_OBSERVATIONS_DIR";

    /// <summary>
    /// The iteration's applied floor, in ns: the mean over its invocations of each one's floor on the delays the target
    /// applied (<see cref="AppliedFloor"/>); <see cref="NoAppliedFloor"/> where they did not split into its invocations.
    /// Not a metric of its own: the host turns it into FloorNs (<see cref="ObservedMetricsDiagnoser.FloorNs"/>).
    /// </summary>
    public const string AppliedFloorNs = "AsyncBench.AppliedFloorNs";

    /// <summary><see cref="AppliedFloorNs"/>'s value for an iteration whose delays did not split into its invocations (a full log, a count that does not divide).</summary>
    public const double NoAppliedFloor = -1;

    private static readonly List<IObservedFixture> Fixtures = [];
    private static string? file;
    private static CaseSchedule? schedule;
    private static string? abAssembly;
    private static IterationListener? listener;

    /// <summary>The file of case <paramref name="benchmarkId"/> in <paramref name="directory"/>.</summary>
    public static string FileFor(string directory, int benchmarkId) =>
        Path.Combine(directory, benchmarkId.ToString(CultureInfo.InvariantCulture) + ".jsonl");

    /// <summary>Units in one invocation of the running case, where the host handed them over (a strategy benchmark's Count); null elsewhere, in tests and in the host.</summary>
    public static int? UnitsPerInvocation => schedule?.UnitsPerInvocation;

    /// <summary>Where the host writes case <paramref name="benchmarkId"/>'s <see cref="CaseSchedule"/> for its benchmark process.</summary>
    public static string ScheduleFileFor(string directory, int benchmarkId) =>
        Path.Combine(directory, benchmarkId.ToString(CultureInfo.InvariantCulture) + ".schedule.json");

    /// <summary>
    /// The iteration's <see cref="AppliedFloorNs"/> from what <paramref name="fixtures"/> delayed: the mean of its
    /// invocations' floors, <see cref="NoAppliedFloor"/> where they do not split, null where no fixture delayed anything.
    /// </summary>
    public static double? IterationFloorNs(IEnumerable<IObservedFixture> fixtures, FloorSchedule schedule, long invocations)
    {
        ArgumentNullException.ThrowIfNull(fixtures);
        ArgumentNullException.ThrowIfNull(schedule);
        var delays = fixtures.OfType<IReportsAppliedDelays>().Select(f => f.LastDelays).OfType<AppliedPieces>().ToList();
        if (delays.Count == 0)
        {
            return null;
        }

        // One target a case: two delaying fixtures would be two schedules, which no floor here describes.
        var floors = delays.Count == 1 ? AppliedFloor.PerInvocation(delays[0].Pieces, delays[0].Dropped, schedule.Count, invocations, schedule.Lanes) : null;
        // The mean, as BenchmarkDotNet's own value of the iteration is its time over its invocations: the same statistic of
        // the same invocations, so an iteration never reads faster than its floor (a median of three floors against a
        // mean of three batches did, by how skewed a slowest-of-N is).
        return floors is null ? NoAppliedFloor : floors.Average() * 1e6;
    }

    /// <summary>Starts watching fixture counts for the running case (a no-op outside a benchmark process).</summary>
    public static void Watch(IObservedFixture fixture)
    {
        lock (Fixtures)
        {
            Fixtures.Add(fixture);
        }
    }

    public static void Unwatch(IObservedFixture fixture)
    {
        lock (Fixtures)
        {
            Fixtures.Remove(fixture);
        }
    }

    /// <summary>Records a value measured once for the case (e.g. a real target's latency, measured in setup).</summary>
    public static void Report(string metricId, double value)
    {
        if (file is not null)
        {
            Append(new Dictionary<string, double> { [metricId] = value });
        }
    }

    /// <summary>Runs when the benchmarks assembly loads: in a benchmark process it starts the listener.</summary>
#pragma warning disable CA2255 // A module initializer is the one hook that reaches every benchmark class's process without code in each class.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void StartInBenchmarkProcess()
    {
        var directory = Environment.GetEnvironmentVariable(DirectoryVariable);
        var args = Environment.GetCommandLineArgs();
        var at = Array.IndexOf(args, "--benchmarkId");
        if (string.IsNullOrEmpty(directory) || at < 0 || at + 1 >= args.Length
            || !int.TryParse(args[at + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var benchmarkId))
        {
            return;
        }

        file = FileFor(directory, benchmarkId);
        var scheduleFile = ScheduleFileFor(directory, benchmarkId);
        schedule = File.Exists(scheduleFile) ? JsonSerializer.Deserialize<CaseSchedule>(File.ReadAllText(scheduleFile)) : null;
        abAssembly = Environment.GetEnvironmentVariable(AbRun.AssemblyVariable);
        listener = new IterationListener();
    }

    private static void Append(IReadOnlyDictionary<string, double> values)
    {
        lock (Fixtures)
        {
            File.AppendAllText(file!, JsonSerializer.Serialize(values) + "\n");
        }
    }

    private sealed class IterationListener : EventListener
    {
        private int threadsBefore;
        private TimeSpan cpuBefore;

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == EngineEventSource.SourceName)
            {
                EnableEvents(eventSource, EventLevel.Informational);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            // Written synchronously by the engine's thread, just before and just after the timed loop.
            if (eventData.EventId == EngineEventSource.WorkloadActualStartEventId)
            {
                foreach (var fixture in Snapshot())
                {
                    fixture.Reset();
                }

                threadsBefore = ThreadPool.ThreadCount;
                cpuBefore = ProcessCpuTime.Now();
            }
            else if (eventData.EventId == EngineEventSource.WorkloadActualStopEventId)
            {
                var cpuAfter = ProcessCpuTime.Now();
                var threadsAfter = ThreadPool.ThreadCount;
                var invocations = Math.Max(1, Convert.ToInt64(eventData.Payload?[0] ?? 1L, CultureInfo.InvariantCulture));
                var values = new Dictionary<string, double>
                {
                    [MetricIds.ThreadsBefore] = threadsBefore,
                    [MetricIds.ThreadsAfter] = threadsAfter,
                    [MetricIds.CpuTimeNs] = (cpuAfter - cpuBefore).Ticks * 100.0 / invocations,
                };
                foreach (var fixture in Snapshot())
                {
                    foreach (var (id, value) in fixture.Take(invocations))
                    {
                        values[id] = value;
                    }
                }

                if (schedule?.AppliedFloor is { } floorSchedule && IterationFloorNs(Snapshot(), floorSchedule, invocations) is { } floorNs)
                {
                    values[AppliedFloorNs] = floorNs;
                }

                if (LoadedVersion() is { } version)
                {
                    values[MetricIds.LoadedVersion] = version;
                }

                Append(values);
            }
        }

        /// <summary>The A/B package's assembly as this process loaded it (after a measured iteration, so the benchmark has used it): its informational version, encoded.</summary>
        private static double? LoadedVersion()
        {
            if (string.IsNullOrEmpty(abAssembly))
            {
                return null;
            }

            var assembly = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == abAssembly);
            var informational = assembly?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            return informational is not null && Version.TryParse(informational.Split('+', '-')[0], out var version)
                ? (version.Major * 1_000_000.0) + (Math.Max(0, version.Minor) * 1_000.0) + Math.Max(0, version.Build)
                : null;
        }

        private static List<IObservedFixture> Snapshot()
        {
            lock (Fixtures)
            {
                return [.. Fixtures];
            }
        }
    }
}
