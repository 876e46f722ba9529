using AsyncBench.Benchmarks.Canaries;
using AsyncBench.Benchmarks.Declarations;
using AsyncBench.Benchmarks.Harness;
using BenchmarkDotNet.Running;

namespace AsyncBench.Tests.Canaries;

/// <summary>The canaries compute what they claim, fail when they do not, and are declared as canaries in the sidecar.</summary>
public sealed class CanaryTests
{
    [Theory]
    [InlineData(0UL, 0L)]
    [InlineData(1UL, 1L)]
    [InlineData(20_261_201UL, 7L)]
    [InlineData(ulong.MaxValue, 1_000L)]
    [InlineData(42UL, MachineCanaryBenchmarks.IntegerLoopSteps)]
    public void JumpAhead_Should_EqualTheLoop(ulong seed, long steps) =>
        Assert.Equal(Lcg.Run(seed, steps), Lcg.JumpAhead(seed, steps));

    [Fact]
    public void JumpAhead_Should_TellDifferentStepCountsApart() =>
        Assert.NotEqual(Lcg.Run(42, 999), Lcg.JumpAhead(42, 1_000));

    [Fact]
    public void EveryCanary_Should_RunAndPassItsCheck()
    {
        var canaries = new MachineCanaryBenchmarks();
        canaries.SetUpIntegerLoop();
        canaries.SetUpMemoryStride();
        canaries.SetUpSyscall();
        canaries.SetUpLoopbackRoundTrip();
        try
        {
            Assert.Equal(Lcg.JumpAhead(20_261_201, MachineCanaryBenchmarks.IntegerLoopSteps), canaries.IntegerLoop());
            long lines = MachineCanaryBenchmarks.MemoryBytes / MachineCanaryBenchmarks.CacheLineBytes;
            Assert.Equal(lines * (lines - 1) / 2, canaries.MemoryStride());
            Assert.Equal(canaries.Syscall(), canaries.Syscall());
            for (var i = 0; i < 100; i++)
            {
                canaries.LoopbackRoundTrip();
            }
        }
        finally
        {
            canaries.CleanUp();
        }
    }

    [Fact]
    public void LoopbackRoundTrip_Should_Fail_OnceTheEchoIsGone()
    {
        var echo = new LoopbackEcho();
        echo.RoundTrip();
        echo.Dispose();

        Assert.ThrowsAny<Exception>(echo.RoundTrip);
    }

    [Fact]
    public void IntegerLoop_Should_Fail_WithoutItsExpectedValue()
    {
        var canaries = new MachineCanaryBenchmarks(); // No setup: the expected value is 0, which the loop never ends at.

        var failure = Assert.Throws<WorkloadCheckException>(() => canaries.IntegerLoop());
        Assert.Contains("closed form", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sidecar_Should_DeclareTheCanaries_AndOnlyThem()
    {
        var canaries = BenchmarkConverter.TypeToBenchmarks(typeof(MachineCanaryBenchmarks)).BenchmarksCases;
        var others = BenchmarkConverter.TypeToBenchmarks(typeof(AsyncBench.Benchmarks.Rules.AsyncMethodBenchmarks)).BenchmarksCases;

        var declared = DeclarationsExporter.Declare([.. canaries, .. others]).Benchmarks;

        Assert.Equal(canaries.Length, declared.Count(b => b.Canary));
        Assert.All(declared.Where(b => b.Canary), b => Assert.Contains(MachineCanaryBenchmarks.Category, b.Categories));
        Assert.All(declared.Where(b => !b.Canary), b => Assert.DoesNotContain(MachineCanaryBenchmarks.Category, b.Categories));
        Assert.True(canaries.Length >= 4);
    }
}
