using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using AsyncBench.Fixtures;
using AsyncBench.Fixtures.Http;

namespace AsyncBench.Tests.Http;

/// <summary>
/// The fixture itself: ports, process lifetime, loopback binding and start-up failures. Tests that need a running
/// server but not one of their own use the class's (<see cref="SharedHttpWorkload"/>): each fixture host costs seconds
/// to start on a busy 2-core machine.
/// </summary>
public sealed class MockHttpServerTests(SharedHttpWorkload shared) : IClassFixture<SharedHttpWorkload>
{
    [Fact]
    public async Task TwoServers_Should_RunAtOnce_OnDifferentLoopbackPorts()
    {
        var first = shared.Server;
        await using var second = await MockHttpServer.StartAsync(new MockHttpServerOptions());

        Assert.NotEqual(first.BaseAddress.Port, second.BaseAddress.Port);
        Assert.Equal("127.0.0.1", first.BaseAddress.Host);
        using var client = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(first.ItemUri(1))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(second.ItemUri(1))).StatusCode);
    }

    [Fact]
    public async Task BlockingResetStats_Should_ZeroTheCounts_LikeTheAsyncOne()
    {
        var server = shared.Server;
        await server.ResetStatsAsync();
        using var client = new HttpClient();
        (await client.GetAsync(server.ItemUri(1))).EnsureSuccessStatusCode();
        Assert.Equal(1, (await server.GetStatsAsync()).Requests);

        server.ResetStats();

        Assert.Equal(0, (await server.GetStatsAsync()).Requests);
    }

    [Fact]
    public async Task Dispose_Should_StopTheHostProcess_AndFreeThePort()
    {
        var server = await MockHttpServer.StartAsync(new MockHttpServerOptions());
        var port = server.BaseAddress.Port;
        using var host = Process.GetProcessById(server.HostProcessId);

        await server.DisposeAsync();

        Assert.True(host.WaitForExit(TimeSpan.FromSeconds(10)), "the fixture host is still running after dispose");
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start(); // throws if anything still holds the port
        listener.Stop();
    }

    [SocketTableFact]
    public async Task Server_Should_ListenOnLoopbackOnly()
    {
        var server = shared.Server;
        var port = server.BaseAddress.Port;

        var others = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => !IPAddress.IsLoopback(a) && !a.IsIPv6LinkLocal)
            .ToList();
        foreach (var address in others)
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await Assert.ThrowsAnyAsync<Exception>(async () => await socket.ConnectAsync(address, port, timeout.Token));
        }

        // Whatever addresses this machine has, the kernel's own table says where the port listens.
        var listening = ListeningSockets.Addresses(port).ToList();
        Assert.Equal(["0100007F"], listening); // 127.0.0.1, little-endian hex, and nothing else
    }

    [Fact]
    public async Task Start_Should_FailWithClearMessage_WhenHostRejectsOptions()
    {
        var error = await Assert.ThrowsAsync<FixtureStartException>(
            () => MockHttpServer.StartAsync(new MockHttpServerOptions { BodyBytes = 0 }));

        Assert.Contains("mock HTTP server", error.Message, StringComparison.Ordinal);
        Assert.Contains("--body-bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_Should_FailWithClearMessage_WhenHostIsMissing()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-dir", "AsyncBench.FixtureHost.dll");

        var error = await Assert.ThrowsAsync<FixtureStartException>(
            () => FixtureHostProcess.StartAsync("mock HTTP server", missing, ["http"]));

        Assert.Contains("mock HTTP server", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_Should_FailWithClearMessage_WhenHostCrashesBeforeReady()
    {
        // A library has no entry point: the runtime refuses it and exits at once, as a crashing host would.
        var notAHost = typeof(AsyncBench.Protocol.Http.HttpPayload).Assembly.Location;

        var error = await Assert.ThrowsAsync<FixtureStartException>(
            () => FixtureHostProcess.StartAsync("mock HTTP server", notAHost, ["http"]));

        Assert.Contains("mock HTTP server", error.Message, StringComparison.Ordinal);
        Assert.Contains("exited with code", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_Should_Exit_WhenItsParentDies_EvenWithStdinStillOpen()
    {
        // Arrange: a stand-in parent that dies soon; we keep the host's stdin open ourselves, so
        // only the parent watch can stop it.
        using var parent = Process.Start(new ProcessStartInfo(FixtureHostProcess.DotnetMuxerPath(), "--version") { RedirectStandardOutput = true })!;
        var start = new ProcessStartInfo(FixtureHostProcess.DotnetMuxerPath())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { FixtureHostProcess.DefaultHostPath!, "http", "--parent-pid", parent.Id.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        // Act
        using var host = Process.Start(start)!;
        try
        {
            await parent.WaitForExitAsync();

            // Assert: it exits by itself (its one-second poll notices; hang protection only: on a busy machine the host may
            // still be starting, which the fixtures allow 60 s, when the parent dies).
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await host.WaitForExitAsync(timeout.Token);
            Assert.True(host.HasExited);
        }
        finally
        {
            if (!host.HasExited)
            {
                host.Kill(entireProcessTree: true);
            }
        }
    }
}
