using AsyncBench.Benchmarks.Harness;
using BenchmarkDotNet.Attributes;
using AsyncBench.Benchmarks.Declarations;

namespace AsyncBench.Benchmarks.Sqlite;

/// <summary>Rule 1 for database access, light end: point lookups by indexed key, one pooled connection per unit.</summary>
[BenchmarkCategory(Categories.Sqlite)]
// Rule comparisons are read at Count=100: the fan-out case.
[RuleComparison(1, nameof(Serial), nameof(WhenAll), "Count=100", Question = "Does the async API, all units at once, beat a blocking loop?")]
[RuleComparison(5, nameof(SerialAwait), nameof(WhenAll), "Count=100", Question = "Does running the async calls together (WhenAll) beat awaiting them one at a time?")]
[RuleComparison(10, nameof(Serial), nameof(SerialAwait), "Count=100", Question = "One unit at a time: does the async API beat the blocking one (the same strategy, no concurrency)?")]
[RuleComparison(10, nameof(ThreadPerRequest), nameof(WhenAll), "Count=100", Question = "All units at once: does the async API beat the blocking one on a thread each?")]
public class SqlitePointLookupBenchmarks : StrategyBenchmarks
{
    [Params(
        1,     // One lookup: each strategy's machinery with nothing to overlap.
        100)]  // A fan-out past the thread pool's starting size on 2 cores: can parallel connections help?
    public override int Count { get; set; }

    protected override async Task<IWorkload> StartWorkloadAsync() =>
        await SqlitePointLookupWorkload.StartAsync().ConfigureAwait(false);
}
