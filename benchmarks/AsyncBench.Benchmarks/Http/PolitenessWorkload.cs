using System.Globalization;
using System.Net;
using AsyncBench.Benchmarks.Harness;
using AsyncBench.Fixtures.Http;
using AsyncBench.Protocol.Http;

namespace AsyncBench.Benchmarks.Http;

/// <summary>
/// Rule 8's client against a mock server that refuses load: past <see cref="MockHttpServerOptions.MaxInFlight"/>
/// requests in flight it answers 429 and counts the refusal. A 429 is retried after a backoff
/// (exponential from <see cref="FirstBackoffMs"/>, capped at <see cref="MaxBackoffMs"/>, half of it
/// jittered from a seed fixed per unit and attempt), as a polite client must; so every strategy
/// finishes every unit, its time includes what refusals cost it, and the server counts the refusals.
/// A unit refused <see cref="MaxAttempts"/> times, or answered anything but 200 with its body, fails.
/// </summary>
public sealed class PolitenessWorkload : IAsyncDisposable
{
    public const int MaxAttempts = 50;
    public const int FirstBackoffMs = 5;
    public const int MaxBackoffMs = 200;

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

    /// <summary>The backoff before retry number <paramref name="attempt"/> + 1 of <paramref name="unit"/>: the same on every run.</summary>
    public static TimeSpan Backoff(int unit, int attempt)
    {
        var ceiling = (int)Math.Min(MaxBackoffMs, FirstBackoffMs * Math.Pow(2, attempt));
        var jitter = new Random((unit * 1_000) + attempt).Next(0, (ceiling / 2) + 1);
        return TimeSpan.FromMilliseconds((ceiling / 2) + jitter);
    }

    /// <summary>GET item <paramref name="unit"/> with async calls, retrying 429s; checks the reply.</summary>
    public async Task GetAsync(HttpClient client, int unit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var uri = Server.ItemUri(unit);
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                ThrowIfLastAttempt(uri, attempt);
                await Task.Delay(Backoff(unit, attempt), cancellationToken).ConfigureAwait(false);
                continue;
            }

            Check(unit, uri, response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            return;
        }
    }

    /// <summary>GET item <paramref name="unit"/> with blocking calls (<see cref="HttpClient.Send(HttpRequestMessage)"/>), retrying 429s; checks the reply.</summary>
    public void Get(HttpClient client, int unit)
    {
        ArgumentNullException.ThrowIfNull(client);
        var uri = Server.ItemUri(unit);
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            using var response = client.Send(request, HttpCompletionOption.ResponseContentRead);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                ThrowIfLastAttempt(uri, attempt);
                Thread.Sleep(Backoff(unit, attempt));
                continue;
            }

            using var reader = new StreamReader(response.Content.ReadAsStream());
            Check(unit, uri, response.StatusCode, reader.ReadToEnd());
            return;
        }
    }

    private static void ThrowIfLastAttempt(Uri uri, int attempt)
    {
        if (attempt + 1 >= MaxAttempts)
        {
            throw new WorkloadCheckException($"GET {uri} was refused with 429 {MaxAttempts} times; giving up.");
        }
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
