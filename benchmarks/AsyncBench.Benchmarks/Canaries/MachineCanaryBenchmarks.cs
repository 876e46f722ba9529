using System.Globalization;
using System.Runtime.InteropServices;
using AsyncBench.Benchmarks.Harness;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;

namespace AsyncBench.Benchmarks.Canaries;

/// <summary>
/// The machine's canaries: CPU, memory, a system call and a loopback round trip, each a few lines written here
/// against the hardware or the kernel, each checking its result. No package and no suite code is on their path, so
/// an upgrade cannot move them; a slower machine (clock, memory bandwidth, kernel entry cost, scheduler wake-up)
/// does. Cheap enough to run every night: milliseconds per invocation at most.
/// </summary>
[Canary]
[BenchmarkCategory(Category)]
[SteadyState] // Measured in tier-1 code in every profile: a canary must not move with how far the JIT has got.
[Config(typeof(SkipSyscallWithoutLibc))]
public class MachineCanaryBenchmarks
{
    /// <summary>Probes of the machine that no dependency of the suite can move (see <see cref="CanaryAttribute"/>), for <c>--anyCategories</c>.</summary>
    public const string Category = "Canary";

    /// <summary>Multiply-add steps per invocation: about a millisecond at the core's multiply latency.</summary>
    public const long IntegerLoopSteps = 1_000_000;

    /// <summary>4 × this machine's L3 (32 MiB) and larger than most servers' share of one: every pass comes from memory.</summary>
    public const int MemoryBytes = 128 * 1024 * 1024;

    /// <summary>One read per cache line.</summary>
    public const int CacheLineBytes = 64;

    private const ulong Seed = 20_261_201;
    private const int LongsPerLine = CacheLineBytes / sizeof(long);

    private ulong integerLoopExpected;
    private long[] memory = [];
    private long memoryExpected;
    private int parentId;
    private LoopbackEcho? echo;

    [GlobalSetup(Target = nameof(IntegerLoop))]
    public void SetUpIntegerLoop() => integerLoopExpected = Lcg.JumpAhead(Seed, IntegerLoopSteps);

    /// <summary>CPU: a dependent chain of 64-bit multiply-adds (<see cref="Lcg"/>), checked against its closed form.</summary>
    [Benchmark]
    public ulong IntegerLoop()
    {
        var result = Lcg.Run(Seed, IntegerLoopSteps);
        return result == integerLoopExpected
            ? result
            : throw new WorkloadCheckException($"The integer loop ended at {result}; its closed form gives {integerLoopExpected}.");
    }

    [GlobalSetup(Target = nameof(MemoryStride))]
    public void SetUpMemoryStride()
    {
        // Every page written here, so no page fault is timed; line k holds k, so the sum has a closed form.
        memory = new long[MemoryBytes / sizeof(long)];
        for (var i = 0; i < memory.Length; i++)
        {
            memory[i] = i / LongsPerLine;
        }

        long lines = memory.Length / LongsPerLine;
        memoryExpected = lines * (lines - 1) / 2;
    }

    /// <summary>Memory: one 8-byte read per 64-byte line across a buffer 4 × the L3, summed and checked.</summary>
    [Benchmark]
    public long MemoryStride()
    {
        var buffer = memory;
        var sum = 0L;
        for (var i = 0; i < buffer.Length; i += LongsPerLine)
        {
            sum += buffer[i];
        }

        return sum == memoryExpected
            ? sum
            : throw new WorkloadCheckException($"The strided read summed {sum}; the buffer's lines sum to {memoryExpected}.");
    }

    [GlobalSetup(Target = nameof(Syscall))]
    public void SetUpSyscall()
    {
        parentId = GetParentProcessId();
        if (OperatingSystem.IsLinux() && ParentIdFromProc() is { } fromProc && fromProc != parentId)
        {
            throw new WorkloadCheckException($"getppid() returned {parentId}, /proc/self/status says {fromProc}.");
        }
    }

    /// <summary>The kernel: one getppid() through libc, a system call that does almost nothing but enter and leave.</summary>
    [Benchmark]
    public int Syscall()
    {
        var id = GetParentProcessId();
        return id == parentId
            ? id
            : throw new WorkloadCheckException($"getppid() returned {id}; it returned {parentId} in setup.");
    }

    [GlobalSetup(Target = nameof(LoopbackRoundTrip))]
    public void SetUpLoopbackRoundTrip()
    {
        echo = new LoopbackEcho();
        echo.RoundTrip(); // The connection carries a message before anything is timed.
    }

    /// <summary>The network stack and the scheduler: 64 bytes to an echo on 127.0.0.1 and back, checked byte for byte (<see cref="LoopbackEcho"/>).</summary>
    [Benchmark]
    public void LoopbackRoundTrip() => (echo ?? throw new InvalidOperationException("GlobalSetup has not run.")).RoundTrip();

    [GlobalCleanup]
    public void CleanUp()
    {
        echo?.Dispose();
        echo = null;
        memory = [];
    }

    [DllImport("libc", EntryPoint = "getppid")]
    private static extern int GetParentProcessId();

    private static int? ParentIdFromProc() =>
        File.ReadLines("/proc/self/status")
            .Where(line => line.StartsWith("PPid:", StringComparison.Ordinal))
            .Select(line => (int?)int.Parse(line["PPid:".Length..].Trim(), CultureInfo.InvariantCulture))
            .FirstOrDefault();

    /// <summary>getppid is in libc on Linux and macOS only; elsewhere the syscall canary is left out, the others run.</summary>
    public sealed class SkipSyscallWithoutLibc : ManualConfig
    {
        public SkipSyscallWithoutLibc() => AddFilter(new SimpleFilter(b =>
            b.Descriptor.WorkloadMethod.Name != nameof(Syscall) || OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()));
    }
}
