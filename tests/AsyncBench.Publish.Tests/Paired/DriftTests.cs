using AsyncBench.Publishing;
using AsyncBench.Publishing.Paired;
using static AsyncBench.Publish.Tests.PairedNights;
using static AsyncBench.Publish.Tests.PublishCli;

namespace AsyncBench.Publish.Tests;

/// <summary>Drift over head ÷ anchor series: a sustained shift found with the night it began, none on a flat series, a re-pinned anchor starting a new series, and the simulation.</summary>
public sealed class DriftTests : IDisposable
{
    private readonly TempFolder temp = new();

    private static readonly List<PairedCase> Cases = [Case("SteadyBenchmarks", 1), Case("SteadyBenchmarks", 2)];

    public void Dispose() => temp.Dispose();

    /// <summary>
    /// Thirty nights, each with a head-base round and a head-anchor round of two slots; head ÷ anchor of case Count=1 is
    /// × <paramref name="shift"/> from night <paramref name="from"/> on, every value with 1 % noise.
    /// </summary>
    private string Nights(double shift, int from, string anchor = "anchor01", Func<int, string>? anchorOf = null)
    {
        var random = new Random(3);
        var root = temp.Sub("nights");
        for (var night = 1; night <= 30; night++)
        {
            var n = night;
            new Folder(temp.Sub($"nights/night-{n:00}")) { Anchor = anchorOf?.Invoke(n) ?? anchor, Started = $"2026-11-{n:00}T04:00:00Z" }
                .Round(Cases, 2, (c, slot) => (1000.0, 1000.0))
                .Round(Cases, 2, (c, slot) => (1000.0, 1000.0 * Math.Exp(0.01 * SyntheticRuns.Normal(random)) * (c == Cases[0] && n >= from ? shift : 1)), pairs: PairedManifest.HeadAnchor)
                .Write();
        }

        return root;
    }

    [Fact]
    public void Drift_Should_FindASustainedShift_WithTheNightItBegan_AndNoneOnAFlatSeries()
    {
        var nights = Drift.NightFolders([Nights(1.05, 15)]).Select(NightReader.Read).ToList();

        var drift = Drift.Detect(nights, DriftDetector.Default);

        var shift = Assert.Single(drift.Shifts);
        Assert.Equal(Cases[0], shift.Series.Case);
        Assert.Equal("night-15", shift.Night);
        Assert.InRange(Math.Exp(shift.SizeLog), 1.03, 1.07);
        Assert.Equal(2, drift.Series.Count);
        Assert.All(drift.Series, s => Assert.Equal(30, s.Points.Count));
        Assert.Contains("| began on night |", DriftReport.Markdown(drift), StringComparison.Ordinal);
    }

    [Fact]
    public void Drift_Should_ReportNoShift_OnFlatSeries()
    {
        var (exit, markdown, _) = Run("drift", Nights(1.0, 99));

        Assert.Equal(0, exit);
        Assert.Contains("**No shift found.**", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Series_Should_StartAfresh_WhenTheAnchorIsRepinned()
    {
        var nights = Drift.NightFolders([Nights(1.0, 99, anchorOf: n => n <= 10 ? "old-anchor" : "new-anchor")]).Select(NightReader.Read).ToList();

        var series = Drift.Series(nights);

        Assert.Equal(4, series.Count);
        Assert.Equal([10, 20], series.Where(s => s.Case == Cases[0]).Select(s => s.Points.Count).Order());
    }

    [Fact]
    public void Drift_Should_RefuseNightsWithoutAnAnchorRound()
    {
        var night = new Folder(temp.Sub("plain")).Round(Cases, 2, (c, slot) => (1000.0, 1000.0)).Write();

        var error = Assert.Throws<PublishException>(() => Drift.Detect([NightReader.Read(night)], DriftDetector.Default));

        Assert.Contains("has a head-anchor round", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulation_Should_FindAFivePercentShift_InQuietSeries_AndChooseADetectorWithoutFalseShifts()
    {
        var nights = Drift.NightFolders([Nights(1.0, 99)]).Select(NightReader.Read).ToList();

        var result = DriftSimulation.Run(nights, shiftPercent: 5, start: 15, length: 30, pairsPerNight: 2, seriesPerWorkload: 5, seed: 1);

        var chosen = result.Chosen;
        Assert.NotNull(chosen);
        Assert.All(result.Trials.Where(t => t.Detector == chosen), t => Assert.Equal(0, t.FalseShiftSeries));
        Assert.All(result.Trials.Where(t => t.Detector == chosen), t => Assert.Equal(t.Series, t.FoundInTime));
        Assert.Contains("**Chosen:**", DriftSimulationReport.Markdown(result), StringComparison.Ordinal);
    }

    // As the machine's A/A nights are: head-base rounds of two slots and an anchor round of one, which gives no case two
    // head-anchor pairs in a night. The series are drawn from the head-base pairs (same code on both sides) instead.
    [Fact]
    public void Simulation_Should_DrawFromTheAaNightsHeadBasePairs_WhenTheAnchorRoundsGiveOnePairACase()
    {
        var random = new Random(5);
        for (var night = 1; night <= 3; night++)
        {
            new Folder(temp.Sub($"aa/night-{night}"), "same0001", "same0001") { Anchor = "anchor01", Started = $"2026-11-0{night}T04:00:00Z" }
                .Round(Cases, 2, (c, slot) => (1000.0, 1000.0 * Math.Exp(0.01 * SyntheticRuns.Normal(random))))
                .Round(Cases, 1, (c, slot) => (1000.0, 1000.0), pairs: PairedManifest.HeadAnchor)
                .Write();
        }

        var nights = Drift.NightFolders([temp.Sub("aa")]).Select(NightReader.Read).ToList();

        var result = DriftSimulation.Run(nights, shiftPercent: 5, start: 15, length: 30, pairsPerNight: 2, seriesPerWorkload: 5, seed: 1);

        Assert.Equal("the A/A nights' head-base pairs", result.Source);
        Assert.All(result.Trials, t => Assert.Equal(5, t.Series));
        Assert.InRange(result.Trials[0].NightSigmaLog, 0.002, 0.02);
    }

    [Fact]
    public void Simulation_Should_RefuseANightThatIsNeitherAaNorAnchored()
    {
        var night = new Folder(temp.Sub("plain")).Round(Cases, 2, (c, slot) => (1000.0, 1000.0)).Write();

        var error = Assert.Throws<PublishException>(() => DriftSimulation.Run([NightReader.Read(night)], 5, 15, 30, 2, 5, 1));

        Assert.Contains("is not an A/A night", error.Message, StringComparison.Ordinal);
    }
}
