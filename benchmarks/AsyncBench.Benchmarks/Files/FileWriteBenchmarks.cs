using AsyncBench.Benchmarks.Harness;
using BenchmarkDotNet.Attributes;
using AsyncBench.Benchmarks.Declarations;

namespace AsyncBench.Benchmarks.Files;

/// <summary>
/// Rule 9 for writes: each unit writes one file (FileStream, without or with
/// FileOptions.Asynchronous), optionally flushes it to disk, and reads it back to check every byte.
/// </summary>
[BenchmarkCategory(FileSettings.Category)]
[ClaimTarget("File writes, flushed to disk", Fixture = "temporary files", Name = "file writes", Family = "files")]
// Claims are read at Count=100&SizeBytes=4096&FlushToDisk=True: one page per file flushed to disk: the only case where a write waits for a device.
[ClaimsFrom(typeof(IoTargetClaims), typeof(FileClaims), Setting = "Count=100&SizeBytes=4096&FlushToDisk=True")]
// Measured, night of 2026-12-01 (287 cases, five passes, 2-core VM): launches differ by 6.5 % to 9.8 % (median case, 80th percentile): 10 launches a side let the gate see 15 % below an 8 % spread.
[NightlyLaunches(10)]
public class FileWriteBenchmarks : StrategyBenchmarks
{
    [Params(
        100)] // Many files in flight, as in FileReadBenchmarks.
    public override int Count { get; set; }

    [Params(
        4_096,      // One page: per-call overhead dominates.
        1_048_576)] // 1 MiB: copying bytes dominates.
    public int SizeBytes { get; set; }

    [Params(
        false, // Writes end in the page cache: what most code gets by default.
        true)] // fsync per file: the disk's own latency enters, the wait async code could overlap if anything can.
    public bool FlushToDisk { get; set; }

    protected override async Task<IWorkload> StartWorkloadAsync() =>
        await FileWriteWorkload.StartAsync(Count, SizeBytes, FlushToDisk).ConfigureAwait(false);
}
