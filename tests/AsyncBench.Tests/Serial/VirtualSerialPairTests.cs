using System.Diagnostics;
using AsyncBench.Fixtures;
using AsyncBench.Fixtures.Serial;
using AsyncBench.Protocol.Serial;

namespace AsyncBench.Tests.Serial;

/// <summary>The fixture itself: a real SerialPort on a pseudo-terminal, the emulator's rules, and a clean dispose.</summary>
public sealed class VirtualSerialPairTests
{
    [SerialFact]
    public async Task RoundTrip_Should_EchoTheFrame_ThroughARealSerialPortOnAPseudoTerminal()
    {
        await using var pair = await VirtualSerialPair.StartAsync(new VirtualSerialPairOptions { BaudRate = 115200 });
        var port = pair.Ports[0];
        var request = SerialFrame.EncodeRequest(7);

        SerialFrameReader.Write(port, request);
        var syncReply = SerialFrameReader.Read(port);
        await SerialFrameReader.WriteAsync(port, request, CancellationToken.None);
        var asyncReply = await SerialFrameReader.ReadAsync(port, CancellationToken.None);

        Assert.True(pair.IsEmulated);
        Assert.StartsWith("/dev/", port.PortName, StringComparison.Ordinal);
        Assert.Equal(request, syncReply);
        Assert.Equal(request, asyncReply);
        Assert.Null(SerialFrame.Validate(syncReply));
    }

    [SerialFact]
    public async Task Line_Should_PassEveryByteValueUntouched()
    {
        // Raw mode matters: a terminal in its default mode would echo, translate CR/LF or eat ^C and XON/XOFF.
        await using var pair = await VirtualSerialPair.StartAsync(new VirtualSerialPairOptions { BaudRate = 115200 });
        var port = pair.Ports[0];
        var payload = Enumerable.Range(0, 255).Select(i => (byte)i).ToArray();
        var request = SerialFrame.Encode(SerialFrame.Request, payload);

        SerialFrameReader.Write(port, request);
        var reply = SerialFrameReader.Read(port);

        Assert.Equal(request, reply);
    }

    [SerialFact]
    public async Task Emulator_Should_PaceTheLine_ByBaudRateAndLatency()
    {
        // Behaviour, not a benchmark: a 9600-baud conversation cannot be faster than its line time.
        await using var pair = await VirtualSerialPair.StartAsync(new VirtualSerialPairOptions { BaudRate = 9600, LatencyMs = 20 });
        var port = pair.Ports[0];
        var minimum = SerialFrame.LineTime(SerialFrame.ConversationBytes, 9600) + TimeSpan.FromMilliseconds(20);

        var watch = Stopwatch.StartNew();
        SerialFrameReader.Write(port, SerialFrame.EncodeRequest(1));
        SerialFrameReader.Read(port);

        Assert.True(watch.Elapsed >= minimum - TimeSpan.FromMilliseconds(1), $"reply after {watch.Elapsed.TotalMilliseconds:0.0} ms, line time plus latency is {minimum.TotalMilliseconds:0.0} ms");
    }

    [SerialFact]
    public async Task Emulator_Should_ReportInterleavedConversations_OnOnePort()
    {
        // The negative control for the strategy tests' "never interleaved": two requests sent without
        // waiting for the first reply must be caught.
        await using var pair = await VirtualSerialPair.StartAsync(new VirtualSerialPairOptions { BaudRate = 9600 });
        var port = pair.Ports[0];

        // One write, so the second request is on the line before the first reply on any machine, however busy.
        SerialFrameReader.Write(port, [.. SerialFrame.EncodeRequest(1), .. SerialFrame.EncodeRequest(2)]);
        var first = SerialFrameReader.Read(port);
        var second = SerialFrameReader.Read(port);
        var stats = await pair.TakeStatsAsync(0);

        Assert.Equal(SerialFrame.EncodeRequest(1), first);
        Assert.Equal(SerialFrame.Error, SerialFrame.Kind(second));
        Assert.Equal(1, stats.Interleaved);
        Assert.Equal(2, stats.Requests);
    }

    [SerialFact]
    public async Task Start_Should_FailWithClearMessage_WhenHostRejectsOptions()
    {
        var error = await Assert.ThrowsAsync<FixtureStartException>(
            () => VirtualSerialPair.StartAsync(new VirtualSerialPairOptions { Devices = 65 }));

        Assert.Contains("serial device emulator", error.Message, StringComparison.Ordinal);
        Assert.Contains("--devices", error.Message, StringComparison.Ordinal);
    }
}
