using AsyncBench.Benchmarks.Declarations;
using AsyncBench.Benchmarks.Observing;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace AsyncBench.Benchmarks.Running;

/// <summary>
/// How long a run takes. <c>quick</c> (the default) runs every benchmark of each class at the class's declared setting
/// (<see cref="QuickCases"/>: the settings its claims read, else its [QuickSetting]) in minutes on 2 cores: the first run
/// answers every target × strategy and every rule; <c>sweep</c> is that job over every setting of the [Params] (the parameter
/// sweeps) whose batch waits at most <see cref="SweepMaxNominalWaitMs"/>; <c>nightly</c> runs the sweep's cases in several processes so a comparison sees the spread between
/// processes, within an hour on 2 cores; <c>nightly-pass</c> is one launch of the nightly job, which
/// <c>scripts/nightly.sh</c> runs several times over so a case's launches are spread through the run (the publisher's
/// <c>merge-passes</c> joins them); <c>evidence</c> is that job over only the cases the rules' claims read
/// (<see cref="ClaimCases"/>), which <c>scripts/evidence.sh</c> runs as passes for the rules page's verdicts; <c>full</c> is BenchmarkDotNet's default job over every case,
/// for design reviews. Each can be refined with BenchmarkDotNet's own options (--job, --iterationCount, ...).
/// </summary>
public static class Profiles
{
    public const string Quick = "quick";
    public const string Sweep = "sweep";
    public const string Nightly = "nightly";
    public const string NightlyPass = "nightly-pass";
    public const string Evidence = "evidence";
    public const string Full = "full";
    public const string Option = "--profile";

    /// <summary>
    /// In the sweep profile (and the nightly), cases whose batch must wait longer than this in total are left out:
    /// the wait is the case's ideal floor (Count × the unit's wait spread over the strategy's declared
    /// concurrency and the target's own bound, see <see cref="CaseFacts"/>). Serial at Count=1000 × 20 ms
    /// is 20 s per invocation; several invocations per case would spend most of the run's budget on
    /// a number known in advance.
    /// </summary>
    public const int SweepMaxNominalWaitMs = 2_000;

    public static IReadOnlyList<string> Names { get; } = [Quick, Sweep, Nightly, NightlyPass, Evidence, Full];

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
        // The quick job over the parameter sweeps, under the profile's name.
        Sweep => JobFor(Quick).WithId("Sweep"),
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
        // One launch of the nightly job, under its name (a pass's launch is one of the run's launches). Measured
        // (file reads + point lookups, 56 cases, two runs per design, README): five passes of one launch halve
        // what two runs differ by against five launches back to back (4.8 % against 9.5 %), for 20 % more time.
        NightlyPass => JobFor(Nightly).WithLaunchCount(1).WithId("Nightly"),
        // The nightly-pass job under the profile's name, with the runtime's defaults (RuntimeSettings), so the rules
        // page's "job Evidence" says which run it read; the publisher pairs launches by pass (merge-passes) whatever
        // the job's name.
        Evidence => JobFor(NightlyPass).WithId("Evidence"),
        Full => Job.Default.WithId("Full"),
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "Unknown profile."),
    };

    /// <summary>
    /// The runtime settings of a profile's benchmark processes, as environment variables the suite exports before
    /// BenchmarkDotNet starts them (<see cref="SuiteRunner"/>): they inherit the suite's environment, whatever job or
    /// class mutator runs them (a mutator's environment variables replace a job's, e.g. [FreshThreadPool]'s).
    /// <para>The gate's profiles (<c>nightly</c>, <c>nightly-pass</c>) run with tiered compilation off: every method
    /// is compiled once, fully optimised, so a launch measures no tier change. Measured on the 2-core VM
    /// (docs/measurements.md, "Spread levers"): two launches of a case back to back, what a paired slot compares,
    /// differ less with it, for the same time per launch; warm-up iterations took three times as long and did not
    /// narrow them. The gate compares head with base under one setting, so it needs the steadier code, not the
    /// runtime's default tiers.
    /// The other profiles keep the runtime's defaults: the rules page answers for code as users run it.</para>
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> RuntimeSettings(string profile) => profile switch
    {
        Nightly or NightlyPass => [new(TieredCompilationVariable, "0")],
        _ => [],
    };

    /// <summary>The runtime's switch for tiered compilation (0: off).</summary>
    public const string TieredCompilationVariable = "DOTNET_TieredCompilation";

    /// <summary>Processes per case in the nightly profile: the samples of the between-process spread.</summary>
    public const int NightlyLaunchCount = 5;

    /// <summary>The sweep profile's cut (and the nightly's): see <see cref="SweepMaxNominalWaitMs"/>.</summary>
    public static IFilter SweepFilter { get; } = new SimpleFilter(benchmark => NominalWaitMs(benchmark) <= SweepMaxNominalWaitMs);

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
