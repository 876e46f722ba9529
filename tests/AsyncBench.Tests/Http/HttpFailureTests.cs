using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Http;
using AsyncBench.Fixtures.Http;

namespace AsyncBench.Tests.Http;

/// <summary>
/// Three mock servers that fail every request, each its own way, started once for the class (xunit's class fixture):
/// a server that answers 500, one that answers a wrong body, and one that is gone (started, then stopped). A failed
/// batch changes none of them, so every strategy's test meets the same failure.
/// </summary>
public sealed class FailingHttpServers : IAsyncLifetime
{
    public HttpWorkload Status500 { get; private set; } = null!;

    public HttpWorkload WrongBody { get; private set; } = null!;

    public HttpWorkload Gone { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var starting = new[] { MockHttpFault.Status500, MockHttpFault.WrongBody, MockHttpFault.None }
            .Select(fault => HttpWorkload.StartAsync(new MockHttpServerOptions { Fault = fault }))
            .ToList();
        (Status500, WrongBody, Gone) = (await starting[0], await starting[1], await starting[2]);
        await Gone.Server!.DisposeAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var workload in new[] { Status500, WrongBody, Gone }.Where(w => w is not null))
        {
            await workload.DisposeAsync();
        }
    }
}

/// <summary>A wrong answer, or no answer, fails the batch under every strategy: no fast time for failed work.</summary>
public sealed class HttpFailureTests(FailingHttpServers servers) : IClassFixture<FailingHttpServers>
{
    public static TheoryData<string> StrategyNames => new(StrategyRunner.Names);

    [Theory]
    [MemberData(nameof(StrategyNames))]
    public async Task Batch_Should_Throw_WhenServerAnswers500(string strategy)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => StrategyRunner.RunAsync(strategy, servers.Status500, 5));

        Assert.Contains(Flatten(error), e => e is WorkloadCheckException && e.Message.Contains("500", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(StrategyNames))]
    public async Task Batch_Should_Throw_WhenServerAnswersWrongBody(string strategy)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => StrategyRunner.RunAsync(strategy, servers.WrongBody, 5));

        Assert.Contains(Flatten(error), e => e is WorkloadCheckException && e.Message.Contains("wrong body", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(StrategyNames))]
    public async Task Batch_Should_Throw_WhenServerIsGone(string strategy)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => StrategyRunner.RunAsync(strategy, servers.Gone, 5));

        Assert.Contains(Flatten(error), e => e is HttpRequestException);
    }

    private static IEnumerable<Exception> Flatten(Exception error) =>
        error is AggregateException aggregate
            ? aggregate.Flatten().InnerExceptions.Prepend(error)
            : [error];
}
