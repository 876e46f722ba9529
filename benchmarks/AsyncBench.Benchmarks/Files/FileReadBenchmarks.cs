using AsyncBench.Benchmarks.Harness;
using BenchmarkDotNet.Attributes;
using AsyncBench.Benchmarks.Declarations;

namespace AsyncBench.Benchmarks.Files;

/// <summary>
/// Rule 9 for reads: whole-file reads under every strategy, per .NET file API (its blocking form in
/// Serial / ThreadPerRequest, its async form elsewhere). Warm reads: the files come from the page cache.
/// </summary>
[BenchmarkCategory(FileSettings.Category)]
[ClaimTarget("Whole-file reads", Fixture = "temporary files", Name = "file reads", Family = "files")]
// Claims are read at Count=100&SizeBytes=4096&Api=FileStream: the classic API, one page per file: the API's own cost is the whole cost, what choosing the async form changes.
[ClaimsFrom(typeof(IoTargetClaims), typeof(FileClaims), Setting = "Count=100&SizeBytes=4096&Api=FileStream")]
// Measured, night of 2026-12-01 (287 cases, five passes, 2-core VM): launches differ by 9.2 % (median case) to 13.7 % (80th percentile), of which the iterations explain 5 %: the process itself. 15 launches a side let the gate see 15 % below a 10 % spread.
[NightlyLaunches(15)]
public class FileReadBenchmarks : StrategyBenchmarks
{
    [Params(
        100)] // Many files in flight; 100 MiB at 1 MiB each still fits the page cache many times over.
    public override int Count { get; set; }

    [Params(
        4_096,      // One page: the per-call overhead (open, syscalls, async machinery) dominates.
        1_048_576)] // 1 MiB: copying bytes dominates, so the API's overhead shrinks in proportion.
    public int SizeBytes { get; set; }

    [Params(
        FileReadApi.FileStream,   // The classic: FileStream with and without FileOptions.Asynchronous.
        FileReadApi.ReadAllBytes, // The one-liner most code uses.
        FileReadApi.RandomAccess)] // The thin layer over the OS calls, no stream state.
    public FileReadApi Api { get; set; }

    protected override async Task<IWorkload> StartWorkloadAsync() =>
        await FileReadWorkload.StartAsync(Count, SizeBytes, Api).ConfigureAwait(false);
}
