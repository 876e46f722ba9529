using System.Globalization;

namespace AsyncBench.Tests;

/// <summary>What the kernel says is listening: a fixture's server binds loopback only and is gone after dispose.</summary>
public static class ListeningSockets
{
    private static readonly string[] Tables = ["/proc/net/tcp", "/proc/net/tcp6"];

    /// <summary>Why the kernel's socket table cannot be read here, or null where it can (Linux).</summary>
    public static string? UnavailableReason { get; } = File.Exists(Tables[0])
        ? null
        : $"No {Tables[0]} here: the kernel's table of listening sockets is read on Linux only.";

    /// <summary>The local addresses (hex, as /proc/net/tcp writes them: 0100007F is 127.0.0.1) listening on <paramref name="port"/>.</summary>
    public static IEnumerable<string> Addresses(int port)
    {
        var portHex = port.ToString("X4", CultureInfo.InvariantCulture);
        foreach (var table in Tables.Where(File.Exists))
        {
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var local = fields[1].Split(':');
                const string listenState = "0A";
                if (local[1] == portHex && fields[3] == listenState)
                {
                    yield return local[0];
                }
            }
        }
    }
}

/// <summary>A fact that reads the kernel's socket table: skipped, with the reason, where there is none (<see cref="ListeningSockets.UnavailableReason"/>).</summary>
public sealed class SocketTableFactAttribute : FactAttribute
{
    public SocketTableFactAttribute()
    {
        Skip = ListeningSockets.UnavailableReason;
    }
}
