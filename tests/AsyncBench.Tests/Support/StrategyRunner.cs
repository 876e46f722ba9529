using System.Collections.Concurrent;
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

    /// <summary>
    /// Runs units 0 .. <paramref name="count"/> - 1 of <paramref name="workload"/> under <paramref name="strategy"/>, and
    /// returns the units whose checked run returned, in order: a batch that ran every unit once, each passing the
    /// workload's own check, returns exactly 0 .. count - 1 (a strategy that skipped or repeated a unit would not).
    /// </summary>
    public static async Task<IReadOnlyList<int>> RunAsync(string strategy, IWorkload workload, int count)
    {
        var counted = new CountedWorkload(workload);
        await (strategy switch
        {
            Serial => Task.Run(() => Strategies.Serial(counted, count)),
            SerialAwait => Strategies.SerialAwaitAsync(counted, count),
            ThreadPerRequest => Task.Run(() => Strategies.ThreadPerRequest(counted, count)),
            ParallelForEachAsyncDefault => Strategies.ParallelForEachAsync(counted, count, -1),
            ParallelForEachAsyncFour => Strategies.ParallelForEachAsync(counted, count, 4),
            WhenAll => Strategies.WhenAllAsync(counted, count),
            DedicatedThreads => Task.Run(() =>
            {
                using var threads = new DedicatedThreadSet(counted, count);
                Strategies.DedicatedThreads(threads);
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "Unknown strategy."),
        });

        return [.. counted.Returned.Order()];
    }

    /// <summary>The workload itself, noting each unit whose run (the unit and its check) returned rather than threw.</summary>
    private sealed class CountedWorkload(IWorkload workload) : IWorkload
    {
        public ConcurrentBag<int> Returned { get; } = [];

        public void Run(int unit)
        {
            workload.Run(unit);
            Returned.Add(unit);
        }

        public async ValueTask RunAsync(int unit, CancellationToken cancellationToken)
        {
            await workload.RunAsync(unit, cancellationToken);
            Returned.Add(unit);
        }

        // The test owns the workload and disposes it.
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
