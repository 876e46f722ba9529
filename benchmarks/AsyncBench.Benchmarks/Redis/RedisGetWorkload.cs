using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Observing;
using AsyncBench.Fixtures.Redis;
using StackExchange.Redis;

namespace AsyncBench.Benchmarks.Redis;

/// <summary>
/// One unit = GET one seeded key and check its value byte for byte, over ONE multiplexed
/// <see cref="ConnectionMultiplexer"/> that every unit of every strategy shares (StackExchange.Redis pipelines
/// concurrent commands on it). Blocking form: <see cref="IDatabase.StringGet(RedisKey, CommandFlags)"/>; async form:
/// <see cref="IDatabaseAsync.StringGetAsync(RedisKey, CommandFlags)"/>. The keys are seeded in setup with values
/// drawn from a fixed seed, through the same connection; against a real Redis (<see cref="TargetVariable"/>) they
/// are deleted again at the end.
/// </summary>
public sealed class RedisGetWorkload : Workload<RedisValue>
{
    /// <summary>Points the workload at a real Redis (<c>host:port</c>, or any StackExchange.Redis configuration string) instead of the built-in Garnet.</summary>
    public const string TargetVariable = "ASYNCBENCH_REDIS";

    public const string KeyPrefix = "asyncbench:item:";

    /// <summary>Bytes of each seeded value: a small cached object.</summary>
    public const int ValueBytes = 128;

    /// <summary>The values' seed: the same bytes every run.</summary>
    public const int Seed = 20261126;

    private readonly ConnectionMultiplexer connection;
    private readonly IDatabase database;
    private readonly DelayedRedisServer? server;
    private readonly RedisKey[] keys;
    private readonly byte[][] values;
    private readonly RedisProxyObservation? observation;

    private RedisGetWorkload(ConnectionMultiplexer connection, DelayedRedisServer? server, int keyCount)
    {
        this.connection = connection;
        this.server = server;
        database = connection.GetDatabase();
        keys = [.. Enumerable.Range(0, keyCount).Select(KeyFor)];
        values = SeededValues(keyCount);
        if (server is not null)
        {
            observation = new RedisProxyObservation(server);
            CaseObserver.Watch(observation);
        }
    }

    /// <summary>The real Redis from <see cref="TargetVariable"/>, or null to use the built-in Garnet.</summary>
    public static string? ConfiguredTarget => SettingValues.Value(TargetVariable);

    /// <summary><see cref="TargetVariable"/> when it names a real Redis, else null: see <see cref="IDeclaresFloor.RealTargetVariable"/>.</summary>
    public static string? RealTargetVariable => ConfiguredTarget is null ? null : TargetVariable;

    public bool IsExternal => server is null;

    /// <summary>The built-in server, or null against a real Redis.</summary>
    public DelayedRedisServer? Server => server;

    /// <summary>Starts the built-in server (or connects to <see cref="TargetVariable"/>'s) and seeds <paramref name="keyCount"/> keys.</summary>
    public static async Task<RedisGetWorkload> StartAsync(DelayedRedisServerOptions options, int keyCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keyCount, 1);
        if (ConfiguredTarget is { } target)
        {
            return await SeededAsync(await ConnectAsync(target).ConfigureAwait(false), null, keyCount).ConfigureAwait(false);
        }

