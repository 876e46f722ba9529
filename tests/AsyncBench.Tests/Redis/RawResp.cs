using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace AsyncBench.Tests.Redis;

/// <summary>RESP over a plain socket, with no client library between the test and the proxy.</summary>
public static class RawResp
{
    public static readonly byte[] Ping = Encoding.ASCII.GetBytes("*1\r\n$4\r\nPING\r\n");

    public static int Port(string endPoint) => int.Parse(endPoint[(endPoint.LastIndexOf(':') + 1)..], NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>Connects, sends <paramref name="request"/> in one write, and reads exactly <paramref name="replyBytes"/> bytes back.</summary>
    public static async Task<string> RoundTripAsync(string endPoint, byte[] request, int replyBytes)
    {
        using var client = await ConnectAsync(endPoint);
        return await SendAndReadAsync(client, request, replyBytes);
    }

    public static async Task<TcpClient> ConnectAsync(string endPoint)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync("127.0.0.1", Port(endPoint));
        return client;
    }

    public static async Task<string> SendAndReadAsync(TcpClient client, byte[] request, int replyBytes)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var stream = client.GetStream();
        await stream.WriteAsync(request, timeout.Token);
        var reply = new byte[replyBytes];
        await stream.ReadExactlyAsync(reply, timeout.Token);
        return Encoding.ASCII.GetString(reply);
    }
}
