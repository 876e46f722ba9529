namespace AsyncBench.Benchmarks.Harness;

/// <summary>A case's failed units passed the run's error budget (<see cref="RunErrorBudget"/>): the case fails, as one failed unit fails it without a budget.</summary>
public sealed class ErrorBudgetException : Exception
{
    public ErrorBudgetException(string message)
        : base(message)
    {
    }

    public ErrorBudgetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ErrorBudgetException()
    {
    }
}
