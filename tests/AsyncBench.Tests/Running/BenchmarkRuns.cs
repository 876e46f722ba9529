using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using AsyncBench.Benchmarks.Declarations;
using AsyncBench.Benchmarks.Redis;
using AsyncBench.Fixtures;
using AsyncBench.Fixtures.Serial;
using AsyncBench.Protocol;

namespace AsyncBench.Tests.Running;

/// <summary>
/// The two BenchmarkDotNet runs the tests read, shared by every test class of <see cref="BenchmarkProgramCollection"/>
/// (xunit's collection fixture): one against the suite's own fixtures (<see cref="FixtureTargetsRun"/>), one against
/// real targets started here (<see cref="RealTargetsRun"/>). Each run builds its generated project, which compiles the
/// suite, its fixtures and the fixture host again (minutes on a busy 2-core machine), so the tests share two runs
/// instead of starting four. One after the other: both build in the same folder, beside AsyncBench.Benchmarks.dll.
/// </summary>
public sealed class BenchmarkRuns : IAsyncLifetime
{
    public FixtureTargetsRun Fixtures { get; } = new();

    public RealTargetsRun Real { get; } = new();

    public async Task InitializeAsync()
    {
        await Fixtures.InitializeAsync();
        await Real.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Real.DisposeAsync();
        Fixtures.Run.Dispose();
    }
}

/// <summary>
/// One dry run (one invocation per case) of the real benchmark program, and what it left: its exit code and output, the
/// metrics of BenchmarkDotNet's full JSON, each metric's descriptor, and the declarations sidecars.
/// </summary>
public sealed class DryRun : IDisposable
{
    private readonly string artifacts = Directory.CreateTempSubdirectory("asyncbench-dry-").FullName;

    public BenchmarkProgram.Outcome Outcome { get; private set; } = new(-1, string.Empty, string.Empty);

    /// <summary>Every case of the run: "Type.Method(Parameters)" → metric id → value.</summary>
    public Dictionary<string, Dictionary<string, double>> Cases { get; private set; } = [];

    /// <summary>Each metric's descriptor as the full JSON reports carry it, by id.</summary>
    public Dictionary<string, JsonElement> Descriptors { get; private set; } = [];

    /// <summary>The sidecars' benchmarks, by full name.</summary>
    public Dictionary<string, DeclaredBenchmark> Declared { get; private set; } = [];

    public async Task RunAsync(IEnumerable<string> filters, IReadOnlyDictionary<string, string?> environment)
    {
        // The sweep profile: the cases below are at settings beside the declared ones (Count=10), and the real targets' run reads its 2 s cut.
        Outcome = await BenchmarkProgram.RunAsync(["--profile", "sweep", "--job", "dry", "--artifacts", artifacts, "--filter", .. filters], environment);
        var results = Path.Combine(artifacts, "results");
        if (Directory.Exists(results))
        {
            Cases = BenchmarkProgram.ReadMetrics(results);
            Descriptors = BenchmarkProgram.ReadDescriptors(results);
            Declared = Directory.GetFiles(results, "*" + ReportDeclarations.FileSuffix)
                .SelectMany(f => JsonSerializer.Deserialize<ReportDeclarations>(File.ReadAllText(f), DeclarationsExporter.Json)!.Benchmarks)
                .ToDictionary(b => b.FullName, StringComparer.Ordinal);
        }
    }

    /// <summary>One case's metrics; a failure naming what the run had instead, and why it ended, when it is not there.</summary>
    public Dictionary<string, double> Case(string name) =>
        Cases.TryGetValue(name, out var metrics) ? metrics : throw new Xunit.Sdk.XunitException($"No case {name} in the run; it had: {string.Join(", ", Cases.Keys)}. Exit {Outcome.ExitCode}: {Outcome.StandardError}");

    /// <summary>The run's cases of one benchmark class, by name.</summary>
    public List<KeyValuePair<string, Dictionary<string, double>>> CasesOf(string type) =>
        [.. Cases.Where(c => c.Key.StartsWith(type + ".", StringComparison.Ordinal))];

    public void Dispose() => Directory.Delete(artifacts, recursive: true);
}

