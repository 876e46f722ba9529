using System.Globalization;

namespace AsyncBench.Tests;

/// <summary>What the kernel says is listening: a fixture's server binds loopback only and is gone after dispose.</summary>
public static class ListeningSockets
{
    /// <summary>The local addresses (hex, as /proc/net/tcp writes them: 0100007F is 127.0.0.1) listening on <paramref name="port"/>.</summary>
    public static IEnumerable<string> Addresses(int port)
    {
        var portHex = port.ToString("X4", CultureInfo.InvariantCulture);
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
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
