using AsyncBench.Benchmarks.Harness;

namespace AsyncBench.Tests;

/// <summary>Runs a strategy by its benchmark name, so one theory covers them all for any workload.</summary>
public static class StrategyRunner
{
    public const string Serial = nameof(Serial);
    public const string SerialAwait = nameof(SerialAwait);
    public const string ThreadPerRequest = nameof(ThreadPerRequest);
    public const string ParallelForEachAsyncDefault = "ParallelForEachAsync(-1)";
    public const string ParallelForEachAsyncFour = "ParallelForEachAsync(4)";
    public const string WhenAll = nameof(WhenAll);
    public const string DedicatedThreads = nameof(DedicatedThreads);

    public static IReadOnlyList<string> Names { get; } =
        [Serial, SerialAwait, ThreadPerRequest, ParallelForEachAsyncDefault, ParallelForEachAsyncFour, WhenAll, DedicatedThreads];

    public static Task RunAsync(string strategy, IWorkload workload, int count) => strategy switch
    {
        Serial => Task.Run(() => Strategies.Serial(workload, count)),
        SerialAwait => Strategies.SerialAwaitAsync(workload, count),
        ThreadPerRequest => Task.Run(() => Strategies.ThreadPerRequest(workload, count)),
        ParallelForEachAsyncDefault => Strategies.ParallelForEachAsync(workload, count, -1),
        ParallelForEachAsyncFour => Strategies.ParallelForEachAsync(workload, count, 4),
        WhenAll => Strategies.WhenAllAsync(workload, count),
        DedicatedThreads => Task.Run(() =>
        {
            using var threads = new DedicatedThreadSet(workload, count);
            Strategies.DedicatedThreads(threads);
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "Unknown strategy."),
    };
}