/// <summary>
/// A dry run of a few HTTP, serial, Redis, rules and canary cases against the suite's own fixtures, read by
/// ObservedMetricsTests and RedisSuiteTests. It injects a slowdown into one case (<see cref="Slowdown"/>): a dry run
/// with the setting on runs.
/// </summary>
public sealed class FixtureTargetsRun
{
    public static IReadOnlyList<string> Filters { get; } =
    [
        "*HttpBenchmarks.Serial(Count: 10, LatencyMs: 20)",
        "*HttpBenchmarks.WhenAll(Count: 100, LatencyMs: 20)",
        "*SerialPortBenchmarks.Serial(Count: 16, Devices: 4, BaudRate: 115200, LatencyMs: 5)",
        "*SerialPortBenchmarks.WhenAll(Count: 16, Devices: 4, BaudRate: 115200, LatencyMs: 5)",
        "*RedisGetBenchmarks.Serial(Count: 100, LatencyMs: 5)",
        "*PolitenessBenchmarks.UnboundedWhenAll*",
        "*PolitenessBenchmarks.SemaphoreWhenAll*",
        "*BlockingInAsyncBenchmarks.DelayInAsync(Count: 10)",
        "*BlockingInAsyncBenchmarks.SleepInAsync(Count: 10)",
        "*BlockingInAsyncBenchmarks.BlockOnTaskInAsync(Count: 10)",
        "*HttpBenchmarks.DedicatedThreads(Count: 10, LatencyMs: 20)",
        "*HotTaskBenchmarks.NotAwaitedFailing*",
        "*LazyReaderBenchmarks.LazyReader*",
        "*SyncOverAsyncBenchmarks.GetAwaiterGetResult(Count: 5,*",
        "*AsyncMethodBenchmarks.SyncMethod",
        "*CpuBoundBenchmarks.WhenAll*",
        "*DegreeOfParallelismBenchmarks.WhenAll(Count: 100,*",
        "*SyncOverAsyncBenchmarks.Await(Count: 5,*",
        "*TaskRunWrappingBenchmarks.NativeAsync(Count: 10,*",
        "*MachineCanaryBenchmarks.*",
    ];

    /// <summary>ASYNCBENCH_SLOWDOWN for the run: one case slowed down.</summary>
    public const string Slowdown = "*AsyncMethodBenchmarks.SyncMethod=15";

    public const string SlowedFullName = "AsyncBench.Benchmarks.Rules.AsyncMethodBenchmarks.SyncMethod";

    public DryRun Run { get; } = new();

    public Task InitializeAsync() => Run.RunAsync(Filters, new Dictionary<string, string?> { ["ASYNCBENCH_SLOWDOWN"] = Slowdown });
}

/// <summary>
/// A dry run against real targets started here, read by RealTargetTests and RedisSuiteTests: ASYNCBENCH_HTTP_URL
/// pointed at a real server (plain sockets on loopback, answering after <see cref="DelayMs"/>, as a user's threaded test
/// server would); ASYNCBENCH_REDIS at a second Garnet reached directly (a real server no one here wrote; it runs until
/// the tests are done, so they can see the run left it as found); and ASYNCBENCH_SERIAL_PORTS at a port that echoes
/// like a loopback plug (a pseudo-terminal driven by the device emulator of a fixture host started here; no hardware
/// needed, and left out where no pseudo-terminal can be made).
/// </summary>
public sealed class RealTargetsRun
{
    public const int DelayMs = 20;

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private Task server = Task.CompletedTask;
    private FixtureHostProcess? redis;
    private FixtureHostProcess? device;

    public DryRun Run { get; } = new();

    /// <summary>The real Redis-protocol server's <c>host:port</c>.</summary>
    public string RedisTarget => redis?.ReadyValues["server"] ?? throw new InvalidOperationException("The real Redis-protocol server has not started.");

    public async Task InitializeAsync()
    {
        listener.Start();
        server = ServeAsync(listener, stop.Token);
        redis = await FixtureHostProcess.StartAsync("real Redis-protocol server", ["redis"]);
        var environment = new Dictionary<string, string?>
        {
            ["ASYNCBENCH_HTTP_URL"] = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/item",
            [RedisGetWorkload.TargetVariable] = RedisTarget,
        };
        // Count=1000 one at a time must wait 1000 × the measured latency (> 20 s): the sweep profile's cut leaves it out.
        List<string> filters = ["*HttpBenchmarks.Serial(Count: 10,*", "*HttpBenchmarks.Serial(Count: 1000,*", "*RedisGetBenchmarks.WhenAll(Count: 100,*"];
        if (VirtualSerialPair.UnavailableReason is null)
        {
            device = await FixtureHostProcess.StartAsync("echoing serial port", ["serial", "--devices", "1", "--baud", "9600", "--latency-ms", "5"]);
            environment["ASYNCBENCH_SERIAL_PORTS"] = device.ReadyValues["port0"];
            filters.Add("*SerialPortBenchmarks.Serial(Count: 16, Devices: 1, BaudRate: 9600,*");
        }

        await Run.RunAsync(filters, environment);
    }

    public async Task DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await server;
        foreach (var host in new[] { device, redis }.OfType<FixtureHostProcess>())
        {
            await host.DisposeAsync();
        }

        stop.Dispose();
        Run.Dispose();
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
