using System.Globalization;

namespace AsyncBench.FlakyServer;

/// <summary><c>--fail-every N --latency-ms L --port P</c>: the server's failure schedule, its wait per request and its port.</summary>
public sealed record FlakyServerOptions
{
    /// <summary>Every N-th request is answered 500 (N = 100: 1 %); 0 fails none.</summary>
    public int FailEvery { get; init; } = 100;

    /// <summary>What every request waits before its answer, failed ones too (a real service fails after doing its work).</summary>
    public int LatencyMs { get; init; } = 20;

    /// <summary>The loopback port; 0 picks a free one (the server prints its URL).</summary>
    public int Port { get; init; }

    /// <summary>Reads the options; false with the one line to print after "error: " on anything else.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out FlakyServerOptions options, out string error)
    {
        ArgumentNullException.ThrowIfNull(args);
        options = new FlakyServerOptions();
        error = string.Empty;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is not ("--fail-every" or "--latency-ms" or "--port"))
            {
                error = $"'{name}' is not an option of the flaky server; use --fail-every N (0 = never), --latency-ms L, --port P (0 = a free one).";
                return false;
            }

            var max = name == "--port" ? 65535 : int.MaxValue;
            if (i + 1 >= args.Count || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > max)
            {
                error = $"{name} takes a whole number from 0 to {max.ToString(CultureInfo.InvariantCulture)}" + (i + 1 < args.Count ? $" (got '{args[i + 1]}')." : ".");
                return false;
            }

            options = name switch
            {
                "--fail-every" => options with { FailEvery = value },
                "--latency-ms" => options with { LatencyMs = value },
                _ => options with { Port = value },
            };
            i++;
        }

        return true;
    }

    /// <summary>The line the server prints once it listens (scripts wait for it and read the URL from it).</summary>
    public string Describe(Uri url) => FailEvery > 0
        ? string.Create(CultureInfo.InvariantCulture, $"flaky server: listening on {url}, every request waits {LatencyMs} ms, 1 request in {FailEvery} (each multiple of {FailEvery}) is answered 500: {100.0 / FailEvery:0.###} %")
        : string.Create(CultureInfo.InvariantCulture, $"flaky server: listening on {url}, every request waits {LatencyMs} ms, none fails");
}
