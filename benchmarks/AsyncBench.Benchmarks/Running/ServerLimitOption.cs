using System.Globalization;
using AsyncBench.Benchmarks.Http;

namespace AsyncBench.Benchmarks.Running;

/// <summary>
/// <c>--server-limit N</c>: the mock HTTP server of the HTTP cases (HttpBenchmarks) answers 429 past N requests in flight,
/// and their client retries refused requests with backoff (<see cref="TooManyRequestsRetry"/>), as the politeness workload's
/// does; the server counts the refusals (the Refused metrics). Only the mock can be told to refuse: with
/// ASYNCBENCH_HTTP_URL set the option is an error, not ignored, since the run would not be at the setting it names.
/// </summary>
public static class ServerLimitOption
{
    public const string Option = "--server-limit";

    /// <summary>Takes <see cref="Option"/> out of <paramref name="args"/>; <paramref name="limit"/> is null when it is not given. False with the error line on bad input.</summary>
    public static bool TryTake(string[] args, out int? limit, out string[] rest, out string error)
    {
        limit = null;
        error = string.Empty;
        var (values, others) = SuiteOptions.Take(args, Option);
        rest = others;
        if (values.Count == 0)
        {
            return true;
        }

        if (!int.TryParse(values[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
        {
            error = $"{Option} takes the requests the mock HTTP server answers at once before it refuses with 429, a whole number from 1 to {int.MaxValue}" + (values[^1].Length > 0 ? $" (got '{values[^1]}')." : ".");
            return false;
        }

        if (HttpWorkload.ConfiguredUrl is { } url)
        {
            error = $"{Option} sets the mock HTTP server's limit, and {HttpWorkload.ExternalUrlVariable}='{url}' replaces the mock with a real server, whose limit is its own. Drop {Option}, or unset {HttpWorkload.ExternalUrlVariable}.";
            return false;
        }

        limit = value;
        return true;
    }

    /// <summary>The line the run prints before it starts; null without a limit.</summary>
    public static string? Describe(int? limit) => limit is { } n
        ? string.Create(CultureInfo.InvariantCulture, $"== server limit: the mock HTTP server (HttpBenchmarks) refuses with 429 past {n} requests in flight; its client retries them with backoff, the server counts them (Refused).")
        : null;

    /// <summary>Hands the limit to the benchmark processes (<see cref="HttpWorkload.ServerLimit"/>); null clears it.</summary>
    public static void Export(int? limit) =>
        Environment.SetEnvironmentVariable(HttpWorkload.ServerLimitVariable, limit?.ToString(CultureInfo.InvariantCulture));
}
