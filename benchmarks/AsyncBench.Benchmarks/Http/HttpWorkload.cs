using System.Net;
using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Observing;
using AsyncBench.Fixtures.Http;
using AsyncBench.Protocol.Http;

namespace AsyncBench.Benchmarks.Http;

/// <summary>
/// One unit = GET one item and read its whole body, with one shared <see cref="HttpClient"/>.
/// Blocking form: <see cref="HttpClient.Send(HttpRequestMessage)"/>; async form: <see cref="HttpClient.SendAsync(HttpRequestMessage, CancellationToken)"/>.
/// Against the mock server every status and body byte is checked; against an external server
/// (<see cref="ExternalUrlVariable"/>) every status must be a success and every body non-empty.
/// </summary>
public sealed class HttpWorkload : Workload<HttpWorkload.Reply>
{
    /// <summary>Points the HTTP workload at another server (e.g. a real one) instead of the mock.</summary>
    public const string ExternalUrlVariable = "ASYNCBENCH_HTTP_URL";

    private readonly HttpClient client;
    private readonly MockHttpServer? server;
    private readonly Uri? externalUrl;
    private readonly HttpServerObservation? observation;

    private HttpWorkload(HttpClient client, MockHttpServer? server, Uri? externalUrl)
    {
        this.client = client;
        this.server = server;
        this.externalUrl = externalUrl;
        if (server is not null)
        {
            observation = new HttpServerObservation(server);
            CaseObserver.Watch(observation);
        }
    }

    /// <summary>The real server's URL from <see cref="ExternalUrlVariable"/>, or null to use the mock server.</summary>
    public static string? ConfiguredUrl =>
        Environment.GetEnvironmentVariable(ExternalUrlVariable) is { } url && !string.IsNullOrWhiteSpace(url) ? url : null;

    /// <summary><see cref="ExternalUrlVariable"/> when it names a real server, else null: see <see cref="IDeclaresFloor.RealTargetVariable"/>.</summary>
    public static string? RealTargetVariable => ConfiguredUrl is null ? null : ExternalUrlVariable;

    /// <summary>The floor of a unit: it waits <paramref name="latencyMs"/> at the mock server, or the real server's measured latency.</summary>
    public static WorkloadFloor Floor(double? measuredTargetLatencyMs, double latencyMs) => new(measuredTargetLatencyMs ?? latencyMs);

    /// <summary>True when the workload targets a real server rather than the mock.</summary>
    public bool IsExternal => externalUrl is not null;

    /// <summary>The mock server, or null when the workload targets an external server.</summary>
    public MockHttpServer? Server => server;

    public static async Task<HttpWorkload> StartAsync(MockHttpServerOptions options, CancellationToken cancellationToken = default)
    {
        if (ConfiguredUrl is { } external)
        {
            if (!Uri.TryCreate(external, UriKind.Absolute, out var url))
            {
                throw new ArgumentException($"{ExternalUrlVariable} must be an absolute URL, got '{external}'.");
            }

            return new HttpWorkload(CreateClient(), null, url);
        }

        var mock = await MockHttpServer.StartAsync(options, cancellationToken).ConfigureAwait(false);
        return new HttpWorkload(CreateClient(), mock, null);
    }

    /// <summary>A client for loopback load: unbounded connections, so the strategy alone sets concurrency.</summary>
    public static HttpClient CreateClient(int maxConnectionsPerServer = int.MaxValue) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = maxConnectionsPerServer,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
    })
    {
        // A stalled or vanished server fails the unit instead of hanging the run.
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>The median time of one blocking, checked GET (after one untimed GET): the target's own latency as this client sees it.</summary>
    public double MeasureLatencyMs() => RealTargets.MedianMs(5, Run);

    /// <summary>As <see cref="MeasureLatencyMs()"/>, against <paramref name="url"/> with a client of its own.</summary>
    public static double MeasureLatencyMs(Uri url)
    {
        var workload = new HttpWorkload(CreateClient(), null, url);
        try
        {
            return workload.MeasureLatencyMs();
        }
        finally
        {
            workload.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    protected override async ValueTask DisposeWorkloadAsync()
    {
        if (observation is not null)
        {
            CaseObserver.Unwatch(observation);
        }

        client.Dispose();
        if (server is not null)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }

    protected override Reply Execute(int unit)
    {
        var uri = UriFor(unit);
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        using var response = client.Send(request, HttpCompletionOption.ResponseContentRead);
        using var reader = new StreamReader(response.Content.ReadAsStream());
        return new Reply(uri, response.StatusCode, reader.ReadToEnd());
    }

    protected override async ValueTask<Reply> ExecuteAsync(int unit, CancellationToken cancellationToken)
    {
        var uri = UriFor(unit);
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return new Reply(uri, response.StatusCode, body);
    }

    protected override void Check(int unit, Reply reply)
    {
        if (server is null)
        {
            if ((int)reply.Status is < 200 or > 299 || reply.Body.Length == 0)
            {
                throw new WorkloadCheckException($"GET {reply.Uri} returned {(int)reply.Status} {reply.Status} with {reply.Body.Length} body characters; expected a success with a body.");
            }

            return;
        }

        if (reply.Status != HttpStatusCode.OK)
        {
            throw new WorkloadCheckException($"GET {reply.Uri} returned {(int)reply.Status} {reply.Status}; expected 200 OK.");
        }

        var expected = HttpPayload.Body(unit, server.Options.BodyBytes);
        if (!string.Equals(reply.Body, expected, StringComparison.Ordinal))
        {
            var shown = reply.Body.Length > 40 ? reply.Body[..40] + "..." : reply.Body;
            throw new WorkloadCheckException($"GET {reply.Uri} returned a wrong body ({reply.Body.Length} chars starting '{shown}'); expected {expected.Length} chars starting '{expected[..Math.Min(40, expected.Length)]}'.");
        }
    }

    private Uri UriFor(int unit) => externalUrl ?? server!.ItemUri(unit);

    public sealed record Reply(Uri Uri, HttpStatusCode Status, string Body);
}
