using AsyncBench.Benchmarks.Harness;
using AsyncBench.Fixtures.Files;

namespace AsyncBench.Benchmarks.Files;

/// <summary>
/// One unit = read one whole file of the <see cref="TempFileSet"/> with <see cref="Api"/> into a new
/// buffer, then check its length and checksum. The files were just written, so on a warm run the
/// reads come from the OS page cache, not the disk (see README).
/// </summary>
public sealed class FileReadWorkload : Workload<FileReadWorkload.FileRead>
{
    /// <summary>FileStream's default buffer, as typical code opens it; reads of a whole file bypass it.</summary>
    private const int StreamBufferSize = 4096;

    private FileReadWorkload(TempFileSet files, FileReadApi api)
    {
        Files = files;
        Api = api;
    }

    public TempFileSet Files { get; }

    public FileReadApi Api { get; }

    public static async Task<FileReadWorkload> StartAsync(int count, int sizeBytes, FileReadApi api, string? parentFolder = null, CancellationToken cancellationToken = default) =>
        new(await TempFileSet.StartAsync(count, sizeBytes, parentFolder, cancellationToken).ConfigureAwait(false), api);

    protected override ValueTask DisposeWorkloadAsync() => Files.DisposeAsync();

    protected override FileRead Execute(int unit)
    {
        var index = unit % Files.Count;
        var path = Files.PathOf(index);
        switch (Api)
        {
            case FileReadApi.FileStream:
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, StreamBufferSize, FileOptions.None);
                var buffer = new byte[stream.Length];
                var read = 0;
                int got;
                while (read < buffer.Length && (got = stream.Read(buffer, read, buffer.Length - read)) > 0)
                {
                    read += got;
                }

                return new FileRead(index, buffer, read);
            }

            case FileReadApi.ReadAllBytes:
            {
                var buffer = File.ReadAllBytes(path);
                return new FileRead(index, buffer, buffer.Length);
            }

            default:
            {
                using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.None);
                var buffer = new byte[RandomAccess.GetLength(handle)];
                var read = 0;
                int got;
                while (read < buffer.Length && (got = RandomAccess.Read(handle, buffer.AsSpan(read), read)) > 0)
                {
                    read += got;
                }

                return new FileRead(index, buffer, read);
            }
        }
    }

    protected override async ValueTask<FileRead> ExecuteAsync(int unit, CancellationToken cancellationToken)
    {
        var index = unit % Files.Count;
        var path = Files.PathOf(index);
        switch (Api)
        {
            case FileReadApi.FileStream:
            {
                var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, StreamBufferSize, FileOptions.Asynchronous);
                await using (stream.ConfigureAwait(false))
                {
                    var buffer = new byte[stream.Length];
                    var read = 0;
                    int got;
                    while (read < buffer.Length && (got = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        read += got;
                    }

                    return new FileRead(index, buffer, read);
                }
            }

            case FileReadApi.ReadAllBytes:
            {
                var buffer = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
                return new FileRead(index, buffer, buffer.Length);
            }

            default:
            {
                using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);
                var buffer = new byte[RandomAccess.GetLength(handle)];
                var read = 0;
                int got;
                while (read < buffer.Length && (got = await RandomAccess.ReadAsync(handle, buffer.AsMemory(read), read, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    read += got;
                }

                return new FileRead(index, buffer, read);
            }
        }
    }

    protected override void Check(int unit, FileRead result)
    {
        var path = Files.PathOf(result.Index);
        if (result.Length != Files.SizeBytes || result.Buffer.Length != Files.SizeBytes)
        {
            throw new WorkloadCheckException($"{path}: read {result.Length} of {result.Buffer.Length} bytes; expected {Files.SizeBytes}. The file was changed or truncated.");
        }

        var checksum = ContentChecksum.Of(result.Buffer);
        if (checksum != Files.ChecksumOf(result.Index))
        {
            throw new WorkloadCheckException($"{path}: checksum {checksum:x16} does not match the seeded content's {Files.ChecksumOf(result.Index):x16}. The file is corrupted.");
        }
    }

    public readonly record struct FileRead(int Index, byte[] Buffer, int Length);
}
