using System.Globalization;
using AsyncBench.Protocol;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace AsyncBench.Benchmarks;

/// <summary>
/// How long a run takes. <c>quick</c> (the default) runs the whole suite in minutes on 2 cores;
/// <c>nightly</c> runs every case in several processes so a comparison sees the spread between
/// processes, within an hour on 2 cores; <c>full</c> is BenchmarkDotNet's default job over every case,
/// for design reviews. Each can be refined with BenchmarkDotNet's own options (--job, --iterationCount, ...).
/// </summary>
public static class Profiles
{
    public const string Quick = "quick";
    public const string Nightly = "nightly";
    public const string Full = "full";
    public const string Option = "--profile";

    /// <summary>
    /// In the quick profile, cases whose batch must wait longer than this in total are left out:
    /// the wait is Count × LatencyMs spread over the strategy's concurrency (1 for Serial and
    /// SerialAwait, the degree of parallelism for ParallelForEachAsync). Serial at Count=1000 × 20 ms
    /// is 20 s per invocation; several invocations per case would spend most of the run's budget on
    /// a number known in advance.
    /// </summary>
    public const int QuickMaxNominalWaitMs = 2_000;

    public static IReadOnlyList<string> Names { get; } = [Quick, Nightly, Full];

    public static Job JobFor(string profile) => profile switch
    {
        // One launch. Short iterations, and BenchmarkDotNet's own stopping rule: stop once the 99.9 %
        // interval is within ±10 % of the mean (at least 3, at most 7 iterations). A case that is steady
        // (most I/O waits) stops at 3-4 iterations; a noisy microsecond case gets 7 cheap ones. No
        // warm-up iterations: [GlobalSetup] warms every fixture, and BenchmarkDotNet's jitting and
        // pilot stages run the workload before the first measured iteration anyway.
        Quick => Job.Default
            .WithId("Quick")
            .WithLaunchCount(1)
            .WithWarmupCount(0)
            .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(25))
            .WithMinIterationCount(3)
            .WithMaxIterationCount(7)
            .WithMaxRelativeError(0.10),
        // Five launches (processes) per case with fewer iterations each: a regression gate must see
        // the spread between processes (thread-pool history, fsync latency, JIT), not only the
        // spread within one. 3-5 iterations per launch by the same stopping rule as quick.
        Nightly => Job.Default
            .WithId("Nightly")
            .WithLaunchCount(NightlyLaunchCount)
            .WithWarmupCount(0)
            .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(50))
            .WithMinIterationCount(3)
            .WithMaxIterationCount(5)
            .WithMaxRelativeError(0.10),
        Full => Job.Default.WithId("Full"),
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "Unknown profile."),
    };

    /// <summary>Processes per case in the nightly profile: the samples of the between-process spread.</summary>
    public const int NightlyLaunchCount = 5;

    /// <summary>The quick profile's cut: see <see cref="QuickMaxNominalWaitMs"/>.</summary>
    public static IFilter QuickFilter { get; } = new SimpleFilter(benchmark => NominalWaitMs(benchmark) <= QuickMaxNominalWaitMs);

    /// <summary>
    /// The least time a batch must wait: Count × (LatencyMs + the line time of one conversation where
    /// a BaudRate applies) ÷ the strategy's concurrency; 0 where the class has neither or the strategy
    /// is not bounded by its own concurrency.
    /// </summary>
    public static long NominalWaitMs(BenchmarkCase benchmark)
    {
        var concurrency = benchmark.Descriptor.WorkloadMethod.Name switch
        {
            "Serial" or "SerialAwait" => 1,
            "ParallelForEachAsync" => ValueOf(benchmark, "maxDegreeOfParallelism") is int dop and > 0 ? dop : Environment.ProcessorCount,
            _ => 0,
        };
        if (concurrency == 0)
        {
            return 0;
        }

        var baudRate = Convert.ToInt32(ValueOf(benchmark, "BaudRate") ?? 0, CultureInfo.InvariantCulture);
        var lineMs = baudRate > 0 ? (long)Math.Ceiling(SerialFrame.LineTime(SerialFrame.ConversationBytes, baudRate).TotalMilliseconds) : 0;
        var totalWait = Convert.ToInt64(ValueOf(benchmark, "Count") ?? 0, CultureInfo.InvariantCulture)
            * (Convert.ToInt64(ValueOf(benchmark, "LatencyMs") ?? 0, CultureInfo.InvariantCulture) + lineMs);
        return totalWait / concurrency;
    }

    private static object? ValueOf(BenchmarkCase benchmark, string name) =>
        benchmark.Parameters.Items.FirstOrDefault(p => p.Name == name)?.Value;
}
