using AsyncBench.Publishing.Comparing;
using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publish.Tests;

/// <summary>
/// The nightly gate on a simulated machine: 40 benchmarks, nights whose whole run is off by a run-wide
/// offset (the machine's drift), each benchmark off by its own run-to-run spread, each run made of five
/// launches that differ by 2 %. Fixed seeds: every test run sees the same numbers.
/// </summary>
public class GateTests
{
    private static readonly GateOptions Default = new();

    private static readonly IReadOnlyList<BenchmarkId> Ids =
        [.. Enumerable.Range(0, 40).Select(i => SyntheticRuns.Id(i % 2 == 0 ? "Serial" : "WhenAll", 1 + i))];

    /// <summary>One night: run-wide offset × each benchmark's own deviation × <paramref name="factor"/> (the change under test).</summary>
    internal static BenchmarkRun Night(int night, Random random, double drift = 0.02, Func<int, double>? ownSpread = null, Func<int, double>? factor = null, double launchSpread = 0.02, IReadOnlyList<BenchmarkId>? ids = null, RunDeclarations? declarations = null)
    {
        var offset = drift * SyntheticRuns.Normal(random);
        return SyntheticRuns.Night(night, (ids ?? Ids).Select((id, b) =>
            SyntheticRuns.Launched(
                id,
                (1_000_000 + (50_000 * b)) * Math.Exp(offset + ((ownSpread?.Invoke(b) ?? 0.015) * SyntheticRuns.Normal(random))) * (factor?.Invoke(b) ?? 1),
                random,
                launchSpread: launchSpread)), declarations);
    }

    private static List<BenchmarkRun> History(Random random, int nights = 8, double drift = 0.02, Func<int, double>? ownSpread = null) =>
        [.. Enumerable.Range(0, nights).Select(n => Night(n, random, drift, ownSpread))];

    [Fact]
    public void Gate_Should_PassAnAATest_WithRealisticBetweenRunSpread()
    {
        var random = new Random(41);
        var history = History(random);
        var today = Night(8, random);

        var comparison = Gate.Compare(history[^1], today, Default, history);

        Assert.All(comparison.Compared, c => Assert.Equal(NoiseBasis.History, c.Noise!.Basis));
        Assert.True(comparison.NotGateable.Count < Ids.Count / 4, $"{comparison.NotGateable.Count} of {Ids.Count} not gateable: the test's spread is meant to be gateable");
        Assert.Empty(comparison.Slower);
        Assert.Empty(comparison.Faster);
        Assert.False(comparison.RunWideSlower);
        Assert.False(comparison.HasRegression);
    }

    [Fact]
    public void Gate_Should_FailARunThatIsSlowerAsAWhole_EvenWhenEachBenchmarkIsTooNoisyToGate()
    {
        // Every benchmark's own spread is 10 %: none gateable at 15 %, but the median over 40 moves little.
        var random = new Random(49);
        var baseRun = Night(0, random, ownSpread: _ => 0.10, launchSpread: 0.10);
        var same = Night(1, random, ownSpread: _ => 0.10, launchSpread: 0.10);
        var slower = Night(2, random, ownSpread: _ => 0.10, launchSpread: 0.10, factor: _ => 1.25);

        var aa = Gate.Compare(baseRun, same, Default);
        var shifted = Gate.Compare(baseRun, slower, Default);

        Assert.Equal(Ids.Count, aa.NotGateable.Count);
        Assert.False(aa.HasRegression);
        Assert.Equal(Ids.Count, shifted.NotGateable.Count);
        Assert.Equal(ShiftCause.Unattributed, shifted.RunWide!.Cause);
        Assert.True(shifted.RunWideSlower);
        Assert.True(shifted.HasRegression);
    }

    [Fact]
    public void Gate_Should_FlagOneBenchmarksOwn25PercentSlowdown()
    {
        var random = new Random(42);
        var history = History(random);
        var today = Night(8, random, factor: b => b == 3 ? 1.25 : 1);

        var comparison = Gate.Compare(history[^1], today, Default, history);

        var slower = Assert.Single(comparison.Slower);
        Assert.Equal(Ids[3], slower.Id);
        Assert.InRange(slower.OwnRatio!.Value, 1.15, 1.35);
        Assert.True(comparison.RunWide!.IsDrift);
        Assert.True(comparison.HasRegression);
        Assert.Contains("## Slower", GateReport.Markdown(comparison), StringComparison.Ordinal);
    }

