using AsyncBench.Benchmarks.Http;
using AsyncBench.Fixtures.Http;

namespace AsyncBench.Tests.Http;

/// <summary>
/// One HTTP workload against one mock server answering after <see cref="LatencyMs"/>, started once for a test class
/// whose tests need a server but not one of their own (xunit's class fixture): starting a fixture host per test cost
/// 5-15 s each on a busy 2-core machine. Tests in a class run one after another; each resets the server's counts first.
/// </summary>
public sealed class SharedHttpWorkload : IAsyncLifetime
{
    public const int LatencyMs = 5;

    private HttpWorkload? workload;

    public HttpWorkload Workload => workload ?? throw new InvalidOperationException("The shared workload has not started.");

    public MockHttpServer Server => Workload.Server!;

    public async Task InitializeAsync() => workload = await HttpWorkload.StartAsync(new MockHttpServerOptions { LatencyMs = LatencyMs });

    public async Task DisposeAsync()
    {
        if (workload is not null)
        {
            await workload.DisposeAsync();
        }
    }
}
