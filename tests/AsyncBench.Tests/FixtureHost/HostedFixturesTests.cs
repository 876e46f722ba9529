using AsyncBench.Fixtures;

namespace AsyncBench.Tests.FixtureHost;

/// <summary>
/// The fixture host finds its fixtures by the verb each declares in its own folder (IHostableFixture), with no list to
/// edit; each fixture's own tests start it through its verb (MockHttpServerTests, VirtualSerialPairTests, DelayedRedisServerTests).
/// </summary>
public sealed class HostedFixturesTests
{
    [Fact]
    public async Task Host_Should_RefuseAnUnknownVerb_NamingEveryFixtureItFound()
    {
        var error = await Assert.ThrowsAsync<FixtureStartException>(
            () => FixtureHostProcess.StartAsync("test fixture", ["no-such-fixture"]));

        Assert.Contains("The test fixture could not start: Name a fixture first: one of http, redis, serial.", error.Message, StringComparison.Ordinal);
    }
}
