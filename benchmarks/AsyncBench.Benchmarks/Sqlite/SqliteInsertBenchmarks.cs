using AsyncBench.Benchmarks.Harness;
using BenchmarkDotNet.Attributes;
using AsyncBench.Benchmarks.Declarations;
using AsyncBench.Protocol;

namespace AsyncBench.Benchmarks.Sqlite;

/// <summary>
/// Rule 1 for database writes: one row per unit, each in its own transaction. SQLite has one writer
/// at a time, so concurrent units queue on the write lock. After every batch the table is checked
/// for exactly the committed rows and emptied: [IterationCleanup] makes BenchmarkDotNet run one
/// batch per iteration, so the check and the reset are not timed and no batch sees another's rows.
/// </summary>
[BenchmarkCategory(Categories.Sqlite)]
[ClaimTarget("SQLite inserts, one transaction each", Fixture = "a SQLite file")]
// Claims are read at Count=100: its only setting.
// Rule 1: a gain of 10 % or more over a blocking loop is worth making the code async; below it, it is not.
[Claim(1, "async-beats-a-blocking-loop", ClaimMeasure.Ratio, nameof(Serial), nameof(WhenAll), Setting = "Count=100", Deciding = true,
    Question = "Does the async API, all units at once, beat a blocking loop?",
    Thresholds = [1.1], Outcomes = [RuleOutcome.DoesNotCarryOver, RuleOutcome.Holds],
    Mechanism = [MetricIds.UnitsPeakInFlight, MetricIds.CompletedWorkItems])]
// Rule 5: gather runs the calls together when at least two units were in progress at once on the client.
[Claim(5, "gather-runs-together", nameof(WhenAll), MetricIds.UnitsPeakInFlight, Setting = "Count=100", Deciding = true,
    Question = "Do the async calls started together (WhenAll) run together?",
    Thresholds = [2.0], Outcomes = [RuleOutcome.DoesNotCarryOver, RuleOutcome.Holds],
    Mechanism = [MetricIds.CompletedWorkItems, MetricIds.UnitsLatencyMedianNs])]
[Claim(5, "gather-beats-one-at-a-time", ClaimMeasure.Ratio, nameof(SerialAwait), nameof(WhenAll), Setting = "Count=100",
    Question = "Does running the async calls together (WhenAll) beat awaiting them one at a time?",
    Thresholds = [1.1], Outcomes = [RuleOutcome.DoesNotCarryOver, RuleOutcome.Holds],
    Mechanism = [MetricIds.UnitsPeakInFlight])]
// Rule 10's premise: Microsoft.Data.Sqlite's async methods complete synchronously, a synchronous ORM under an async API (one unit at a time).
[Claim(10, "async-api-runs-one-at-a-time", nameof(WhenAll), MetricIds.UnitsPeakInFlight, Setting = "Count=100",
    Question = "Does the async API run the units one at a time, as a synchronous ORM does?",
    Thresholds = [2.0], Outcomes = [RuleOutcome.Holds, RuleOutcome.DoesNotCarryOver],
    Mechanism = [MetricIds.CompletedWorkItems])]
// A synchronous ORM gains nothing from its async form: below a 10 % gain the premise holds.
[Claim(10, "async-api-beats-blocking-one-at-a-time", ClaimMeasure.Ratio, nameof(Serial), nameof(SerialAwait), Setting = "Count=100",
    Question = "One unit at a time: does the async API beat the blocking one?",
    Thresholds = [1.1], Outcomes = [RuleOutcome.Holds, RuleOutcome.DoesNotCarryOver],
    Mechanism = [MetricIds.UnitsLatencyMedianNs, MetricIds.CompletedWorkItems])]
[Claim(10, "async-api-beats-blocking-at-the-same-concurrency", ClaimMeasure.Ratio, nameof(DedicatedThreads), nameof(WhenAll), Setting = "Count=100",
    Question = "All units at once: does the async API beat the blocking one on threads started beforehand?",
    Thresholds = [1.1], Outcomes = [RuleOutcome.Holds, RuleOutcome.DoesNotCarryOver],
    Mechanism = [MetricIds.UnitsPeakInFlight, MetricIds.UnitsLatencyMedianNs, MetricIds.CompletedWorkItems])]
public class SqliteInsertBenchmarks : StrategyBenchmarks
{
    private SqliteInsertWorkload? insert;

    [Params(
        100)] // Enough writers to queue on SQLite's single write lock; a batch stays far below a second.
    public override int Count { get; set; }

    [IterationCleanup]
    public void VerifyAndReset() => (insert ?? throw new InvalidOperationException("GlobalSetup has not run.")).VerifyAndReset();

    protected override async Task<IWorkload> StartWorkloadAsync() =>
        insert = await SqliteInsertWorkload.StartAsync(Count).ConfigureAwait(false);

    protected override Task AfterWarmUpAsync()
    {
        VerifyAndReset();
        return Task.CompletedTask;
    }
}
