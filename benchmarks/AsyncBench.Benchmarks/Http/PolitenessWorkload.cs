using System.Globalization;
using System.Net;
using AsyncBench.Benchmarks.Harness;
using AsyncBench.Fixtures.Http;
using AsyncBench.Protocol.Http;

namespace AsyncBench.Benchmarks.Http;

/// <summary>
/// Rule 8's client against a mock server that refuses load: past <see cref="MockHttpServerOptions.MaxInFlight"/>
/// requests in flight it answers 429 and counts the refusal. A 429 is retried after a backoff
/// (<see cref="TooManyRequestsRetry"/>), as a polite client must; so every strategy finishes every unit,
/// its time includes what refusals cost it, and the server counts the refusals. A unit refused
/// <see cref="TooManyRequestsRetry.MaxAttempts"/> times, or answered anything but 200 with its body, fails.
/// </summary>
public sealed class PolitenessWorkload : IAsyncDisposable
{
    private readonly HttpServerObservation observation;

    private PolitenessWorkload(MockHttpServer server, int clientLimit)
    {
        Server = server;
        observation = new HttpServerObservation(server);
        Observing.CaseObserver.Watch(observation);
        ClientLimit = clientLimit;
        Client = HttpWorkload.CreateClient();
        ConnectionLimitedClient = HttpWorkload.CreateClient(maxConnectionsPerServer: clientLimit);
    }

    public MockHttpServer Server { get; }

    /// <summary>k: the concurrency the bounded strategies allow themselves.</summary>
    public int ClientLimit { get; }

    /// <summary>A client with unbounded connections: the strategy alone sets concurrency.</summary>
    public HttpClient Client { get; }

    /// <summary>A client whose handler opens at most <see cref="ClientLimit"/> connections to the server.</summary>
    public HttpClient ConnectionLimitedClient { get; }

    public static async Task<PolitenessWorkload> StartAsync(int latencyMs, int serverLimit, int clientLimit, CancellationToken cancellationToken = default)
    {
        var server = await MockHttpServer.StartAsync(new MockHttpServerOptions { LatencyMs = latencyMs, MaxInFlight = serverLimit }, cancellationToken).ConfigureAwait(false);
        return new PolitenessWorkload(server, clientLimit);
    }

    public async ValueTask DisposeAsync()
    {
        Observing.CaseObserver.Unwatch(observation);
        Client.Dispose();
        ConnectionLimitedClient.Dispose();
        await Server.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>GET item <paramref name="unit"/> with async calls, retrying 429s (<see cref="TooManyRequestsRetry"/>); checks the reply.</summary>
    public async Task GetAsync(HttpClient client, int unit, CancellationToken cancellationToken = default)
    {
        var uri = Server.ItemUri(unit);
        var (status, body) = await TooManyRequestsRetry.GetAsync(client, uri, unit, cancellationToken: cancellationToken).ConfigureAwait(false);
        Check(unit, uri, status, body);
    }

    /// <summary>GET item <paramref name="unit"/> with blocking calls, retrying 429s (<see cref="TooManyRequestsRetry"/>); checks the reply.</summary>
    public void Get(HttpClient client, int unit)
    {
        var uri = Server.ItemUri(unit);
        var (status, body) = TooManyRequestsRetry.Get(client, uri, unit);
        Check(unit, uri, status, body);
    }

    private void Check(int unit, Uri uri, HttpStatusCode status, string body)
    {
        if (status != HttpStatusCode.OK)
        {
            throw new WorkloadCheckException($"GET {uri} returned {(int)status} {status}; expected 200 OK (or 429, retried).");
        }

        if (!string.Equals(body, HttpPayload.Body(unit, Server.Options.BodyBytes), StringComparison.Ordinal))
        {
            throw new WorkloadCheckException($"GET {uri} returned a wrong body of {body.Length.ToString(CultureInfo.InvariantCulture)} chars.");
        }
    }
}
