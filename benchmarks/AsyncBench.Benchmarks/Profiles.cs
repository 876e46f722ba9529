using AsyncBench.Benchmarks.Observing;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace AsyncBench.Benchmarks;

/// <summary>
/// How long a run takes. <c>quick</c> (the default) runs the whole suite in minutes on 2 cores;
/// <c>full</c> is BenchmarkDotNet's default job over every case, for nightly runs and design reviews.
/// Either can be refined with BenchmarkDotNet's own options (--job, --iterationCount, ...).
/// </summary>
public static class Profiles
{
    public const string Quick = "quick";
    public const string Full = "full";
    public const string Option = "--profile";

    /// <summary>
    /// In the quick profile, cases whose batch must wait longer than this in total are left out:
    /// the wait is the case's ideal floor (Count × the unit's wait spread over the strategy's declared
    /// concurrency and the target's own bound, see <see cref="CaseFacts"/>). Serial at Count=1000 × 20 ms
    /// is 20 s per invocation; several invocations per case would spend most of the run's budget on
    /// a number known in advance.
    /// </summary>
    public const int QuickMaxNominalWaitMs = 2_000;

    public static IReadOnlyList<string> Names { get; } = [Quick, Full];

    public static Job JobFor(string profile) => profile switch
    {
        // One launch, one warm-up and five measured iterations of ~100 ms each: enough for a median
        // and its spread, not for a publication-grade confidence interval.
        Quick => Job.Default
            .WithId("Quick")
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(5)
            .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(100)),
        Full => Job.Default.WithId("Full"),
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "Unknown profile."),
    };

    /// <summary>The quick profile's cut: see <see cref="QuickMaxNominalWaitMs"/>.</summary>
    public static IFilter QuickFilter { get; } = new SimpleFilter(benchmark => NominalWaitMs(benchmark) <= QuickMaxNominalWaitMs);

    /// <summary>
    /// The least time a batch must wait: the case's ideal floor (<see cref="CaseFacts.FloorMs"/>), from the real
    /// target's latency measured at start-up where one is configured; 0 where the case declares no floor.
    /// </summary>
    public static double NominalWaitMs(BenchmarkCase benchmark)
    {
        var realTarget = CaseFacts.FloorSource(benchmark)?.RealTargetVariable;
        return CaseFacts.FloorMs(benchmark, realTarget is null ? null : RealTargets.MeasuredLatencyMs(realTarget)) ?? 0;
    }
}