    [Fact]
    public void Gate_Should_FlagARunWide25PercentSlowdown_AsAChangeOfTheWholeRun()
    {
        var random = new Random(43);
        var history = History(random);
        var today = Night(8, random, factor: _ => 1.25);

        var comparison = Gate.Compare(history[^1], today, Default, history);

        var gateable = comparison.Compared.Count(c => c.Gateable);
        Assert.True(gateable > 0);
        Assert.True(comparison.Slower.Count >= 0.9 * gateable, $"{comparison.Slower.Count} of {gateable} gateable flagged");
        Assert.False(comparison.RunWide!.IsDrift);
        Assert.True(comparison.RunWideSlower);
        Assert.InRange(comparison.RunWide.Ratio, 1.15, 1.35);
        Assert.True(comparison.HasRegression);
        Assert.Contains("a change of the whole run", GateReport.Markdown(comparison), StringComparison.Ordinal);
    }

    [Fact]
    public void Gate_Should_TakeTheMachinesDriftOut_AndStillSeeOneBenchmarksOwnShift()
    {
        // A machine whose nights differ by ±6 % as a whole: tonight everything is 14 % slower (drift,
        // within its band), and benchmark 7 is 25 % slower on top of that.
        var random = new Random(44);
        var history = History(random, drift: 0.06);
        var today = Night(8, random, drift: 0, factor: b => 1.14 * (b == 7 ? 1.25 : 1));

        var comparison = Gate.Compare(history[^1], today, Default, history);

        Assert.Equal(ShiftCause.Drift, comparison.RunWide!.Cause);
        var slower = Assert.Single(comparison.Slower);
        Assert.Equal(Ids[7], slower.Id);
        Assert.InRange(slower.OwnRatio!.Value, 1.15, 1.35);
    }

