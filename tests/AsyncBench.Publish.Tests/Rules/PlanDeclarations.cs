using AsyncBench.Protocol;

namespace AsyncBench.Publish.Tests;

/// <summary>
/// Claims shaped as the plan declares them (a stand-in where a test needs declarations the suite does not
/// make: long scopes, metric-only rules, shared sides), with metric descriptors and their phrases.
/// </summary>
public static class PlanDeclarations
{
    public static readonly IReadOnlyList<DeclaredMetric> Metrics =
    [
        new("AsyncBench.Units.PeakInFlight", "PeakInFlight", "Count", "The most units in progress at once, client side", "Max", "at most {value} of `{side}`'s units ran at once"),
        new("AsyncBench.ThreadsBefore", "ThreadsBefore", "Count", "Pool threads when an iteration started", "Median", "the pool had {value} threads when `{side}` started"),
        new("AsyncBench.ThreadsAfter", "ThreadsAfter", "Count", "Pool threads when an iteration ended", "Median", "{value} when `{side}` ended"),
        new("AsyncBench.Http.PeakInFlight", "ServerPeakInFlight", "Count", "The most requests the server handled at once", "Max", "the server saw at most {value} of `{side}`'s requests at once"),
        new("AsyncBench.Http.Refused", "Refused", "Count", "Attempts the server refused with 429", "Median", "the server refused {value} of `{side}`'s attempts"),
        new("AsyncBench.HotTask.Ran", "UnawaitedRan", "Count", "Unawaited calls whose body ran", "Median", "{value} unawaited calls of `{side}` ran"),
        new("AsyncBench.Blocking.Errors", "Errors", "Count", "Errors raised by blocking on a task", "Median", "`{side}` raised {value} errors"),
        new("AsyncBench.Lazy.Failed", "LazyFailed", "Count", "Lazy readers that failed after their connection closed", "Median", "{value} lazy readers of `{side}` failed"),
    ];

    public static readonly IReadOnlyList<DeclaredRule> Rules =
        [.. Enumerable.Range(1, 10).Select(n => new DeclaredRule(n, $"Rule {n} of the post.", $"Its .NET counterpart {n}.", null))];

    private static readonly (string Class, string Target, string Setting)[] IoClasses =
    [
        ("Demo.Http.HttpBenchmarks", "HTTP (mock server)", "Count=100&LatencyMs=20"),
        ("Demo.Sqlite.SqlitePointLookupBenchmarks", "SQLite point lookups", "Count=100"),
        ("Demo.Sqlite.SqliteRangeScanBenchmarks", "SQLite range scans", "Count=10"),
        ("Demo.Sqlite.SqliteInsertBenchmarks", "SQLite inserts", "Count=100"),
        ("Demo.Files.FileReadBenchmarks", "file reads", "Count=100&SizeBytes=4096"),
        ("Demo.Files.FileWriteBenchmarks", "file writes", "Count=100&SizeBytes=4096"),
        ("Demo.Serial.SerialPortBenchmarks", "serial devices", "Count=16&Devices=4"),
    ];

    public static readonly IReadOnlyList<DeclaredClaim> Claims = Build();

