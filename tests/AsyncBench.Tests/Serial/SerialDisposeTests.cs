using System.Diagnostics;
using AsyncBench.Fixtures.Serial;
using AsyncBench.Protocol.Serial;

namespace AsyncBench.Tests.Serial;

/// <summary>
/// Dispose leaves no port, pseudo-terminal or pipe open in this process, whatever happened before. The descriptor
/// table is process-wide, so these tests run alone (<see cref="ProcessWideStateCollection"/>).
/// </summary>
[Collection(ProcessWideStateCollection.Name)]
public sealed class SerialDisposeTests
{
    [SerialFact]
    public async Task Dispose_Should_CloseEveryPort_AndStopTheHost_LeavingNoDescriptorOpen()
    {
        // One full cycle first: the runtime opens some descriptors once (epoll, pipes) and keeps them.
        await (await VirtualSerialPair.StartAsync(new VirtualSerialPairOptions { Devices = 4 })).DisposeAsync();
        var before = OpenDescriptors();

        var pair = await VirtualSerialPair.StartAsync(new VirtualSerialPairOptions { Devices = 4, BaudRate = 115200 });
        var during = OpenDescriptors();
        foreach (var port in pair.Ports)
        {
            SerialFrameReader.Write(port, SerialFrame.EncodeRequest(3));
            SerialFrameReader.Read(port);
        }

        using var host = Process.GetProcessById(pair.HostProcessId!.Value);
        var beforeDispose = OpenDescriptors();
        await pair.DisposeAsync();

        // The snapshot sees what the pair opened: each port's device among the descriptors opened since (not a count,
        // which anything else in the process could change).
        var opened = during.Where(fd => !before.TryGetValue(fd.Key, out var target) || target != fd.Value).Select(fd => fd.Value).ToList();
        Assert.All(pair.Ports, port => Assert.Contains(port.PortName, opened));
        Assert.True(host.WaitForExit(TimeSpan.FromSeconds(10)), "the fixture host is still running after dispose");
        AssertNoneLeft(before, beforeDispose, OpenDescriptors());
    }

    [SerialFact]
    public async Task Dispose_Should_LeaveNoDescriptorOpen_AfterTheDeviceVanished()
    {
        await (await VirtualSerialPair.StartAsync(new VirtualSerialPairOptions())).DisposeAsync();
        var before = OpenDescriptors();

        var pair = await VirtualSerialPair.StartAsync(new VirtualSerialPairOptions { Fault = SerialDeviceFault.Vanish, ReadTimeout = TimeSpan.FromSeconds(2) });
        var port = pair.Ports[0];
        SerialFrameReader.Write(port, SerialFrame.EncodeRequest(1));
        Assert.Throws<IOException>(() => SerialFrameReader.Read(port));
        var beforeDispose = OpenDescriptors();
        await pair.DisposeAsync();

        AssertNoneLeft(before, beforeDispose, OpenDescriptors());
    }

    /// <summary>
    /// The descriptors open now, each with what it points to. A descriptor whose link can no longer be read was closed
    /// between the listing and the read, and is left out: the listing's own directory descriptor is always one of
    /// them, and kept as "?" it took a different number in two snapshots and failed a CI run as "still open".
    /// </summary>
    private static Dictionary<string, string> OpenDescriptors() =>
        new DirectoryInfo("/proc/self/fd").GetFileSystemInfos()
            .Select(fd => (fd.Name, Target: LinkTargetOrNull(fd)))
            .Where(fd => fd.Target is not null)
            .ToDictionary(fd => fd.Name, fd => fd.Target!, StringComparer.Ordinal);

    private static string? LinkTargetOrNull(FileSystemInfo descriptor)
    {
        try
        {
            return descriptor.LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// Nothing the pair opened is still open: no descriptor opened between <paramref name="before"/> and
    /// <paramref name="beforeDispose"/> survives the dispose, and no pseudo-terminal appeared that was not there before.
    /// Why not "the same count as before": the table is process-wide, and a descriptor that something else in the
    /// test process closed meanwhile (a finished test's pipe, finalized) failed that check 2 times in 5 runs.
    /// </summary>
    private static void AssertNoneLeft(Dictionary<string, string> before, Dictionary<string, string> beforeDispose, Dictionary<string, string> after)
    {
        bool New(KeyValuePair<string, string> fd) => !before.TryGetValue(fd.Key, out var target) || target != fd.Value;
        var openedByThePair = beforeDispose.Where(New).ToHashSet();
        var left = after.Where(New)
            .Where(fd => openedByThePair.Contains(fd) || fd.Value.StartsWith("/dev/pts/", StringComparison.Ordinal) || fd.Value == "/dev/ptmx")
            .Select(fd => $"{fd.Key} -> {fd.Value}")
            .ToList();
        Assert.True(left.Count == 0, $"{openedByThePair.Count} descriptors opened by the pair; still open after dispose: [{string.Join(", ", left)}]");
    }
}
