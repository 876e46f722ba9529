using AsyncBench.Benchmarks.Declarations;
using AsyncBench.Benchmarks.Faults;
using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Observing;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;

namespace AsyncBench.Benchmarks.Running;

/// <summary>The suite's one config, applied to every benchmark class.</summary>
public static class BenchmarkConfig
{
    /// <summary>
    /// How long BenchmarkDotNet may spend on each command (restore, build) of a run's generated project before it stops
    /// the build and fails every case of it. Its default, 2 minutes, is too short on a busy 2-core machine: that build
    /// compiles the suite, its fixtures and the fixture host again in Release, and at a load average of 20 the restore
    /// alone took 29 s and the build passed 2 minutes (RedisGetBenchmarks failed "The configured timeout 00:02:00 was
    /// reached!"); a paired run builds two programs at once, one of them a whole other worktree's suite. 10 minutes is
    /// past any slow build seen here, so only a real stall reaches it, and then the run still ends, naming the timeout
    /// (<see cref="SuiteRunner.Failures"/>). --buildTimeout can raise it, not lower it.
    /// </summary>
    public static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);

    /// <param name="profile">One of <see cref="Profiles.Names"/>: see <see cref="Profiles"/>.</param>
    /// <param name="withProfileJob">
    /// False when the command line names its own --job: BenchmarkDotNet would otherwise run both
    /// (or, for a job marked default, ignore the command line's).
    /// </param>
    /// <param name="observationsDirectory">Where benchmark processes leave their observations for <see cref="ObservedMetricsDiagnoser"/>.</param>
    /// <param name="ab">A one-run A/B of two versions: its jobs (one per version and round) replace the profile's, and its orderer pairs them.</param>
    /// <param name="pass">A pass of the nightly (<see cref="NightPass"/>): only the classes that take part in it.</param>
    /// <param name="paired">A paired run of two commits: its jobs (one per side and slot) replace the profile's, its filter keeps the plan's and the pairable cases, its orderer pairs them.</param>
    /// <param name="reviewersParams">True in a run with a reviewer's --params (<see cref="ParamsOverride"/>): its values replace the declared settings the quick profile cuts to.</param>
    public static IConfig Create(string profile, bool withProfileJob = true, string? observationsDirectory = null, AbRun? ab = null, NightPass? pass = null, PairedRun? paired = null, bool reviewersParams = false)
    {
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .AddDiagnoser(MemoryDiagnoser.Default)     // Allocated bytes: what each strategy costs the GC.
            .AddDiagnoser(ThreadingDiagnoser.Default)  // Completed work items and lock contentions: the pool's share of the work.
            .AddColumn(StatisticColumn.Median, StatisticColumn.Min, StatisticColumn.Max) // I/O timings skew; the median and range say more than the mean.
            .AddExporter(JsonExporter.Full)            // Raw measurements, the input of scripts/AsyncBench.Publish.
            .AddExporter(DeclarationsExporter.Default) // Baselines, categories, the rules' claims and the metrics' descriptions, which the full JSON lacks.
            .AddValidator(MandatoryCategoryValidator.Instance, CountParamsValidator.Instance, ClaimValidator.Instance, DeclarationValidator.Instance) // Malformed classes, claims and case facts fail before anything runs.
            .AddFilter(new SimpleFilter(CaseFacts.VariesOnlyWhatApplies)) // A fixture-only parameter is not varied against a real target.
            .WithOrderer(new BaselineGroupingOrderer()) // Ratio for ParallelForEachAsync too: see the class.
            .WithBuildTimeout(BuildTimeout);           // A slow build on a busy machine is not a failed benchmark: see the field.
        if (observationsDirectory is not null)
        {
            config.AddDiagnoser(new ObservedMetricsDiagnoser(observationsDirectory)); // What the fixtures and the pool did: see the class.
        }

        if (ab is not null)
        {
            config.AddJob([.. ab.Jobs(Profiles.JobFor(profile))]);
            config.WithOrderer(AbRun.Orderer()); // Each case's A and B back to back per round: see the class.
        }
        else if (paired is not null)
        {
            config.AddJob([.. paired.Jobs()]);
            config.AddFilter(paired.Filter());
            config.WithOrderer(paired.Orderer()); // Each case's base and head back to back per slot, the order drawn per slot: see the class.
            config.AddDiagnoser(paired.Clock);     // What each launch took, host side, for pricing the night's next rounds: see the class.
        }
        else if (withProfileJob)
        {
            config.AddJob(Profiles.JobFor(profile));
        }

        if (pass is not null)
        {
            config.AddFilter(pass.Filter());
        }

        if (InjectedSlowdown.FromEnvironment().IsOn || InjectedSlowdown.CommittedText() is not null)
        {
            // Fault injection: only then does the job carry an engine factory of ours (see the class); whatever job runs. In a
            // paired run the base jobs get it too; there it finds no rules in the base build and leaves the engine untouched.
            config.AddJob(Job.Default.WithEngineFactory(new SlowdownEngineFactory()).AsMutator());
        }

        if (Harness.RunLatency.Distribution is not null)
        {
            // Under a latency distribution a slow iteration is the tail being measured, not noise: BenchmarkDotNet's default
            // drops upper outliers from its statistics, which moved a fan-out's median below the floor its own delays set.
            config.AddJob(Job.Default.WithOutlierMode(Perfolizer.Mathematics.OutlierDetection.OutlierMode.DontRemove).AsMutator());
        }

        // The nightly profile keeps the sweep's cut: a case that waits seconds per invocation by design,
        // five processes over, would take a third of the hour to re-measure a number known in advance.
        // The evidence profile runs the claims' cases and nothing else, each at its declared setting, however long it waits.
        // The quick profile runs each class at its declared settings; a reviewer's --params replaces those, so there it cuts as the sweep does.
        return profile switch
        {
            Profiles.Quick when !reviewersParams => config.AddFilter(QuickCases.Filter),
            Profiles.Quick or Profiles.Sweep or Profiles.Nightly or Profiles.NightlyPass => config.AddFilter(Profiles.SweepFilter),
            Profiles.Evidence => config.AddFilter(ClaimCases.Filter),
            _ => config,
        };
    }
}
