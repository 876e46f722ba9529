using System.Buffers.Binary;
using System.Globalization;
using AsyncBench.Benchmarks.Harness;
using AsyncBench.Fixtures.Files;

namespace AsyncBench.Benchmarks.Files;

/// <summary>
/// One unit = write file <c>out-{unit}.bin</c> of <see cref="SizeBytes"/> (FileStream without, or
/// with, <see cref="FileOptions.Asynchronous"/>), optionally flush it to disk, then read it back
/// (File.ReadAllBytes / ReadAllBytesAsync) and compare every byte. Each batch rewrites the same
/// files, so batches do not drift; a 16-byte header stamps the unit and how many times it has been
/// written, so a write that silently left the previous batch's file behind fails the check.
/// </summary>
public sealed class FileWriteWorkload : Workload<FileWriteWorkload.FileWrite>
{
    public const int HeaderBytes = 16;

    /// <summary>FileStream's default buffer, as typical code opens it; whole-file writes bypass it.</summary>
    private const int StreamBufferSize = 4096;

    private readonly TempFileSet folder;
    private readonly byte[] body;
    private readonly int[] generations;

    private FileWriteWorkload(TempFileSet folder, int maxUnits, int sizeBytes, bool flushToDisk)
    {
        this.folder = folder;
        SizeBytes = sizeBytes;
        FlushToDisk = flushToDisk;
        body = TempFileSet.ContentOf(0, sizeBytes - HeaderBytes);
        generations = new int[maxUnits];
    }

    public int SizeBytes { get; }

    public bool FlushToDisk { get; }

    public string Folder => folder.Folder;

    /// <param name="maxUnits">The largest batch this workload will run (units 0 .. maxUnits - 1).</param>
    public static async Task<FileWriteWorkload> StartAsync(int maxUnits, int sizeBytes, bool flushToDisk, string? parentFolder = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxUnits);
        ArgumentOutOfRangeException.ThrowIfLessThan(sizeBytes, HeaderBytes);
        var folder = await TempFileSet.StartAsync(0, sizeBytes, parentFolder, cancellationToken).ConfigureAwait(false);
        return new FileWriteWorkload(folder, maxUnits, sizeBytes, flushToDisk);
    }

    public string PathOf(int unit) => Path.Combine(Folder, "out-" + unit.ToString("D5", CultureInfo.InvariantCulture) + ".bin");

    /// <summary>Checks every file written so far holds its unit's latest write. Call between batches.</summary>
    public void VerifyFiles()
    {
        for (var unit = 0; unit < generations.Length; unit++)
        {
            var generation = Volatile.Read(ref generations[unit]);
            if (generation > 0)
            {
                Check(unit, new FileWrite(unit, generation, File.ReadAllBytes(PathOf(unit))));
            }
        }
    }

    protected override ValueTask DisposeWorkloadAsync() => folder.DisposeAsync();

    protected override FileWrite Execute(int unit)
    {
        var (path, generation, header) = Begin(unit);
        using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, StreamBufferSize, FileOptions.None))
        {
            stream.Write(header);
            stream.Write(body);
            stream.Flush(flushToDisk: FlushToDisk);
        }

        return new FileWrite(unit, generation, File.ReadAllBytes(path));
    }

    protected override async ValueTask<FileWrite> ExecuteAsync(int unit, CancellationToken cancellationToken)
    {
        var (path, generation, header) = Begin(unit);
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, StreamBufferSize, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(header, cancellationToken).ConfigureAwait(false);
            await stream.WriteAsync(body, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (FlushToDisk)
            {
                // .NET has no asynchronous fsync: FlushAsync stops at the OS, so this blocks, as it would in real code.
                stream.Flush(flushToDisk: true);
            }
        }

        return new FileWrite(unit, generation, await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false));
    }

    protected override void Check(int unit, FileWrite result)
    {
        var path = PathOf(unit);
        var content = result.ReadBack;
        if (content.Length != SizeBytes)
        {
            throw new WorkloadCheckException($"{path}: read back {content.Length} bytes; expected the {SizeBytes} just written.");
        }

        var stampedUnit = BinaryPrimitives.ReadInt64LittleEndian(content);
        var stampedGeneration = BinaryPrimitives.ReadInt64LittleEndian(content.AsSpan(8));
        if (stampedUnit != unit || stampedGeneration != result.Generation)
        {
            throw new WorkloadCheckException($"{path}: header says unit {stampedUnit}, write {stampedGeneration}; expected unit {unit}, write {result.Generation}. The write was lost.");
        }

        if (!content.AsSpan(HeaderBytes).SequenceEqual(body))
        {
            throw new WorkloadCheckException($"{path}: the content read back differs from what was written. The file is corrupted.");
        }
    }

    private (string Path, int Generation, byte[] Header) Begin(int unit)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(unit, generations.Length, nameof(unit));
        var generation = Interlocked.Increment(ref generations[unit]);
        var header = new byte[HeaderBytes];
        BinaryPrimitives.WriteInt64LittleEndian(header, unit);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(8), generation);
        return (PathOf(unit), generation, header);
    }

    public readonly record struct FileWrite(int Unit, int Generation, byte[] ReadBack);
}
