using AsyncBench.Publishing.Paired;
using static AsyncBench.Publish.Tests.PairedNights;

namespace AsyncBench.Publish.Tests;

/// <summary>
/// The rule run through whole simulated nights: resampled A/A nights keep the false-alarm rate under its goal, a night
/// drawn from pairs with a real difference shows it, and the power falls as the paired spread grows. Seeded: no timing.
/// </summary>
public sealed class PairedSimulationTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    /// <summary>Two A/A nights of 30 cases in three classes (spreads 1 %, 3 %, 8 %), four slots each; <paramref name="drift"/> moves head of every case.</summary>
    private List<PairedNight> AaNights(double drift = 1.0)
    {
        var cases = Class("QuietBenchmarks", 10).Concat(Class("MiddleBenchmarks", 10)).Concat(Class("NoisyBenchmarks", 10)).ToList();
        var random = new Random(8);
        double Sigma(PairedCase c) => c.Id.Type switch { "QuietBenchmarks" => 0.01, "MiddleBenchmarks" => 0.03, _ => 0.08 };
        return [.. new[] { "aa1", "aa2" }.Select(name => NightReader.Read(
            new Folder(temp.Sub(name), "same", "same").Round(cases, 4, (c, slot) => (1000.0, 1000.0 * drift * Math.Exp(Sigma(c) * SyntheticRuns.Normal(random)))).Write()))];
    }

    [Fact]
    public void AaRate_Should_StayUnderFivePercent_OnResampledAaPairs()
    {
        var rate = FalseAlarmRate.Estimate(AaNights(), null, AaResample.Pairs, new NightProcedure(3, 3, null), 200, 1, 15, 3);

        Assert.Equal(200, rate.Nights);
        Assert.InRange(rate.Rate, 0, 0.05);
        Assert.True(rate.Lower <= rate.Rate && rate.Rate <= rate.Upper);
        Assert.InRange(rate.RoundsPerNight, 1, 3);
        Assert.Equal(rate.Failed, FalseAlarmRate.Estimate(AaNights(), null, AaResample.Pairs, new NightProcedure(3, 3, null), 200, 1, 15, 3).Failed);
        Assert.Contains("Goal: at most 5 %", AaRateReport.Markdown(rate), StringComparison.Ordinal);
    }

    [Fact]
    public void AaRate_Should_FailNights_WhenThePairsHoldARealDifference()
    {
        // Every case 30 % slower in "A/A" nights built from mismatched runs: resampling its own pairs keeps the difference.
        var rate = FalseAlarmRate.Estimate(AaNights(drift: 1.3), null, AaResample.Pairs, new NightProcedure(3, 3, null), 20, 1, 15, 3);
        var residuals = FalseAlarmRate.Estimate(AaNights(drift: 1.3), null, AaResample.Residuals, new NightProcedure(3, 3, null), 20, 1, 15, 3);
        var caseResiduals = FalseAlarmRate.Estimate(AaNights(drift: 1.3), null, AaResample.CaseResiduals, new NightProcedure(3, 3, null), 20, 1, 15, 3);

        Assert.Equal(1.0, rate.Rate);
        Assert.True(residuals.Rate <= 0.05);
        Assert.True(caseResiduals.Rate <= 0.05);
        Assert.Contains("each case's own residuals", AaRateReport.Markdown(caseResiduals), StringComparison.Ordinal);
    }

    [Fact]
    public void Pools_Should_DrawEachCasesOwnResiduals_OrItsClasssPooled_OrItsOwnPairs()
    {
        // One class: three quiet cases (1 %), three noisy ones (8 %), every head 10 % slower (a real difference between builds).
        var cases = Class("MixedBenchmarks", 6);
        var random = new Random(9);
        double Sigma(PairedCase c) => cases.IndexOf(c) < 3 ? 0.01 : 0.08;
        List<PairedNight> nights = [.. new[] { "aa1", "aa2" }.Select(name => NightReader.Read(
            new Folder(temp.Sub(name), "same", "same").Round(cases, 4, (c, slot) => (1000.0, 1100.0 * Math.Exp(Sigma(c) * SyntheticRuns.Normal(random)))).Write()))];
        static double Variance(IReadOnlyList<double> pool) => pool.Average(v => v * v) - Math.Pow(pool.Average(), 2);

        var pairs = FalseAlarmRate.Pools(nights, AaResample.Pairs);
        var own = FalseAlarmRate.Pools(nights, AaResample.CaseResiduals);
        var pooled = FalseAlarmRate.Pools(nights, AaResample.Residuals);

        Assert.All(cases, c => Assert.Equal(8, pairs[c].Count));
        Assert.All(cases, c => Assert.InRange(pairs[c].Average(), Math.Log(1.1) - (2 * Sigma(c)), Math.Log(1.1) + (2 * Sigma(c))));
        Assert.All(cases, c => Assert.Equal(0, own[c].Average(), 12));
        Assert.True(cases.Skip(3).Min(c => Variance(own[c])) > 10 * cases.Take(3).Max(c => Variance(own[c])));
        Assert.All(cases, c => Assert.Same(pooled[cases[0]], pooled[c]));
        Assert.Equal(48, pooled[cases[0]].Count);
    }

    [Fact]
    public void Wilson_Should_GiveTheKnownInterval()
    {
        var (lower, upper) = FalseAlarmRate.Wilson(0, 100);

        Assert.Equal(0, lower, 9);
        Assert.Equal(0.037, upper, 3);
    }

    [Fact]
    public void Power_Should_FallAsTheSpreadGrows_AndFlagNothingElse()
    {
        var table = PairedPower.Table([2, 12], [3], [15], cases: 40, slowed: 4, classSize: 10, nightsPerCell: 10, groupDegreesOfFreedom: null, rounds: 3, budget: null, thresholdPercent: 15, minimumEffectPercent: 3, seed: 1);

        var quiet = table.Cells.Single(c => c.SpreadPercent == 2);
        var noisy = table.Cells.Single(c => c.SpreadPercent == 12);
        Assert.True(quiet.Power >= 0.9);
        Assert.True(noisy.Power < quiet.Power);
        Assert.Equal(0, quiet.OtherFlaggedPerNight);
        Assert.Contains("## Slowed by 15%", PowerReport.Markdown(table), StringComparison.Ordinal);
    }

    [Fact]
    public void Power_WithABudget_Should_SpendNoMorePairsThanItAllows_AndSayIt()
    {
        // 40 cases with 2 first-round pairs each: 80 pairs; a budget of 10 more leaves at most 90 a night.
        var free = PairedPower.Table([12], [2], [15], cases: 40, slowed: 8, classSize: 10, nightsPerCell: 10, groupDegreesOfFreedom: null, rounds: 4, budget: null, thresholdPercent: 15, minimumEffectPercent: 3, seed: 1);
        var budgeted = PairedPower.Table([12], [2], [15], cases: 40, slowed: 8, classSize: 10, nightsPerCell: 10, groupDegreesOfFreedom: null, rounds: 4, budget: 10, thresholdPercent: 15, minimumEffectPercent: 3, seed: 1);

        Assert.True(budgeted.Cells.Single().PairsPerCase <= 90 / 40.0);
        Assert.True(free.Cells.Single().PairsPerCase > budgeted.Cells.Single().PairsPerCase);
        Assert.Contains("at most 10 pairs in all after the first round", PowerReport.Markdown(budgeted), StringComparison.Ordinal);
        Assert.DoesNotContain("pairs in all after the first round", PowerReport.Markdown(free), StringComparison.Ordinal);
    }

    [Fact]
    public void PowerVerb_Should_TakeANightsBudget_AndRefuseABadOne()
    {
        var (exit, output, _) = PublishCli.Run("paired-power", "--spreads", "12", "--pairs", "2", "--effects", "15", "--cases", "20", "--slowed", "2", "--nights", "2", "--budget", "5");
        Assert.Equal(0, exit);
        Assert.Contains("at most 5 pairs in all after the first round", output, StringComparison.Ordinal);

        var (badExit, badOutput, error) = PublishCli.Run("paired-power", "--budget", "some");
        Assert.Equal(2, badExit);
        Assert.Empty(badOutput);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains("--budget", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }
}
