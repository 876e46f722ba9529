using AsyncBench.Benchmarks.Redis;
using AsyncBench.Fixtures.Redis;

namespace AsyncBench.Tests.Redis;

/// <summary>
/// One Redis workload (<see cref="Keys"/> seeded keys) against one Garnet behind a proxy adding a round trip of
/// <see cref="RoundTripMs"/>, started once for a test class whose tests need a server but not one of their own (xunit's
/// class fixture): starting a fixture host per test cost 5-15 s each on a busy 2-core machine. Tests in a class run one
/// after another; each resets the proxy's counts first.
/// </summary>
public sealed class SharedRedisWorkload : IAsyncLifetime
{
    public const int RoundTripMs = 5;

    /// <summary>As many keys as the largest batch of the tests that share it.</summary>
    public const int Keys = 40;

    private RedisGetWorkload? workload;

    public RedisGetWorkload Workload => workload ?? throw new InvalidOperationException("The shared workload has not started.");

    public DelayedRedisServer Server => Workload.Server!;

    public async Task InitializeAsync() => workload = await RedisGetWorkload.StartAsync(DelayedRedisServerOptions.WithRoundTripLatency(RoundTripMs), Keys);

    public async Task DisposeAsync()
    {
        if (workload is not null)
        {
            await workload.DisposeAsync();
        }
    }
}
