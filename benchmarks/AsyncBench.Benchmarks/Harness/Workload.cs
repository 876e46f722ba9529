using AsyncBench.Benchmarks.Observing;

namespace AsyncBench.Benchmarks.Harness;

/// <summary>
/// A workload written as "do the unit" plus "check its result": the base runs the check after
/// both forms, so a workload cannot forget it in one of them. The base also observes every unit on
/// the client side (<see cref="Units"/>: latency and units in flight), for every workload alike. Under the run's error
/// budget (<see cref="RunErrorBudget"/>) a unit that throws, in its call or its check, is counted there and the batch goes
/// on; without one it throws, so no strategy can finish a batch with a failed unit in it.
/// </summary>
public abstract class Workload<TResult> : IWorkload
{
    protected Workload() => CaseObserver.Watch(Units);

    /// <summary>Every unit's latency and the units in flight, as the client saw them.</summary>
    public UnitObservation Units { get; } = new() { Budget = RunErrorBudget.Share };

    public void Run(int unit)
    {
        var started = Units.Start();
        Exception? failure = null;
        try
        {
            Check(unit, Execute(unit));
        }
        catch (Exception ex) when (Units.Tolerates(ex, CancellationToken.None))
        {
            failure = ex; // counted against the budget; the batch goes on
        }
        finally
        {
            Units.Stop(started, failure);
        }
    }

    public async ValueTask RunAsync(int unit, CancellationToken cancellationToken)
    {
        var started = Units.Start();
        Exception? failure = null;
        try
        {
            Check(unit, await ExecuteAsync(unit, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (Units.Tolerates(ex, cancellationToken))
        {
            failure = ex; // counted against the budget; the batch goes on
        }
        finally
        {
            Units.Stop(started, failure);
        }
    }

    public async ValueTask DisposeAsync()
    {
        CaseObserver.Unwatch(Units);
        await DisposeWorkloadAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the workload owns (fixtures, clients).</summary>
    protected abstract ValueTask DisposeWorkloadAsync();

    /// <summary>The unit with blocking calls only.</summary>
    protected abstract TResult Execute(int unit);

    /// <summary>The unit with asynchronous calls.</summary>
    protected abstract ValueTask<TResult> ExecuteAsync(int unit, CancellationToken cancellationToken);

    /// <summary>Throws <see cref="WorkloadCheckException"/> when <paramref name="result"/> is not what unit <paramref name="unit"/> must produce.</summary>
    protected abstract void Check(int unit, TResult result);
}
