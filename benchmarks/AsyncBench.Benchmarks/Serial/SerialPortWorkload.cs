using System.IO.Ports;
using System.Text;
using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Observing;
using AsyncBench.Fixtures.Serial;
using AsyncBench.Protocol.Serial;

namespace AsyncBench.Benchmarks.Serial;

/// <summary>
/// One unit = one request/reply conversation with device <c>unit % K</c>: send the unit's request frame,
/// read the reply frame. A serial line is exclusive, so the unit holds that device's lock for the whole
/// conversation; units on different devices overlap. Blocking form: <see cref="SerialPort.Write(byte[], int, int)"/>
/// and blocking reads; async form: <see cref="SerialPort.BaseStream"/> WriteAsync/ReadAsync. Every reply's
/// checksum and content are checked against the request (the device echoes it).
/// </summary>
public sealed class SerialPortWorkload : Workload<SerialPortWorkload.Reply>
{
    private readonly VirtualSerialPair pair;
    private readonly SemaphoreSlim[] deviceLocks;
    private readonly SerialDevicesObservation? observation;

    private SerialPortWorkload(VirtualSerialPair pair)
    {
        this.pair = pair;
        deviceLocks = [.. pair.Ports.Select(_ => new SemaphoreSlim(1, 1))];
        if (pair.IsEmulated)
        {
            observation = new SerialDevicesObservation(pair);
            CaseObserver.Watch(observation);
        }
    }

    public VirtualSerialPair Pair => pair;

    public static async Task<SerialPortWorkload> StartAsync(VirtualSerialPairOptions options, CancellationToken cancellationToken = default) =>
        new(await VirtualSerialPair.StartAsync(options, cancellationToken).ConfigureAwait(false));

    /// <summary>The slowest port's median round trip of one checked conversation (after one untimed one), in ms.</summary>
    public double MeasureRoundTripMs() =>
        Enumerable.Range(0, deviceLocks.Length)
            .Max(device => RealTargets.MedianMs(3, _ => Run(device)));

    /// <summary>Opens the ports <see cref="VirtualSerialPair.PortsVariable"/> names (<paramref name="ports"/>) and measures them as above.</summary>
    public static double MeasureRoundTripMs(string ports)
    {
        var devices = ports.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries).Length;
        var workload = StartAsync(new VirtualSerialPairOptions { Devices = Math.Max(1, devices) }).GetAwaiter().GetResult();
        try
        {
            return workload.MeasureRoundTripMs();
        }
        finally
        {
            workload.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    protected override async ValueTask DisposeWorkloadAsync()
    {
        if (observation is not null)
        {
            CaseObserver.Unwatch(observation);
        }

        await pair.DisposeAsync().ConfigureAwait(false);
        foreach (var deviceLock in deviceLocks)
        {
            deviceLock.Dispose();
        }
    }

    protected override Reply Execute(int unit)
    {
        var device = unit % deviceLocks.Length;
        var port = pair.Ports[device];
        deviceLocks[device].Wait();
        try
        {
            SerialFrameReader.Write(port, SerialFrame.EncodeRequest(unit));
            return new Reply(port.PortName, SerialFrameReader.Read(port));
        }
        catch
        {
            DiscardLeftovers(port);
            throw;
        }
        finally
        {
            deviceLocks[device].Release();
        }
    }

    protected override async ValueTask<Reply> ExecuteAsync(int unit, CancellationToken cancellationToken)
    {
        var device = unit % deviceLocks.Length;
        var port = pair.Ports[device];
        await deviceLocks[device].WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await SerialFrameReader.WriteAsync(port, SerialFrame.EncodeRequest(unit), cancellationToken).ConfigureAwait(false);
            return new Reply(port.PortName, await SerialFrameReader.ReadAsync(port, cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            DiscardLeftovers(port);
            throw;
        }
        finally
        {
            deviceLocks[device].Release();
        }
    }

    protected override void Check(int unit, Reply reply)
    {
        if (SerialFrame.Validate(reply.Frame) is { } problem)
        {
            throw new WorkloadCheckException($"Unit {unit}: the reply from {reply.PortName} is garbled: {problem}.");
        }

        if (SerialFrame.Kind(reply.Frame) == SerialFrame.Error)
        {
            throw new WorkloadCheckException(
                $"Unit {unit}: the device on {reply.PortName} reported an error: {Encoding.ASCII.GetString(SerialFrame.Payload(reply.Frame))}.");
        }

        var expected = SerialFrame.EncodeRequest(unit);
        if (!reply.Frame.AsSpan().SequenceEqual(expected))
        {
            throw new WorkloadCheckException(
                $"Unit {unit}: {reply.PortName} answered {Convert.ToHexString(reply.Frame)}; expected the echo {Convert.ToHexString(expected)}.");
        }
    }

    private static void DiscardLeftovers(SerialPort port)
    {
        // A late or partial reply must not be read as the next unit's answer.
        try
        {
            if (port.IsOpen)
            {
                port.DiscardInBuffer();
            }
        }
        catch (IOException)
        {
            // The line is gone; the next unit will say so.
        }
    }

    public sealed record Reply(string PortName, byte[] Frame);
}
