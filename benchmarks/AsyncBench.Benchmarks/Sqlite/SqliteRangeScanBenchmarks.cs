using AsyncBench.Benchmarks.Harness;
using BenchmarkDotNet.Attributes;
using AsyncBench.Benchmarks.Declarations;

namespace AsyncBench.Benchmarks.Sqlite;

/// <summary>
/// Rule 1 and rule 10 for database access, heavy end: each unit reads 20,000 rows (milliseconds).
/// WhenAll against SerialAwait answers whether Microsoft.Data.Sqlite's async methods let units overlap.
/// </summary>
[BenchmarkCategory(Categories.Sqlite)]
// Rule comparisons are read at Count=10: its only setting.
[RuleComparison(1, nameof(Serial), nameof(WhenAll), "Count=10", Question = "Does the async API, all units at once, beat a blocking loop?")]
[RuleComparison(5, nameof(SerialAwait), nameof(WhenAll), "Count=10", Question = "Does running the async calls together (WhenAll) beat awaiting them one at a time?")]
[RuleComparison(10, nameof(Serial), nameof(SerialAwait), "Count=10", Question = "One unit at a time: does the async API beat the blocking one (the same strategy, no concurrency)?")]
[RuleComparison(10, nameof(ThreadPerRequest), nameof(WhenAll), "Count=10", Question = "All units at once: does the async API beat the blocking one on a thread each?")]
public class SqliteRangeScanBenchmarks : StrategyBenchmarks
{
    [Params(
        10)] // Five units per core on 2 cores: room to overlap if anything can, a short batch if nothing does.
    public override int Count { get; set; }

    protected override async Task<IWorkload> StartWorkloadAsync() =>
        await SqliteRangeScanWorkload.StartAsync().ConfigureAwait(false);
}
