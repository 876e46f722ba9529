namespace AsyncBench.Tests;

/// <summary>
/// Tests that read or change what the whole test process shares: its descriptor table (/proc/self/fd), its
/// environment variables, its CPU time, the TaskScheduler.UnobservedTaskException event and forced GCs, and the
/// thread pool other tests load. xunit runs a collection that disables parallelization after every parallel one,
/// with nothing beside it, so no other test can open or close a descriptor, set a variable, starve the pool or
/// fault a task while these look.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideStateCollection
{
    public const string Name = "process-wide state";
}
