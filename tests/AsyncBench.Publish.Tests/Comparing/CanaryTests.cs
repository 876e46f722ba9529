using AsyncBench.Publishing.Comparing;
using AsyncBench.Publishing.Reading;

namespace AsyncBench.Publish.Tests;

/// <summary>
/// The run-wide decision with canaries: a machine that slowed everything (canaries too) is taken out and
/// named; a run that slowed while its canaries stayed quiet is the platform's or the code's, a regression.
/// </summary>
public class CanaryTests
{
    private static readonly GateOptions Default = new();

    private static readonly IReadOnlyList<BenchmarkId> Plain =
        [.. Enumerable.Range(0, 30).Select(i => SyntheticRuns.Id(i % 2 == 0 ? "Serial" : "WhenAll", 1 + i))];

    private static readonly IReadOnlyList<BenchmarkId> Canaries =
        [SyntheticRuns.CanaryId("Cpu"), SyntheticRuns.CanaryId("Memory"), SyntheticRuns.CanaryId("Syscall"), SyntheticRuns.CanaryId("Loopback")];

    private static readonly IReadOnlyList<BenchmarkId> All = [.. Plain, .. Canaries];

    private static readonly RunDeclarations Declared = SyntheticRuns.Declared(All, Canaries);

    /// <summary>A run where plain benchmarks are × <paramref name="plain"/> and canaries × <paramref name="canary"/>; 1 % between-run, 1 % launch spread.</summary>
    private static BenchmarkRun Run(int night, Random random, double plain = 1, double canary = 1) =>
        GateTests.Night(night, random, drift: 0, ownSpread: _ => 0.01, launchSpread: 0.01, ids: All, declarations: Declared,
            factor: b => b < Plain.Count ? plain : canary);

    [Fact]
    public void Canaries_Should_NameASlowerMachine_AndTakeItsShiftOut()
    {
        var random = new Random(61);
        var comparison = Gate.Compare(Run(0, random), Run(1, random, plain: 1.20, canary: 1.20), Default);

        var wide = comparison.RunWide!;
        Assert.Equal(ShiftCause.Machine, wide.Cause);
        Assert.True(wide.CanariesMoved);
        Assert.InRange(wide.CanaryRatio!.Value, 1.15, 1.25);
        Assert.Empty(comparison.Slower);
        Assert.False(comparison.HasRegression);
        Assert.Equal(Canaries.Count, comparison.Canaries.Count);
        Assert.Contains("**the machine was 2", GateReport.Markdown(comparison), StringComparison.Ordinal);
    }

    [Fact]
    public void Canaries_Should_CallARunWideSlowdownWithQuietCanaries_ARegression()
    {
        var random = new Random(62);
        var comparison = Gate.Compare(Run(0, random), Run(1, random, plain: 1.20), Default);

        var wide = comparison.RunWide!;
        Assert.Equal(ShiftCause.Code, wide.Cause);
        Assert.False(wide.CanariesMoved);
        Assert.Equal(0, wide.TakenOutLog);
        Assert.True(comparison.RunWideSlower);
        Assert.True(comparison.HasRegression);
        Assert.True(comparison.Slower.Count >= 0.9 * comparison.Judged.Count(c => c.Gateable), $"{comparison.Slower.Count} slower");
        Assert.Contains("A run-wide slowdown with quiet canaries is a regression", GateReport.Markdown(comparison), StringComparison.Ordinal);
    }

    [Fact]
    public void Canaries_Should_TakeOutOnlyTheMachinesPart_WhenTheRunMovedMoreThanTheCanaries()
    {
        // The machine 10 % slower (canaries), the run 35 % slower: 10 % is taken out, the rest is the code's.
        var random = new Random(63);
        var comparison = Gate.Compare(Run(0, random), Run(1, random, plain: 1.35, canary: 1.10), Default);

        var wide = comparison.RunWide!;
        Assert.Equal(ShiftCause.Code, wide.Cause);
        Assert.True(wide.CanariesMoved);
        Assert.InRange(Math.Exp(wide.TakenOutLog), 1.07, 1.13);
        Assert.InRange(Math.Exp(wide.RunChangeLog), 1.18, 1.28);
        Assert.True(comparison.HasRegression);
        Assert.All(comparison.Slower, c => Assert.InRange(c.OwnRatio!.Value, 1.15, 1.32));
    }

    [Fact]
    public void CanariesFasterThanTheRun_Should_BeTheMachine_NotACodeSlowdown()
    {
        // Measured (A/A, two whole-suite nights of one commit): CPU canaries 11.8 % faster, the run 3.5 % faster.
        // I/O-bound benchmarks feel a faster CPU less; "run − canaries" must not call them slower.
        var random = new Random(65);
        var comparison = Gate.Compare(Run(0, random), Run(1, random, plain: 0.965, canary: 0.88), Default);

        var wide = comparison.RunWide!;
        Assert.Equal(ShiftCause.Machine, wide.Cause);
        Assert.True(wide.CanariesMoved);
        Assert.InRange(Math.Exp(wide.TakenOutLog), 0.94, 0.99);
        Assert.Empty(comparison.Slower);
        Assert.False(comparison.HasRegression);
    }

    [Fact]
    public void CanariesSlowerThanTheRun_Should_BeTheMachine_NotACodeSpeedup()
    {
        var random = new Random(66);
        var comparison = Gate.Compare(Run(0, random), Run(1, random, plain: 1.03, canary: 1.15), Default);

        Assert.Equal(ShiftCause.Machine, comparison.RunWide!.Cause);
        Assert.Empty(comparison.Faster);
        Assert.False(comparison.HasRegression);
    }

    [Fact]
    public void Canaries_Should_NotFailAnAAPair()
    {
        var random = new Random(64);
        var comparison = Gate.Compare(Run(0, random), Run(1, random), Default);

        Assert.Equal(ShiftCause.Machine, comparison.RunWide!.Cause);
        Assert.False(comparison.RunWide.CanariesMoved);
        Assert.False(comparison.HasRegression);
        Assert.Contains("agree within noise", GateReport.Markdown(comparison), StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutCanaries_Should_SaySo_AndKeepALargeRunWideShift()
    {
        // The case: every benchmark 25 % slower, no canaries, no history. It used to pass as drift.
        var random = new Random(65);
        var baseRun = GateTests.Night(0, random, drift: 0, ownSpread: _ => 0.05, launchSpread: 0.05, ids: Plain);
        var slower = GateTests.Night(1, random, drift: 0, ownSpread: _ => 0.05, launchSpread: 0.05, ids: Plain, factor: _ => 1.25);

        var comparison = Gate.Compare(baseRun, slower, Default);

        Assert.Equal(ShiftCause.Unattributed, comparison.RunWide!.Cause);
        Assert.True(comparison.RunWideSlower);
        Assert.True(comparison.HasRegression);
        Assert.Contains("No canaries in this run", GateReport.Markdown(comparison), StringComparison.Ordinal);
    }
}
