using AsyncBench.Publishing.Comparing;
using AsyncBench.Publishing.Reading;

namespace AsyncBench.Publish.Tests;

/// <summary>CPU time per operation is reported beside wall time, and gates where its noise is smaller than wall time's.</summary>
public class CpuTimeTests
{
    private static readonly GateOptions Default = new();

    private static readonly IReadOnlyList<BenchmarkId> Ids =
        [.. Enumerable.Range(0, 20).Select(i => SyntheticRuns.Id(i % 2 == 0 ? "Serial" : "WhenAll", 1 + i))];

    /// <summary>Wall time with <paramref name="wallSpread"/> between runs, CPU time with <paramref name="cpuSpread"/>; benchmark 4's CPU × <paramref name="cpuFactor"/>.</summary>
    private static BenchmarkRun Run(int night, Random random, double wallSpread, double cpuSpread, double cpuFactor = 1) =>
        SyntheticRuns.Night(night, Ids.Select((id, b) =>
            SyntheticRuns.Launched(
                id,
                1_000_000 * Math.Exp(wallSpread * SyntheticRuns.Normal(random)),
                random,
                launchSpread: wallSpread,
                cpuNs: 200_000 * Math.Exp(cpuSpread * SyntheticRuns.Normal(random)) * (b == 4 ? cpuFactor : 1))));

    [Fact]
    public void Cpu_Should_Gate_WhereItIsQuieterThanWallTime()
    {
        var random = new Random(81);

        var comparison = Gate.Compare(Run(0, random, wallSpread: 0.15, cpuSpread: 0.01), Run(1, random, wallSpread: 0.15, cpuSpread: 0.01, cpuFactor: 1.30), Default);

        var cpu = comparison.Compared.Single(c => c.Id == Ids[4]);
        Assert.False(cpu.Gateable); // wall time is too noisy at 15 %
        Assert.True(cpu.Cpu!.Quieter);
        Assert.True(cpu.Cpu.Gated);
        Assert.Equal(TimeChange.Slower, cpu.Cpu.Change);
        Assert.True(cpu.CpuRegressed);
        Assert.True(comparison.HasRegression);
        Assert.Contains("## CPU time per operation", GateReport.Markdown(comparison), StringComparison.Ordinal);
    }

    [Fact]
    public void Cpu_Should_BeReportedButNotGate_WhereItIsNoisierThanWallTime()
    {
        var random = new Random(82);

        var comparison = Gate.Compare(Run(0, random, wallSpread: 0.005, cpuSpread: 0.20), Run(1, random, wallSpread: 0.005, cpuSpread: 0.20, cpuFactor: 1.30), Default);

        Assert.All(comparison.Compared, c => Assert.False(c.Cpu!.Quieter));
        Assert.All(comparison.Compared, c => Assert.False(c.Cpu!.Gated));
        Assert.DoesNotContain(comparison.Compared, c => c.CpuRegressed);
        Assert.False(comparison.HasRegression);
    }

    [Fact]
    public void Cpu_Should_BeTheGeometricMeanOfItsLaunches_WhenTheRunKeptEach()
    {
        // A run merged from passes keeps each process's CPU time; BenchmarkDotNet's own report has the last launch's only.
        var random = new Random(83);
        BenchmarkRun Night(int night, double[] cpuNs) => SyntheticRuns.Night(night, [SyntheticRuns.WithLaunchCounts(
            SyntheticRuns.Launched(Ids[0], 1_000_000, random, launches: cpuNs.Length, cpuNs: cpuNs[^1]), [.. cpuNs.Select(_ => 4096.0)], cpuNs: cpuNs)]);

        var comparison = Gate.Compare(Night(0, [100_000, 400_000]), Night(1, [200_000, 800_000]), Default);

        var cpu = Assert.Single(comparison.Compared).Cpu!;
        Assert.Equal(1.0, cpu.BaseNs / 200_000, 9);
        Assert.Equal(1.0, cpu.DiffNs / 400_000, 9);
        Assert.Equal(2.0, cpu.Ratio, 9);
    }
}
