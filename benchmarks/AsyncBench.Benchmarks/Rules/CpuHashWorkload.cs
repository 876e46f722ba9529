using System.Buffers.Binary;
using System.Security.Cryptography;
using AsyncBench.Benchmarks.Harness;

namespace AsyncBench.Benchmarks.Rules;

/// <summary>
/// Rule 1's control: one unit = SHA-256 over a 4-byte salt (the unit number) and a shared 512 KiB
/// buffer generated from a fixed seed, a few hundred microseconds of pure CPU with nothing to wait for.
/// Hashing has no asynchronous form, so <see cref="ExecuteAsync"/> does the same work and returns a
/// completed <see cref="ValueTask{TResult}"/>, as any "async" wrapper of CPU work would. Each digest
/// is checked against one computed at start by a different path (one-shot over salt and buffer joined).
/// </summary>
public sealed class CpuHashWorkload : Workload<byte[]>
{
    public const int BufferBytes = 512 * 1024;
    private const int Seed = 20240601;
    private readonly byte[] buffer;
    private readonly byte[][] expected;

    public CpuHashWorkload(int units)
    {
        buffer = new byte[BufferBytes];
        new Random(Seed).NextBytes(buffer);
        expected = new byte[units][];
        var joined = new byte[sizeof(int) + BufferBytes];
        buffer.CopyTo(joined, sizeof(int));
        for (var unit = 0; unit < units; unit++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(joined, unit);
            expected[unit] = SHA256.HashData(joined);
        }
    }

    protected override ValueTask DisposeWorkloadAsync() => ValueTask.CompletedTask;

    protected override byte[] Execute(int unit)
    {
        Span<byte> salt = stackalloc byte[sizeof(int)];
        BinaryPrimitives.WriteInt32LittleEndian(salt, unit);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(salt);
        hash.AppendData(buffer);
        return hash.GetHashAndReset();
    }

    protected override ValueTask<byte[]> ExecuteAsync(int unit, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Execute(unit));

    protected override void Check(int unit, byte[] result)
    {
        if (unit < 0 || unit >= expected.Length)
        {
            throw new WorkloadCheckException($"Unit {unit} is outside the {expected.Length} units this workload was prepared for.");
        }

        if (!result.AsSpan().SequenceEqual(expected[unit]))
        {
            throw new WorkloadCheckException($"Unit {unit} hashed to {Convert.ToHexString(result)}; expected {Convert.ToHexString(expected[unit])}.");
        }
    }
}
