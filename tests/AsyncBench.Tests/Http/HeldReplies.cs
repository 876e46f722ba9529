using System.Diagnostics;
using AsyncBench.Fixtures.Http;
using AsyncBench.Protocol;
using AsyncBench.Protocol.Http;

namespace AsyncBench.Tests.Http;

/// <summary>
/// A mock server that holds every reply far longer than any test waits, so each request that reaches it stays in
/// flight. "n requests at the server at once" is then a fact on any schedule, however busy the machine: the test
/// waits until the server has received n requests, and none of them can have been answered yet. (Asserting a peak
/// against a short latency instead hopes that n requests arrive within one reply's time: a schedule, not a behaviour.)
/// </summary>
public static class HeldReplies
{
    /// <summary>How long the server holds each reply: longer than <see cref="Patience"/>, so never reached.</summary>
    public const int LatencyMs = 600_000;

    /// <summary>How long a test waits for its requests to arrive before it fails (hang protection, not a timing assertion).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    public static MockHttpServerOptions Options(int maxInFlight = 0) => new() { LatencyMs = LatencyMs, MaxInFlight = maxInFlight };

    /// <summary>
    /// Polls the server until <paramref name="done"/> holds for its counts. <paramref name="since"/> must have started
    /// before the first request was sent: every count read within <see cref="Patience"/> of it was read before any
    /// held reply could have been sent, so the server's peak is then the number of requests it holds.
    /// </summary>
    public static async Task<HttpServerStats> WaitUntilAsync(MockHttpServer server, Stopwatch since, Func<HttpServerStats, bool> done, string what)
    {
        while (true)
        {
            var stats = await server.GetStatsAsync();
            if (done(stats))
            {
                return stats;
            }

            if (since.Elapsed > Patience)
            {
                throw new Xunit.Sdk.XunitException($"{what}: not seen within {Patience.TotalSeconds} s; the server has {stats.Requests} requests, peak {stats.PeakInFlight} in flight, {stats.Refused} refused.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>
    /// Ends the server's process at once, and with it every held request (the clients see their connections reset). A
    /// graceful stop would wait for the held replies until the fixture's stop timeout.
    /// </summary>
    public static void EndServer(MockHttpServer server)
    {
        using var host = Process.GetProcessById(server.HostProcessId);
        host.Kill();
        host.WaitForExit();
    }
}
