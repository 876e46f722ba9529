using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AsyncBench.FlakyServer;

/// <summary>
/// A real HTTP server that is not the suite's mock, for the error budget's goal ("a real server that fails 1 in 100
/// requests"): <see cref="HttpListener"/> on loopback, no package. Every request waits <see cref="FlakyServerOptions.LatencyMs"/>,
/// then request number n (counted from 1 over the server's life, in the order requests arrive) is answered 500 when n is
/// a multiple of <see cref="FlakyServerOptions.FailEvery"/>, else 200 with a body. So any run of N consecutive requests
/// holds N ÷ FailEvery failures, give or take one, whatever the client's concurrency: the failed share is stated, not drawn.
/// </summary>
public sealed class FlakyServer : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly FlakyServerOptions options;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task accepting;
    private long requests;
    private long failed;

    private FlakyServer(FlakyServerOptions options, int port)
    {
        this.options = options;
        Url = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
        listener.Prefixes.Add(Url.ToString());
        listener.Start();
        accepting = AcceptAsync();
    }

    /// <summary>The server's root, e.g. http://127.0.0.1:8080/; any path is served.</summary>
    public Uri Url { get; }

    /// <summary>Requests received so far.</summary>
    public long Requests => Interlocked.Read(ref requests);

    /// <summary>Requests answered 500 so far.</summary>
    public long Failed => Interlocked.Read(ref failed);

    /// <summary>Starts the server on <see cref="FlakyServerOptions.Port"/>, or on a free loopback port when it is 0.</summary>
    public static FlakyServer Start(FlakyServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new FlakyServer(options, options.Port != 0 ? options.Port : FreePort());
    }

    /// <summary>Whether request number <paramref name="request"/> (from 1) fails under <paramref name="failEvery"/> (0: none does).</summary>
    public static bool Fails(long request, int failEvery) => failEvery > 0 && request % failEvery == 0;

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        listener.Close();
        try
        {
            await accepting.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
            // the listener was closed under the pending accept: how it stops
        }

        stopping.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            var context = await listener.GetContextAsync().ConfigureAwait(false);
            var number = Interlocked.Increment(ref requests); // numbered as they arrive, before any wait
            _ = AnswerAsync(context, number);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context, long number)
    {
        try
        {
            if (options.LatencyMs > 0)
            {
                await Task.Delay(options.LatencyMs, stopping.Token).ConfigureAwait(false);
            }

            var fails = Fails(number, options.FailEvery);
            if (fails)
            {
                Interlocked.Increment(ref failed);
            }

            context.Response.StatusCode = fails ? 500 : 200;
            var body = Encoding.UTF8.GetBytes(fails
                ? string.Create(CultureInfo.InvariantCulture, $"request {number} failed on purpose (--fail-every {options.FailEvery})")
                : string.Create(CultureInfo.InvariantCulture, $"request {number}: {context.Request.Url?.AbsolutePath}"));
            context.Response.ContentType = "text/plain";
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body, stopping.Token).ConfigureAwait(false);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or OperationCanceledException or IOException)
        {
            // the client went away, or the server is stopping: nothing to answer
            context.Response.Abort();
        }
    }
}
