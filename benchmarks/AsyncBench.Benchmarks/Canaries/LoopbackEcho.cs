using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using AsyncBench.Benchmarks.Harness;

namespace AsyncBench.Benchmarks.Canaries;

/// <summary>
/// A raw TCP echo on 127.0.0.1: a client socket and, on a dedicated thread of this process, the accepted socket that
/// sends every message straight back. Blocking calls on both ends and Nagle off (a small message waits for no ACK),
/// so a round trip is the kernel's loopback path and two thread wake-ups, and nothing else: no async machinery, no
/// package. The echo end is in-process, not in the fixture host: the canary must not move with the host's start-up,
/// its packages or its own load, and a canary's CPU time is the machine's either way.
/// </summary>
public sealed class LoopbackEcho : IDisposable
{
    public const int MessageBytes = 64;

    private readonly Socket client;
    private readonly Socket server;
    private readonly Thread echo;
    private readonly byte[] sent = new byte[MessageBytes];
    private readonly byte[] received = new byte[MessageBytes];
    private Exception? echoFailure;
    private long sequence;

    public LoopbackEcho()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.Connect(listener.LocalEndPoint!);
        server = listener.Accept();
        server.NoDelay = true;
        echo = new Thread(Echo) { IsBackground = true, Name = "AsyncBench loopback echo" };
        echo.Start();
    }

    /// <summary>One message there and back; throws unless the same bytes came back.</summary>
    public void RoundTrip()
    {
        var number = ++sequence;
        for (var i = 0; i < MessageBytes; i += sizeof(long))
        {
            BinaryPrimitives.WriteInt64LittleEndian(sent.AsSpan(i), number + i);
        }

        client.Send(sent);
        if (!ReceiveExactly(client, received))
        {
            throw new WorkloadCheckException($"The loopback echo closed the connection after {number - 1} round trips{(echoFailure is null ? "" : ": " + echoFailure.Message)}.");
        }

        if (!received.AsSpan().SequenceEqual(sent))
        {
            throw new WorkloadCheckException($"Round trip {number}: the loopback echo sent back {Convert.ToHexString(received)}; expected {Convert.ToHexString(sent)}.");
        }
    }

    public void Dispose()
    {
        client.Shutdown(SocketShutdown.Both);
        client.Dispose();
        echo.Join();
        server.Dispose();
    }

    private static bool ReceiveExactly(Socket socket, byte[] buffer)
    {
        for (var read = 0; read < buffer.Length;)
        {
            var count = socket.Receive(buffer, read, buffer.Length - read, SocketFlags.None);
            if (count == 0)
            {
                return false;
            }

            read += count;
        }

        return true;
    }

    private void Echo()
    {
        var buffer = new byte[MessageBytes];
        try
        {
            while (ReceiveExactly(server, buffer))
            {
                server.Send(buffer);
            }
        }
        catch (SocketException ex)
        {
            // Seen by the client as a closed connection, with this reason.
            echoFailure = ex;
        }
    }
}