    [Fact]
    public void Gate_Should_ListABenchmarkWithANoisyHistory_AsNotGateable_WithItsSpread()
    {
        var random = new Random(45);
        Func<int, double> spread = b => b == 5 ? 0.15 : 0.015;
        var history = History(random, ownSpread: spread);
        var today = Night(8, random, ownSpread: spread, factor: b => b == 5 ? 1.25 : 1);

        var comparison = Gate.Compare(history[^1], today, Default, history);

        var noisy = Assert.Single(comparison.NotGateable, c => c.Id == Ids[5]);
        Assert.InRange(noisy.Noise!.RunSpreadPercent, 7, 30);
        Assert.True(noisy.Power(Default.ThresholdPercent) < FlagRule.RequiredPower);
        Assert.DoesNotContain(comparison.Slower, c => c.Id == Ids[5]);
        Assert.False(comparison.HasRegression);
        var markdown = GateReport.Markdown(comparison);
        Assert.Contains("## Not gateable at 15 %", markdown, StringComparison.Ordinal);
        Assert.Contains(Ids[5].Key, markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Gate_Should_FallBackToTheStatedRule_WithTooLittleHistory()
    {
        var random = new Random(46);
        var history = History(random, nights: HistoryModel.MinHistoryRuns - 2);
        var today = Night(HistoryModel.MinHistoryRuns, random);

        var comparison = Gate.Compare(history[^1], today, Default, history);

        Assert.All(comparison.Compared, c => Assert.Equal(NoiseBasis.Launches, c.Noise!.Basis));
        Assert.Null(comparison.RunWide!.Drift);
        Assert.Equal(ShiftCause.Drift, comparison.RunWide.Cause);
        Assert.Equal(Default.FloorLog, comparison.RunWide.BandLog, 6);
        Assert.False(comparison.HasRegression);
        Assert.Contains("by the fallback", GateReport.Markdown(comparison), StringComparison.Ordinal);
        Assert.Contains("No canaries in this run", GateReport.Markdown(comparison), StringComparison.Ordinal);
    }

    [Fact]
    public void Gate_Should_FlagA25PercentShift_InTheFallback()
    {
        var random = new Random(47);
        var baseRun = Night(0, random, ownSpread: _ => 0.005, launchSpread: 0.01);
        var today = Night(1, random, ownSpread: _ => 0.005, launchSpread: 0.01, factor: b => b == 3 ? 1.25 : 1);

        var comparison = Gate.Compare(baseRun, today, Default);

        var slower = Assert.Single(comparison.Slower);
        Assert.Equal(Ids[3], slower.Id);
        Assert.Equal(NoiseBasis.Launches, slower.Noise!.Basis);
        Assert.True(comparison.HasRegression);
    }

    [Fact]
    public void Gate_Should_CalibrateTheFallbacksBetweenRunComponent_WhenRunsDifferMoreThanTheirLaunches()
    {
        // Launches agree within 1 %, but each benchmark's run value moves by 8 % from run to run: the
        // launches alone (σ ÷ √5) would call most of these A/A differences changes.
        var random = new Random(50);
        var baseRun = Night(0, random, drift: 0, ownSpread: _ => 0.08, launchSpread: 0.01);
        var today = Night(1, random, drift: 0, ownSpread: _ => 0.08, launchSpread: 0.01);

        var comparison = Gate.Compare(baseRun, today, Default);

        var calibration = Assert.Single(comparison.Calibrations);
        Assert.True(calibration.Factor / calibration.LaunchOnlyFactor > 9, $"factor {calibration.Factor} against {calibration.LaunchOnlyFactor}");
        Assert.Empty(comparison.Slower);
        Assert.Empty(comparison.Faster);
        Assert.All(comparison.Compared, c => Assert.NotEqual(TimeChange.Slower, c.Time));
        Assert.False(comparison.HasRegression);
        Assert.Contains("## Fallback calibration", GateReport.Markdown(comparison), StringComparison.Ordinal);
    }

    [Fact]
    public void Gate_Should_NotCallAShiftBelowThePracticalFloor_AChange_EvenWhenItIsPastTheNoise()
    {
        // 4 % slower, clearly past a 0.5 % spread, but under the floor (half of 15 %).
        var random = new Random(48);
        var history = History(random, drift: 0.005, ownSpread: _ => 0.005);
        var today = Night(8, random, drift: 0, ownSpread: _ => 0.005, factor: b => b == 2 ? 1.04 : 1);

        var comparison = Gate.Compare(history[^1], today, Default, history);

        Assert.Empty(comparison.Slower);
        Assert.False(comparison.HasRegression);
    }

    [Fact]
    public void Gate_Should_FlagAShiftBelowTheThreshold_ButPastTheFloorAndTheNoise()
    {
        // 10 % slower with a 0.5 % spread: under the 15 % threshold, past the 7.5 % floor. A rule that needed
        // the observed change to exceed the threshold would let half of all true 15 % slowdowns through.
        var random = new Random(51);
        var history = History(random, drift: 0.005, ownSpread: _ => 0.005);
        var today = Night(8, random, drift: 0, ownSpread: _ => 0.005, factor: b => b == 2 ? 1.10 : 1);

        var comparison = Gate.Compare(history[^1], today, Default, history);

        Assert.Equal(Ids[2], Assert.Single(comparison.Slower).Id);
    }

    [Fact]
    public void Gate_Should_CallAFasterBenchmarkFaster_WithoutFailingTheRun()
    {
        var random = new Random(52);
        var history = History(random);
        var today = Night(8, random, factor: b => b == 9 ? 0.75 : 1);

        var comparison = Gate.Compare(history[^1], today, Default, history);

        Assert.Equal(Ids[9], Assert.Single(comparison.Faster).Id);
        Assert.Empty(comparison.Slower);
        Assert.False(comparison.HasRegression);
        Assert.Contains("## Faster", GateReport.Markdown(comparison), StringComparison.Ordinal);
    }

    [Fact]
    public void Gate_Should_CallABenchmarkWithoutAnySpreadUntestable()
    {
        // One launch of one measurement on each side: no spread, no history.
        var id = SyntheticRuns.Id("Serial", 7);
        var one = (double ns) => new BenchmarkResult(id, new TimeStatistics(ns, ns, 0, ns, ns, 99.9, 1), 0, 0, 0, [ns]) { FullName = id.Key };

        var comparison = Gate.Compare(SyntheticRuns.Run("base", one(1_000_000)), SyntheticRuns.Run("diff", one(1_300_000)), Default);

        var compared = Assert.Single(comparison.Compared);
        Assert.Equal(TimeChange.Untestable, compared.Time);
        Assert.False(compared.Gateable);
        Assert.False(comparison.HasRegression);
        Assert.Contains("| untestable (no spread to judge by) | 1 |", GateReport.Markdown(comparison), StringComparison.Ordinal);
    }

    [Fact]
    public void Gate_Should_ReportTheHistorysGateableShare_AgainstTheFallbackOnTheSameRuns()
    {
        // Between-run spread 4 %, launches 1 %: the history sees it as it is; the fallback calibrates to it.
        var random = new Random(53);
        var history = History(random, nights: 12, ownSpread: _ => 0.02);
        var today = Night(12, random, ownSpread: _ => 0.02);

        var comparison = Gate.Compare(history[^1], today, Default, history);

        Assert.NotNull(comparison.FallbackShare);
        Assert.Equal(Ids.Count, comparison.Share.Benchmarks);
        Assert.Equal(Ids.Count, comparison.FallbackShare.Benchmarks);
        var markdown = GateReport.Markdown(comparison);
        Assert.Contains("| history | 40 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| fallback (the same two runs, no history) | 40 |", markdown, StringComparison.Ordinal);
    }
}