        var server = await DelayedRedisServer.StartAsync(options, cancellationToken).ConfigureAwait(false);
        try
        {
            return await SeededAsync(await ConnectAsync(server.EndPoint).ConfigureAwait(false), server, keyCount).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The client's settings: one connection and nothing on it but the workload's commands (no pub/sub connection,
    /// no tie-breaker or configuration-channel traffic); a lost connection fails the unit at once rather than queueing
    /// it for a reconnect, and a stalled server fails it after 30 s instead of hanging the run.
    /// </summary>
    public static ConfigurationOptions ClientOptions(string target, int connectTimeoutMs = 10_000)
    {
        var options = ConfigurationOptions.Parse(target);
        options.AbortOnConnectFail = true;
        options.ConnectRetry = 1;
        options.ConnectTimeout = connectTimeoutMs;
        options.SyncTimeout = 30_000;
        options.AsyncTimeout = 30_000;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ClientName = "asyncbench";
        options.TieBreaker = string.Empty;
        options.ConfigurationChannel = string.Empty;
        // No periodic INFO replication check (every 60 s by default, on the interactive connection): in a long case it is
        // a command the workload did not send, held by the proxy like one, and an iteration's chunks no longer split into
        // its invocations (the applied floor then has none to give).
        options.ConfigCheckSeconds = 0;
        // Without SUBSCRIBE the multiplexer opens no second (subscription) connection.
        options.CommandMap = CommandMap.Create(new HashSet<string> { "SUBSCRIBE" }, available: false);
        return options;
    }

    /// <summary>The median time of one blocking, checked GET (after one untimed GET): the target's own latency as this client sees it.</summary>
    public double MeasureLatencyMs() => RealTargets.MedianMs(5, Run);

    protected override async ValueTask DisposeWorkloadAsync()
    {
        if (observation is not null)
        {
            CaseObserver.Unwatch(observation);
        }

        if (server is null && connection.IsConnected)
        {
            // Leave a real Redis as it was found.
            await database.KeyDeleteAsync(keys).ConfigureAwait(false);
        }

        await connection.DisposeAsync().ConfigureAwait(false);
        if (server is not null)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }

    public static RedisKey KeyFor(int index) => KeyPrefix + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Value i of <paramref name="keyCount"/>: <see cref="ValueBytes"/> bytes drawn from <see cref="Seed"/>.</summary>
    public static byte[][] SeededValues(int keyCount)
    {
        var random = new Random(Seed);
        var seeded = new byte[keyCount][];
        for (var i = 0; i < keyCount; i++)
        {
            seeded[i] = new byte[ValueBytes];
            random.NextBytes(seeded[i]);
        }

        return seeded;
    }

    protected override RedisValue Execute(int unit) => database.StringGet(keys[unit % keys.Length]);

    protected override async ValueTask<RedisValue> ExecuteAsync(int unit, CancellationToken cancellationToken) =>
        await database.StringGetAsync(keys[unit % keys.Length]).ConfigureAwait(false);

    protected override void Check(int unit, RedisValue value)
    {
        var key = keys[unit % keys.Length];
        var expected = values[unit % values.Length];
        if (value.IsNull)
        {
            throw new WorkloadCheckException($"GET {key} returned nil; expected the {expected.Length}-byte value seeded in setup.");
        }

        var actual = (ReadOnlyMemory<byte>)value;
        if (!actual.Span.SequenceEqual(expected))
        {
            throw new WorkloadCheckException(
                $"GET {key} returned a wrong value ({actual.Length} bytes starting {Hex(actual.Span)}); expected {expected.Length} bytes starting {Hex(expected)}.");
        }
    }

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes[..Math.Min(8, bytes.Length)]);

    private static async Task<ConnectionMultiplexer> ConnectAsync(string target) =>
        await ConnectionMultiplexer.ConnectAsync(ClientOptions(target)).ConfigureAwait(false);

    private static async Task<RedisGetWorkload> SeededAsync(ConnectionMultiplexer connection, DelayedRedisServer? server, int keyCount)
    {
        var workload = new RedisGetWorkload(connection, server, keyCount);
        try
        {
            var written = await Task.WhenAll(workload.keys.Select((key, i) => workload.database.StringSetAsync(key, workload.values[i]))).ConfigureAwait(false);
            if (written.Any(ok => !ok))
            {
                throw new InvalidOperationException($"The Redis server refused to SET {written.Count(ok => !ok)} of {keyCount} seed keys.");
            }

            return workload;
        }
        catch
        {
            await workload.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
