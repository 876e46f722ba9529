using System.Text.RegularExpressions;

namespace AsyncBench.Publishing.Reading;

/// <summary>
/// A reviewer's setting as the suite's sidecar states it (<see cref="RunDeclarations.ReviewerSetting"/>, written by the
/// suite's ReviewerRun as the command line gave it: <c>--params Count=500 LatencyMs=20 --latency lognormal:median=20ms,p99=200ms --seed 1</c>):
/// the parameters given with their values (case as given; BenchmarkDotNet's names match them ignoring case, as the suite
/// does) and the latency distribution. The claims read at it (<see cref="Rules.Claims"/>).
/// </summary>
public sealed partial record ReviewerSetting(string Given, IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Parameters, string? Latency)
{
    /// <summary>The suite's option that gives the parameters (BenchmarkDotNet has none).</summary>
    public const string ParamsOption = "--params";

    /// <summary>The suite's option that gives the latency distribution.</summary>
    public const string LatencyOption = "--latency";

    /// <summary>The setting as given; tokens after <see cref="ParamsOption"/> up to the next option are Name=value[,value...].</summary>
    public static ReviewerSetting Parse(string given)
    {
        ArgumentNullException.ThrowIfNull(given);
        var parameters = new List<KeyValuePair<string, IReadOnlyList<string>>>();
        string? latency = null;
        string? option = null;
        foreach (var token in given.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (token.StartsWith("--", StringComparison.Ordinal))
            {
                option = token;
                continue;
            }

            if (option == ParamsOption && token.Split('=', 2) is [var name, var values])
            {
                parameters.Add(new(name, values.Split(',', StringSplitOptions.TrimEntries)));
            }
            else if (option == LatencyOption)
            {
                latency = token;
            }
        }

        return new ReviewerSetting(given, parameters, latency);
    }

    /// <summary>The values the reviewer gave a parameter (names ignoring case); null where it was not given.</summary>
    public IReadOnlyList<string>? Values(string parameter) =>
        Parameters.FirstOrDefault(p => string.Equals(p.Key, parameter, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>A case's values of the parameters the reviewer gave, in the reviewer's order, and its latency distribution.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ValuesOf(Setting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return [.. Parameters
            .SelectMany(given => setting.Parameters.Where(p => string.Equals(p.Key, given.Key, StringComparison.OrdinalIgnoreCase)))
            .Concat(setting.Parameters.Where(p => p.Key == BenchmarkId.LatencyParameter))];
    }

    /// <summary>
    /// A latency distribution as words: <c>lognormal:median=20ms,p99=200ms</c> → "lognormal median 20 ms p99 200 ms".
    /// </summary>
    public static string LatencyWords(string latency)
    {
        ArgumentNullException.ThrowIfNull(latency);
        var spaced = Separators().Replace(latency, " ").Trim();
        return UnitAfterNumber().Replace(spaced, "$1 $2");
    }

    [GeneratedRegex("[:,=]+")]
    private static partial Regex Separators();

    [GeneratedRegex(@"(\d)(ms|us|µs|s)\b")]
    private static partial Regex UnitAfterNumber();
}
