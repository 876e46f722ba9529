using System.Net;
using System.Net.Sockets;
using System.Text;
using AsyncBench.Protocol;

namespace AsyncBench.Tests.Suite;

/// <summary>
/// ASYNCBENCH_HTTP_URL pointed at a real server started here (plain sockets on loopback, answering after 20 ms,
/// as a user's threaded test server would): its latency is measured at start-up and reported; the floor is based on
/// what the case itself saw (its median unit latency), LatencyMs, which means nothing for a real server, no longer
/// multiplies the cases, and the quick profile's cut (decided before anything runs) uses the start-up latency.
/// </summary>
[Collection(BenchmarkProgramCollection.Name)]
public sealed class RealTargetTests
{
    private const int DelayMs = 20;

    [Fact]
    public async Task RealHttpTarget_Should_BeMeasured_NotMultipliedByLatencyMs_AndCutOnItsLatency()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var stop = new CancellationTokenSource();
        var server = ServeAsync(listener, stop.Token);
        var artifacts = Directory.CreateTempSubdirectory("asyncbench-real-").FullName;
        try
        {
            var url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/item";
            var outcome = await BenchmarkProgram.RunAsync(
                // Count=1000 one at a time must wait 1000 × the measured latency (> 20 s): the quick profile's cut leaves it out.
                ["--job", "dry", "--artifacts", artifacts, "--filter", "*HttpBenchmarks.Serial(Count: 10,*", "*HttpBenchmarks.Serial(Count: 1000,*"],
                new Dictionary<string, string?> { ["ASYNCBENCH_HTTP_URL"] = url });

            Assert.True(outcome.ExitCode == 0, outcome.StandardError);
            var cases = BenchmarkProgram.ReadMetrics(Path.Combine(artifacts, "results"));
            var (name, metrics) = Assert.Single(cases);
            Assert.Equal("HttpBenchmarks.Serial(Count=10&LatencyMs=0)", name);
            var latencyMs = metrics[MetricIds.TargetLatencyMs];
            Assert.True(latencyMs >= DelayMs, $"measured {latencyMs} ms for a server that waits {DelayMs} ms");
            // The case's own unit latency (a histogram bucket's midpoint, within 3.2 % of the true value).
            var unitNs = metrics[MetricIds.UnitsLatencyMedianNs];
            Assert.True(unitNs >= DelayMs * 1e6 * 0.95, $"a unit took {unitNs} ns against a server that waits {DelayMs} ms");
            Assert.Equal(unitNs * 10, metrics[MetricIds.FloorNs], tolerance: 1);
            Assert.False(metrics.ContainsKey(MetricIds.HttpRequests)); // A real server's counts are not ours to read.
        }
        finally
        {
            await stop.CancelAsync();
            listener.Stop();
            await server;
            Directory.Delete(artifacts, recursive: true);
        }
    }

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
                while (true)
                {
                    var read = await stream.ReadAsync(buffer, cancellationToken);
                    if (read == 0)
                    {
                        return;
                    }

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
/// ASYNCBENCH_SERIAL_PORTS pointed at a port that echoes like a loopback plug: a pseudo-terminal driven by the
/// device emulator of a fixture host started here (no hardware needed). Its round trip is measured at start-up, and
/// the floor is based on what the case itself saw (one unit at a time on one device: no unit queued at the client).
/// </summary>
[Collection(BenchmarkProgramCollection.Name)]
public sealed class RealSerialPortTests
{
    [Serial.SerialFact]
    public async Task RealSerialPort_Should_BeMeasured_AndTheFloorBasedOnItsRoundTrip()
    {
        await using var device = await AsyncBench.Fixtures.FixtureHostProcess.StartAsync(
            "echoing serial port", ["serial", "--devices", "1", "--baud", "9600", "--latency-ms", "5"]);
        var artifacts = Directory.CreateTempSubdirectory("asyncbench-real-serial-").FullName;
        try
        {
            var outcome = await BenchmarkProgram.RunAsync(
                ["--job", "dry", "--artifacts", artifacts, "--filter", "*SerialPortBenchmarks.Serial(Count: 16, Devices: 1, BaudRate: 9600,*"],
                new Dictionary<string, string?> { ["ASYNCBENCH_SERIAL_PORTS"] = device.ReadyValues["port0"] });

            Assert.True(outcome.ExitCode == 0, outcome.StandardError);
            var (name, metrics) = Assert.Single(BenchmarkProgram.ReadMetrics(Path.Combine(artifacts, "results")));
            Assert.StartsWith("SerialPortBenchmarks.Serial(", name, StringComparison.Ordinal);
            var roundTripMs = metrics[MetricIds.TargetLatencyMs];
            Assert.True(roundTripMs >= 5 + 27, $"measured {roundTripMs} ms for a device that answers after 5 ms + 27 ms of line time");
            var unitNs = metrics[MetricIds.UnitsLatencyMedianNs];
            Assert.True(unitNs >= (5 + 27) * 1e6 * 0.95, $"a conversation took {unitNs} ns on a line that needs 5 ms + 27 ms");
            Assert.Equal(unitNs * 16, metrics[MetricIds.FloorNs], tolerance: 1);
            Assert.False(metrics.ContainsKey(MetricIds.SerialConversations)); // A real port keeps no counts of ours.
        }
        finally
        {
            Directory.Delete(artifacts, recursive: true);
        }
    }
}