    private static List<DeclaredClaim> Build()
    {
        var claims = new List<DeclaredClaim>();
        string[] client = ["AsyncBench.Units.PeakInFlight", "CompletedWorkItemCount"];
        foreach (var (type, target, setting) in IoClasses)
        {
            claims.Add(Ratio(type, target, 1, "async-gains", "Serial", "WhenAll", setting, [1.1], [RuleOutcome.DoesNotCarryOver, RuleOutcome.Holds], client, true));
            claims.Add(Metric(type, target, 5, "gather-overlaps", "WhenAll", "AsyncBench.Units.PeakInFlight", false, setting, [2], [RuleOutcome.DoesNotCarryOver, RuleOutcome.Holds], ["CompletedWorkItemCount"], true));
            claims.Add(Ratio(type, target, 5, "gather-gains", "SerialAwait", "WhenAll", setting, [1.1], [RuleOutcome.DoesNotCarryOver, RuleOutcome.Holds], client, false));
        }

        claims.Add(Ratio("Demo.Rules.CpuBoundBenchmarks", "CPU-bound work", 1, "cpu-gains-little", "Serial", "WhenAll", "Count=100", [1.1], [RuleOutcome.Holds, RuleOutcome.DoesNotCarryOver], client, true));
        claims.Add(Ratio("Demo.Rules.CpuBoundBenchmarks", "CPU-bound work", 1, "cpu-parallel", "Serial", "ParallelForEachAsync(maxDegreeOfParallelism=64)", "Count=100", [1.1], [RuleOutcome.Holds, RuleOutcome.DoesNotCarryOver], client, false));
        claims.Add(Difference("Demo.Rules.AsyncMethodBenchmarks", "async methods", 2, "async-cheap-until-suspended", "AsyncTaskCompletingSynchronously", "SyncMethod", "", [100], [RuleOutcome.Holds, RuleOutcome.DoesNotCarryOver], ["CompletedWorkItemCount", "Allocated Memory"], true));
        claims.Add(Difference("Demo.Rules.AsyncMethodBenchmarks", "async methods", 2, "suspension-cost", "AsyncTaskSuspending", "AsyncTaskCompletingSynchronously", "", [100], [RuleOutcome.DoesNotCarryOver, RuleOutcome.Holds], ["CompletedWorkItemCount"], false));
        claims.Add(Metric("Demo.Rules.HotTaskBenchmarks", "unawaited calls", 3, "unawaited-never-runs", "FireAndForget", "AsyncBench.HotTask.Ran", true, "Count=100", [0.5], [RuleOutcome.Holds, RuleOutcome.DoesNotCarryOver], [], true));
        claims.Add(Metric("Demo.Rules.SyncOverAsyncBenchmarks", "HTTP (mock server)", 4, "nesting-is-an-error", "GetAwaiterGetResult", "AsyncBench.Blocking.Errors", true, "Count=10&LatencyMs=20", [0.5], [RuleOutcome.DoesNotCarryOver, RuleOutcome.Holds], ["AsyncBench.ThreadsBefore", "AsyncBench.ThreadsAfter"], true));
        claims.Add(Ratio("Demo.Rules.SyncOverAsyncBenchmarks", "HTTP (mock server)", 4, "blocking-starves", "GetAwaiterGetResult", "Await", "Count=10&LatencyMs=20", [2], [RuleOutcome.DoesNotCarryOver, RuleOutcome.Holds], ["AsyncBench.ThreadsBefore", "AsyncBench.ThreadsAfter"], false));
        claims.Add(Metric("Demo.Rules.TaskRunWrappingBenchmarks", "HTTP (mock server)", 6, "wrapped-calls-overlap", "TaskRunWrapped", "AsyncBench.Http.PeakInFlight", false, "Count=100&LatencyMs=20", [2], [RuleOutcome.Holds, RuleOutcome.DoesNotCarryOver], ["AsyncBench.ThreadsBefore", "AsyncBench.ThreadsAfter"], true));
        claims.Add(Ratio("Demo.Rules.TaskRunWrappingBenchmarks", "HTTP (mock server)", 6, "wrapped-cost", "TaskRunWrapped", "NativeAsync", "Count=100&LatencyMs=20", [1.1], [RuleOutcome.DoesNotCarryOver, RuleOutcome.Holds], ["AsyncBench.ThreadsBefore", "AsyncBench.ThreadsAfter"], false));
        claims.Add(Ratio("Demo.Rules.BlockingInAsyncBenchmarks", "timers", 7, "sleep-blocks-others", "SleepInAsync", "DelayInAsync", "Count=100", [2], [RuleOutcome.DoesNotCarryOver, RuleOutcome.Holds], ["AsyncBench.Units.PeakInFlight", "AsyncBench.ThreadsBefore", "AsyncBench.ThreadsAfter"], true));
        claims.Add(Ratio("Demo.Http.HttpBenchmarks", "HTTP (mock server)", 8, "async-beats-blocking", "DedicatedThreads", "WhenAll", "Count=100&LatencyMs=20", [1.1], [RuleOutcome.DoesNotCarryOver, RuleOutcome.Holds], ["AsyncBench.Http.PeakInFlight", "CompletedWorkItemCount"], true));
        claims.Add(Metric("Demo.Rules.PolitenessBenchmarks", "HTTP (a server that refuses past 10)", 8, "burst-refused", "UnboundedWhenAll", "AsyncBench.Http.Refused", true, "Count=100&ServerLimit=10&LatencyMs=10", [0.01], [RuleOutcome.DoesNotCarryOver, RuleOutcome.Holds], ["AsyncBench.Http.PeakInFlight"], true));
        claims.Add(Ratio("Demo.Http.HttpBenchmarks", "HTTP (mock server)", 8, "thread-start-up", "ThreadPerRequest", "DedicatedThreads", "Count=100&LatencyMs=20", [1.1], [RuleOutcome.DoesNotCarryOver, RuleOutcome.Holds], [], false));
        foreach (var (type, target, setting) in IoClasses.Where(c => c.Class.Contains("Files", StringComparison.Ordinal)))
        {
            claims.Add(Ratio(type, target, 9, "async-api-one-at-a-time", "Serial", "SerialAwait", setting, [1.1], [RuleOutcome.DoesNotCarryOver, RuleOutcome.Holds], client, true));
            claims.Add(Ratio(type, target, 9, "async-api-all-at-once", "DedicatedThreads", "WhenAll", setting, [1.1], [RuleOutcome.DoesNotCarryOver, RuleOutcome.Holds], client, true));
        }

        foreach (var (type, target, setting) in IoClasses.Where(c => c.Class.Contains("Sqlite", StringComparison.Ordinal)))
        {
            claims.Add(Metric(type, target, 10, "orm-is-synchronous", "WhenAll", "AsyncBench.Units.PeakInFlight", false, setting, [2], [RuleOutcome.Holds, RuleOutcome.DoesNotCarryOver], ["CompletedWorkItemCount"], true));
        }

        claims.Add(Metric("Demo.Sqlite.LazyReaderBenchmarks", "SQLite lazy readers", 10, "lazy-reader-fails", "HandOutReader", "AsyncBench.Lazy.Failed", true, "Count=10", [0.5], [RuleOutcome.DoesNotCarryOver, RuleOutcome.Holds], [], true));
        return claims;
    }

    private static DeclaredClaim Ratio(string type, string target, int rule, string id, string side, string versus, string setting, double[] thresholds, RuleOutcome[] outcomes, string[] mechanism, bool deciding) =>
        new(type, target, rule, id, "A question?", ClaimMeasure.Ratio, side, versus, null, false, setting, thresholds, outcomes, mechanism, deciding);

    private static DeclaredClaim Difference(string type, string target, int rule, string id, string side, string versus, string setting, double[] thresholds, RuleOutcome[] outcomes, string[] mechanism, bool deciding) =>
        new(type, target, rule, id, "A question?", ClaimMeasure.Difference, side, versus, null, false, setting, thresholds, outcomes, mechanism, deciding);

    private static DeclaredClaim Metric(string type, string target, int rule, string id, string side, string metric, bool perUnit, string setting, double[] thresholds, RuleOutcome[] outcomes, string[] mechanism, bool deciding) =>
        new(type, target, rule, id, "A question?", ClaimMeasure.Metric, side, null, metric, perUnit, setting, thresholds, outcomes, mechanism, deciding);
}
