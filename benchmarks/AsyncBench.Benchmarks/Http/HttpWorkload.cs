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

    /// <summary>Set by the suite for its benchmark processes from <c>--server-limit N</c> (Running.ServerLimitOption). Not a user setting.</summary>
    public const string ServerLimitVariable = "ASYNCBENCH_SERVER_LIMIT";

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

    /// <summary>
    /// The run's server limit (<c>--server-limit N</c>): the mock server refuses with 429 past N requests in flight and the
    /// workload retries refused requests (<see cref="TooManyRequestsRetry"/>); 0 (the default) for a server without a limit.
    /// </summary>
    public static int ServerLimit =>
        Environment.GetEnvironmentVariable(ServerLimitVariable) is { Length: > 0 } limit ? int.Parse(limit, System.Globalization.CultureInfo.InvariantCulture) : 0;

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

            return Against(url);
        }

        var mock = await MockHttpServer.StartAsync(options, cancellationToken).ConfigureAwait(false);
        return new HttpWorkload(CreateClient(), mock, null);
    }

    /// <summary>A workload against the real server at <paramref name="url"/> (what <see cref="ExternalUrlVariable"/> gives a run), with a client of its own.</summary>
    public static HttpWorkload Against(Uri url) => new(CreateClient(), null, url);

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
    /// <remarks>Under an error budget a failed GET is timed like the cases time it; a server that fails every one still fails the probe.</remarks>
    public double MeasureLatencyMs()
    {
        var median = RealTargets.MedianMs(5, Run);
        return Units.EveryUnitFailed && Units.FirstFailure is { } failure ? throw failure : median;
    }

    /// <summary>As <see cref="MeasureLatencyMs()"/>, against <paramref name="url"/> with a client of its own.</summary>
    public static double MeasureLatencyMs(Uri url)
    {
        var workload = Against(url);
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
        var (status, body) = TooManyRequestsRetry.Get(client, uri, unit, RetriesRefusals);
        return new Reply(uri, status, body);
    }

    protected override async ValueTask<Reply> ExecuteAsync(int unit, CancellationToken cancellationToken)
    {
        var uri = UriFor(unit);
        var (status, body) = await TooManyRequestsRetry.GetAsync(client, uri, unit, RetriesRefusals, cancellationToken).ConfigureAwait(false);
        return new Reply(uri, status, body);
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

    /// <summary>A mock server with a limit refuses past it (429): its client retries, as a polite one must; without a limit a 429 fails the check.</summary>
    private bool RetriesRefusals => server?.Options.MaxInFlight > 0;

    private Uri UriFor(int unit) => externalUrl ?? server!.ItemUri(unit);

    public sealed record Reply(Uri Uri, HttpStatusCode Status, string Body);
}
