using System.Net;
using System.Net.Sockets;
using System.Text;
using AsyncBench.Benchmarks.Http;
using AsyncBench.Benchmarks.Serial;
using AsyncBench.Fixtures.Serial;
using AsyncBench.Protocol;

namespace AsyncBench.Tests.Suite;

/// <summary>
/// One dry run of the real benchmark program against real targets started here, shared by the tests below (one
/// BenchmarkDotNet run, so one generated project to build, instead of one per target):
/// ASYNCBENCH_HTTP_URL pointed at a real server (plain sockets on loopback, answering after <see cref="DelayMs"/>, as a
/// user's threaded test server would), and ASYNCBENCH_SERIAL_PORTS pointed at a port that echoes like a loopback plug
/// (a pseudo-terminal driven by the device emulator of a fixture host started here; no hardware needed, and left out
/// where no pseudo-terminal can be made).
/// </summary>
public sealed class RealTargetsRunFixture : IAsyncLifetime
{
    public const int DelayMs = 20;

    private readonly string artifacts = Directory.CreateTempSubdirectory("asyncbench-real-").FullName;
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private Task server = Task.CompletedTask;
    private AsyncBench.Fixtures.FixtureHostProcess? device;

    public BenchmarkProgram.Outcome Outcome { get; private set; } = new(-1, string.Empty, string.Empty);

    public Dictionary<string, Dictionary<string, double>> Cases { get; private set; } = [];

    public async Task InitializeAsync()
    {
        listener.Start();
        server = ServeAsync(listener, stop.Token);
        var environment = new Dictionary<string, string?> { ["ASYNCBENCH_HTTP_URL"] = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/item" };
        // Count=1000 one at a time must wait 1000 × the measured latency (> 20 s): the quick profile's cut leaves it out.
        List<string> filters = ["*HttpBenchmarks.Serial(Count: 10,*", "*HttpBenchmarks.Serial(Count: 1000,*"];
        if (VirtualSerialPair.UnavailableReason is null)
        {
            device = await AsyncBench.Fixtures.FixtureHostProcess.StartAsync(
                "echoing serial port", ["serial", "--devices", "1", "--baud", "9600", "--latency-ms", "5"]);
            environment["ASYNCBENCH_SERIAL_PORTS"] = device.ReadyValues["port0"];
            filters.Add("*SerialPortBenchmarks.Serial(Count: 16, Devices: 1, BaudRate: 9600,*");
        }

        Outcome = await BenchmarkProgram.RunAsync(["--job", "dry", "--artifacts", artifacts, "--filter", .. filters], environment);
        var results = Path.Combine(artifacts, "results");
        Cases = Directory.Exists(results) ? BenchmarkProgram.ReadMetrics(results) : [];
    }

    public async Task DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await server;
        if (device is not null)
        {
            await device.DisposeAsync();
        }

        stop.Dispose();
        Directory.Delete(artifacts, recursive: true);
    }

    /// <summary>The run's cases of one benchmark class, by name.</summary>
    public List<KeyValuePair<string, Dictionary<string, double>>> CasesOf(string type) =>
        [.. Cases.Where(c => c.Key.StartsWith(type + ".", StringComparison.Ordinal))];

    /// <summary>HTTP/1.1 with keep-alive: each request (headers only, GET) is answered after <see cref="DelayMs"/> with "hello".</summary>
    private static async Task ServeAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        var connections = new List<Task>();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(cancellationToken);
                connections.Add(ServeConnectionAsync(client, cancellationToken));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        await Task.WhenAll(connections);
    }

    private static async Task ServeConnectionAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using (client)
        {
            var stream = client.GetStream();
            var buffer = new byte[4096];
            var pending = new StringBuilder();
            var reply = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello");
            try
            {
                int read;
                while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0) // 0: the client closed the connection
                {
                    pending.Append(Encoding.ASCII.GetString(buffer, 0, read));
                    int end;
                    while ((end = pending.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal)) >= 0)
                    {
                        pending.Remove(0, end + 4);
                        await Task.Delay(DelayMs, cancellationToken);
                        await stream.WriteAsync(reply, cancellationToken);
                    }
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
            {
                // The client or the test closed the connection.
            }
        }
    }
}

/// <summary>
/// ASYNCBENCH_HTTP_URL pointed at a real server: its latency is measured at start-up and reported; the floor is based on
/// what the case itself saw (its median unit latency), LatencyMs, which means nothing for a real server, no longer
/// multiplies the cases, and the quick profile's cut (decided before anything runs) uses the start-up latency.
/// </summary>
[Collection(BenchmarkProgramCollection.Name)]
public sealed class RealTargetTests(RealTargetsRunFixture run) : IClassFixture<RealTargetsRunFixture>
{
    [Fact]
    public void RealHttpTarget_Should_BeMeasured_NotMultipliedByLatencyMs_AndCutOnItsLatency()
    {
        Assert.True(run.Outcome.ExitCode == 0, run.Outcome.StandardError);
        var (name, metrics) = Assert.Single(run.CasesOf("HttpBenchmarks"));
        Assert.Equal("HttpBenchmarks.Serial(Count=10&LatencyMs=0)", name);
        var latencyMs = metrics[MetricIds.TargetLatencyMs];
        Assert.True(latencyMs >= RealTargetsRunFixture.DelayMs, $"measured {latencyMs} ms for a server that waits {RealTargetsRunFixture.DelayMs} ms");
        // The case's own unit latency (a histogram bucket's midpoint, within 3.2 % of the true value).
        var unitNs = metrics[MetricIds.UnitsLatencyMedianNs];
        Assert.True(unitNs >= RealTargetsRunFixture.DelayMs * 1e6 * 0.95, $"a unit took {unitNs} ns against a server that waits {RealTargetsRunFixture.DelayMs} ms");
        Assert.Equal(unitNs * 10, metrics[MetricIds.FloorNs], tolerance: 1);
        Assert.False(metrics.ContainsKey(HttpMetricIds.Requests)); // A real server's counts are not ours to read.
    }

    /// <summary>
    /// ASYNCBENCH_SERIAL_PORTS pointed at an echoing port: its round trip is measured at start-up, and the floor is based
    /// on what the case itself saw (one unit at a time on one device: no unit queued at the client).
    /// </summary>
    [Serial.SerialFact]
    public void RealSerialPort_Should_BeMeasured_AndTheFloorBasedOnItsRoundTrip()
    {
        Assert.True(run.Outcome.ExitCode == 0, run.Outcome.StandardError);
        var (name, metrics) = Assert.Single(run.CasesOf("SerialPortBenchmarks"));
        Assert.StartsWith("SerialPortBenchmarks.Serial(", name, StringComparison.Ordinal);
        var roundTripMs = metrics[MetricIds.TargetLatencyMs];
        Assert.True(roundTripMs >= 5 + 27, $"measured {roundTripMs} ms for a device that answers after 5 ms + 27 ms of line time");
        var unitNs = metrics[MetricIds.UnitsLatencyMedianNs];
        Assert.True(unitNs >= (5 + 27) * 1e6 * 0.95, $"a conversation took {unitNs} ns on a line that needs 5 ms + 27 ms");
        Assert.Equal(unitNs * 16, metrics[MetricIds.FloorNs], tolerance: 1);
        Assert.False(metrics.ContainsKey(SerialMetricIds.Conversations)); // A real port keeps no counts of ours.
    }
}
