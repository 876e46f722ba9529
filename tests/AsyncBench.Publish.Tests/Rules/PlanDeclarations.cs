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
        new("AsyncBench.Units.PeakInFlight", "PeakInFlight", "Count", "The most units in progress at once, client side", "Max", "{side} ran {one at a time|at most {value} at once}"),
        new("AsyncBench.ThreadsBefore", "ThreadsBefore", "Count", "Pool threads when an iteration started", "Median", "the pool had {value} {thread|threads} when {side} started"),
        new("AsyncBench.ThreadsAfter", "ThreadsAfter", "Count", "Pool threads when an iteration ended", "Median", "the pool had {value} {thread|threads} when {side} ended"),
        new("AsyncBench.Http.PeakInFlight", "ServerPeakInFlight", "Count", "The most requests the server handled at once", "Max", "the server saw at most {value} {request|requests} of {side} at once"),
        new("AsyncBench.Http.Refused", "Refused", "Count", "Attempts the server refused with 429", "Median", "the server refused {value} {attempt|attempts} of {side}"),
        new("AsyncBench.HotTask.Ran", "UnawaitedRan", "Count", "Unawaited calls whose body ran", "Median", "{value} of {count} {side} ran"),
        new("AsyncBench.HotTask.Received", "Received", "Count", "Results that reached the caller", "Median", "the caller received {value} {result|results} of {count} {side}"),
        new("AsyncBench.Blocking.Errors", "Errors", "Count", "Errors raised by blocking on a task", "Median", "{side} raised {value} {error|errors} in a batch of {count}"),
        new("AsyncBench.Lazy.Failed", "LazyFailed", "Count", "Lazy readers that failed after their connection closed", "Median", "{value} of {count} {side} failed"),
    ];

    public static readonly IReadOnlyList<DeclaredRule> Rules =
        [.. Enumerable.Range(1, 10).Select(n => new DeclaredRule(n, $"Rule {n} of the post.", $"Its .NET counterpart {n}.", null))];

    private static readonly (string Class, string Target, string Name, string? Family, string Setting)[] IoClasses =
    [
        ("Demo.Http.HttpBenchmarks", "HTTP (mock server)", "HTTP", null, "Count=100&LatencyMs=20"),
        ("Demo.Sqlite.SqlitePointLookupBenchmarks", "SQLite point lookups", "SQLite point lookups", "SQLite", "Count=100"),
        ("Demo.Sqlite.SqliteRangeScanBenchmarks", "SQLite range scans", "SQLite range scans", "SQLite", "Count=10"),
        ("Demo.Sqlite.SqliteInsertBenchmarks", "SQLite inserts", "SQLite inserts", "SQLite", "Count=100"),
        ("Demo.Files.FileReadBenchmarks", "file reads", "file reads", "files", "Count=100&SizeBytes=4096"),
        ("Demo.Files.FileWriteBenchmarks", "file writes", "file writes", "files", "Count=100&SizeBytes=4096"),
        ("Demo.Serial.SerialPortBenchmarks", "serial devices", "serial", null, "Count=16&Devices=4"),
    ];

    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        ["Serial"] = "a blocking loop",
        ["SerialAwait"] = "async calls one at a time",
        ["WhenAll"] = "async calls",
        ["DedicatedThreads"] = "blocking threads",
        ["ThreadPerRequest"] = "a thread per request",
        ["ParallelForEachAsync(maxDegreeOfParallelism=64)"] = "Parallel.ForEachAsync, 64 at a time",
        ["AsyncTaskCompletingSynchronously"] = "an async method that does not suspend",
        ["AsyncTaskSuspending"] = "an async method that suspends",
        ["SyncMethod"] = "a plain method",
        ["FireAndForget"] = "unawaited calls",
        ["GetAwaiterGetResult"] = "blocking on the task",
        ["Await"] = "awaiting",
        ["TaskRunWrapped"] = "wrapped calls",
        ["NativeAsync"] = "native async calls",
        ["SleepInAsync"] = "Thread.Sleep",
        ["DelayInAsync"] = "await Task.Delay",
        ["UnboundedWhenAll"] = "an unthrottled burst",
        ["HandOutReader"] = "lazy readers",
    };

    private static readonly Answer[] NoYes = [Answer.No, Answer.Yes];

    private static readonly Answer[] YesNo = [Answer.Yes, Answer.No];

    public static readonly IReadOnlyList<DeclaredClaim> Claims = Build();

    private static List<DeclaredClaim> Build()
    {
        var claims = new List<DeclaredClaim>();
        string[] client = ["AsyncBench.Units.PeakInFlight", "CompletedWorkItemCount"];
        var together = new DeclaredPremise("WhenAll", "AsyncBench.Units.PeakInFlight", 2, Answer.No) { SideWords = "async calls" };
        foreach (var (type, target, name, family, setting) in IoClasses)
        {
            claims.Add(Ratio(type, target, 1, "async-gains", "Serial", "WhenAll", setting, [1.1], NoYes, client, true) with { Premise = together, TargetName = name, Family = family });
            claims.Add(Metric(type, target, 5, "gather-overlaps", "WhenAll", "AsyncBench.Units.PeakInFlight", false, setting, [2], NoYes, ["CompletedWorkItemCount"], true) with { TargetName = name, Family = family });
            claims.Add(Ratio(type, target, 5, "gather-gains", "SerialAwait", "WhenAll", setting, [1.1], NoYes, client, false) with { TargetName = name, Family = family, Quoted = true });
        }

        claims.Add(Ratio("Demo.Rules.CpuBoundBenchmarks", "CPU-bound work", 1, "async-gains", "Serial", "WhenAll", "Count=100", [1.1], NoYes, client, true) with { Premise = together, HoldsIf = Answer.No });
        claims.Add(Ratio("Demo.Rules.CpuBoundBenchmarks", "CPU-bound work", 1, "cpu-parallel", "Serial", "ParallelForEachAsync(maxDegreeOfParallelism=64)", "Count=100", [1.1], NoYes, client, false));
        claims.Add(Difference("Demo.Rules.AsyncMethodBenchmarks", "async methods", 2, "async-cheap-until-suspended", "AsyncTaskCompletingSynchronously", "SyncMethod", "", [100], YesNo, ["CompletedWorkItemCount", "Allocated Memory"], true));
        claims.Add(Difference("Demo.Rules.AsyncMethodBenchmarks", "async methods", 2, "suspension-cost", "AsyncTaskSuspending", "AsyncTaskCompletingSynchronously", "", [100], NoYes, ["CompletedWorkItemCount"], false));
        claims.Add(Metric("Demo.Rules.HotTaskBenchmarks", "unawaited calls", 3, "unawaited-never-runs", "FireAndForget", "AsyncBench.HotTask.Ran", true, "Count=100", [0.5], YesNo, ["AsyncBench.HotTask.Received"], true));
        claims.Add(Metric("Demo.Rules.HotTaskBenchmarks", "unawaited calls", 3, "unawaited-result-lost", "FireAndForget", "AsyncBench.HotTask.Received", true, "Count=100", [0.5], YesNo, [], false) with { Quoted = true });
        claims.Add(Metric("Demo.Rules.SyncOverAsyncBenchmarks", "HTTP (mock server)", 4, "nesting-is-an-error", "GetAwaiterGetResult", "AsyncBench.Blocking.Errors", true, "Count=10&LatencyMs=20", [0.5], NoYes, ["AsyncBench.ThreadsBefore", "AsyncBench.ThreadsAfter"], true));
        claims.Add(Ratio("Demo.Rules.SyncOverAsyncBenchmarks", "HTTP (mock server)", 4, "blocking-starves", "GetAwaiterGetResult", "Await", "Count=10&LatencyMs=20", [2], NoYes, ["AsyncBench.ThreadsBefore", "AsyncBench.ThreadsAfter"], false) with { Quoted = true });
        claims.Add(Metric("Demo.Rules.TaskRunWrappingBenchmarks", "HTTP (mock server)", 6, "wrapped-calls-overlap", "TaskRunWrapped", "AsyncBench.Http.PeakInFlight", false, "Count=100&LatencyMs=20", [2], YesNo, ["AsyncBench.ThreadsBefore", "AsyncBench.ThreadsAfter"], true));
        claims.Add(Ratio("Demo.Rules.TaskRunWrappingBenchmarks", "HTTP (mock server)", 6, "wrapped-cost", "TaskRunWrapped", "NativeAsync", "Count=100&LatencyMs=20", [1.1], NoYes, ["AsyncBench.ThreadsBefore", "AsyncBench.ThreadsAfter"], false) with { Quoted = true });
        claims.Add(Ratio("Demo.Rules.BlockingInAsyncBenchmarks", "timers", 7, "sleep-blocks-others", "SleepInAsync", "DelayInAsync", "Count=100", [2], NoYes, ["AsyncBench.Units.PeakInFlight", "AsyncBench.ThreadsBefore", "AsyncBench.ThreadsAfter"], true));
        claims.Add(Ratio("Demo.Http.HttpBenchmarks", "HTTP (mock server)", 8, "async-beats-blocking", "DedicatedThreads", "WhenAll", "Count=100&LatencyMs=20", [1.1], NoYes, ["AsyncBench.Http.PeakInFlight", "CompletedWorkItemCount"], true) with { Premise = together, TargetName = "HTTP" });
        claims.Add(Metric("Demo.Rules.PolitenessBenchmarks", "HTTP (a server that refuses past 10)", 8, "burst-refused", "UnboundedWhenAll", "AsyncBench.Http.Refused", true, "Count=100&ServerLimit=10&LatencyMs=10", [0.01], NoYes, ["AsyncBench.Http.PeakInFlight"], true) with { TargetName = "a refusing server" });
        claims.Add(Ratio("Demo.Http.HttpBenchmarks", "HTTP (mock server)", 8, "thread-start-up", "ThreadPerRequest", "DedicatedThreads", "Count=100&LatencyMs=20", [1.1], NoYes, [], false));
        foreach (var (type, target, name, family, setting) in IoClasses.Where(c => c.Class.Contains("Files", StringComparison.Ordinal)))
        {
            claims.Add(Ratio(type, target, 9, "async-api-one-at-a-time", "Serial", "SerialAwait", setting, [1.1], NoYes, client, true) with { TargetName = name, Family = family, Scope = "one at a time" });
            claims.Add(Ratio(type, target, 9, "async-api-all-at-once", "DedicatedThreads", "WhenAll", setting, [1.1], NoYes, client, true) with { TargetName = name, Family = family, Scope = "all at once", Premise = together });
        }

        foreach (var (type, target, name, family, setting) in IoClasses.Where(c => c.Class.Contains("Sqlite", StringComparison.Ordinal)))
        {
            claims.Add(Metric(type, target, 10, "gather-overlaps", "WhenAll", "AsyncBench.Units.PeakInFlight", false, setting, [2], NoYes, ["CompletedWorkItemCount"], false) with { TargetName = name, Family = family, HoldsIf = Answer.No });
        }

        claims.Add(Metric("Demo.Sqlite.LazyReaderBenchmarks", "SQLite lazy readers", 10, "lazy-reader-fails", "HandOutReader", "AsyncBench.Lazy.Failed", true, "Count=10", [0.5], NoYes, [], true));
        return claims;
    }

    private static DeclaredClaim Ratio(string type, string target, int rule, string id, string side, string versus, string setting, double[] thresholds, Answer[] answers, string[] mechanism, bool deciding) =>
        new DeclaredClaim(type, target, rule, id, "A question?", ClaimMeasure.Ratio, side, versus, null, false, setting, thresholds, answers, mechanism, deciding) with { SideWords = Words[side], VersusWords = Words[versus] };

    private static DeclaredClaim Difference(string type, string target, int rule, string id, string side, string versus, string setting, double[] thresholds, Answer[] answers, string[] mechanism, bool deciding) =>
        new DeclaredClaim(type, target, rule, id, "A question?", ClaimMeasure.Difference, side, versus, null, false, setting, thresholds, answers, mechanism, deciding) with { SideWords = Words[side], VersusWords = Words[versus] };

    private static DeclaredClaim Metric(string type, string target, int rule, string id, string side, string metric, bool perUnit, string setting, double[] thresholds, Answer[] answers, string[] mechanism, bool deciding) =>
        new DeclaredClaim(type, target, rule, id, "A question?", ClaimMeasure.Metric, side, null, metric, perUnit, setting, thresholds, answers, mechanism, deciding) with { SideWords = Words[side] };
}
