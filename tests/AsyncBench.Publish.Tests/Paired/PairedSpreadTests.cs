using AsyncBench.Publishing;
using AsyncBench.Publishing.Paired;
using static AsyncBench.Publish.Tests.PairedNights;

namespace AsyncBench.Publish.Tests;

/// <summary>The moderated paired spread: its special functions, its fit of how alike a class's cases are, and the A/A prior it learns from and lends.</summary>
public sealed class PairedSpreadTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void SpecialFunctions_Should_MatchKnownValues()
    {
        // ψ(1) = −γ, ψ′(1) = π²/6, ψ(½) = −γ − 2 ln 2.
        Assert.Equal(-0.5772156649, ModeratedVariance.Digamma(1), 8);
        Assert.Equal(-0.5772156649 - (2 * Math.Log(2)), ModeratedVariance.Digamma(0.5), 8);
        Assert.Equal(Math.PI * Math.PI / 6, ModeratedVariance.Trigamma(1), 8);
        Assert.Equal(2.5, ModeratedVariance.InverseTrigamma(ModeratedVariance.Trigamma(2.5)), 6);
    }

    /// <summary>Per-case variances with <paramref name="df"/> each, around σ² drawn from a scaled inverse χ² with d₀ (null: one σ² for all).</summary>
    private static List<(double, double)> Variances(int cases, double df, int? d0, int seed)
    {
        var random = new Random(seed);
        double Chi(int k) => Enumerable.Range(0, k).Sum(_ => Math.Pow(SyntheticRuns.Normal(random), 2));
        return [.. Enumerable.Range(0, cases).Select(_ =>
        {
            var sigma2 = d0 is { } d ? 0.0004 * d / Chi(d) : 0.0004;
            return (sigma2 * Chi((int)df) / df, df);
        })];
    }

    [Fact]
    public void Estimate_Should_FitASmallD0_ToCasesUnlikeEachOther_AndTheCap_ToCasesAlike()
    {
        var unlike = ModeratedVariance.Estimate(Variances(2000, 4, 3, 1), 5)!;
        var alike = ModeratedVariance.Estimate(Variances(2000, 4, null, 2), 5)!;

        Assert.InRange(unlike.DegreesOfFreedom, 2, 4.5);
        Assert.True(alike.DegreesOfFreedom > 20);
        Assert.InRange(Math.Sqrt(alike.Variance), 0.018, 0.022);
        Assert.Null(ModeratedVariance.Estimate(Variances(3, 4, null, 3), 5));
    }

    [Fact]
    public void ScaleFor_Should_FindTheGroupsS0_ForAGivenD0_AsEstimateDoesForItsOwn()
    {
        // σ² of each case drawn around s₀² = 0.0004 with d₀ = 6.
        var cases = Variances(2000, 4, 6, 5);
        var fit = ModeratedVariance.Estimate(cases, 5)!;

        var scale = ModeratedVariance.ScaleFor(cases, 6, 5)!;

        Assert.Equal(6, scale.DegreesOfFreedom);
        Assert.InRange(scale.Variance, 0.00036, 0.00044);
        Assert.Equal(fit, ModeratedVariance.ScaleFor(cases, fit.DegreesOfFreedom, 5));
        Assert.Null(ModeratedVariance.ScaleFor(Variances(3, 4, null, 6), 6, 5));
    }

    [Fact]
    public void Spreads_Should_FitD0OverTheNight_AndEachClasssOwnS0()
    {
        // A quiet class (1 %) and a noisy one (8 %) of six cases each, and a class of three that borrows its workload's s₀².
        var random = new Random(7);
        List<PairedSpreads.Own> Tonight(string type, int count, double sigma) =>
            [.. Class(type, count).Select(c => new PairedSpreads.Own(c, sigma * sigma * Enumerable.Range(0, 3).Sum(_ => Math.Pow(SyntheticRuns.Normal(random), 2)), 3))];
        var night = Tonight("QuietBenchmarks", 6, 0.01).Concat(Tonight("NoisyBenchmarks", 6, 0.08)).Concat(Tonight("SmallBenchmarks", 3, 0.03)).ToList();

        var spreads = PairedSpreads.Of(night, null);

        var quiet = night.Where(o => o.Case.Id.Type == "QuietBenchmarks").Select(o => spreads[o.Case.Id]).ToList();
        var noisy = night.Where(o => o.Case.Id.Type == "NoisyBenchmarks").Select(o => spreads[o.Case.Id]).ToList();
        var small = night.Where(o => o.Case.Id.Type == "SmallBenchmarks").Select(o => spreads[o.Case.Id]).ToList();
        Assert.Equal([6, 6, 3], new[] { quiet.Count, noisy.Count, small.Count });
        Assert.All(quiet.Concat(noisy), s => Assert.Equal(SpreadLevel.Class, s.Level));
        Assert.All(small, s => Assert.Equal(SpreadLevel.Workload, s.Level));
        Assert.Single(spreads.Values.Select(s => s.GroupDegreesOfFreedom).Distinct());
        Assert.True(quiet.Max(s => s.Sigma) < 0.03);
        Assert.True(noisy.Min(s => s.Sigma) > 0.04);
    }

    [Fact]
    public void Moderate_Should_PullACaseTowardsItsGroup_ByD0()
    {
        var fit = new ModeratedVariance.Fit(0.0004, 6, 10);

        var (variance, df) = ModeratedVariance.Moderate(0.0064, 2, fit);

        Assert.Equal(((6 * 0.0004) + (2 * 0.0064)) / 8, variance, 12);
        Assert.Equal(8, df);
        Assert.Equal((0.0064, 2), ModeratedVariance.Moderate(0.0064, 2, null));
    }

    [Fact]
    public void Prior_Should_LearnEachCasesSpreadFromAaNights_AndRefuseANightThatIsNotAa()
    {
        var cases = Class("QuietBenchmarks", 6);
        var random = new Random(4);
        string AaNight(string name, string commit) =>
            new Folder(temp.Sub(name), commit, commit).Round(cases, 4, (c, slot) => (1000.0, 1000.0 * Math.Exp(0.03 * SyntheticRuns.Normal(random)))).Write();
        var nights = new[] { NightReader.Read(AaNight("aa1", "same")), NightReader.Read(AaNight("aa2", "same")) };

        var prior = PairedPrior.Learn(nights);

        Assert.Equal(6, prior.Cases.Count);
        Assert.All(prior.Cases, c => Assert.Equal(6, c.DegreesOfFreedom));
        Assert.InRange(prior.All.PooledSigmaLog, 0.02, 0.04);
        Assert.Equal(["aa1", "aa2"], prior.Nights);
        var file = Path.Combine(temp.Path, "prior.json");
        File.WriteAllText(file, prior.Serialize());
        Assert.Equal(prior.Cases, PairedPrior.Read(file).Cases);

        var notAa = NightReader.Read(new Folder(temp.Sub("ab"), "base", "head").Round(cases, 2, (c, slot) => (1000.0, 1000.0)).Write());
        var error = Assert.Throws<PublishException>(() => PairedPrior.Learn([notAa]));
        Assert.Contains("is not an A/A night", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Spreads_Should_LendTheCaseItsPriorSpread_AndScaleItUpOnANoisierNight()
    {
        var cases = Class("QuietBenchmarks", 6);
        var prior = new PairedPrior(PairedPrior.CurrentFormat, "m", ["aa"], [.. cases.Select(c => new PriorCase(c.Id.Key, c.Class, c.Workload, 20, 0.02, 19))], [], [], new PriorGroup(string.Empty, 6, 120, 0.02, null, null, 0));
        List<PairedSpreads.Own> Tonight(double sigma) => [.. cases.Select(c => new PairedSpreads.Own(c, sigma * sigma * 2, 2))];

        var quiet = PairedSpreads.Of(Tonight(0.02), prior)[cases[0].Id];
        var noisy = PairedSpreads.Of(Tonight(0.08), prior)[cases[0].Id];

        Assert.Equal(PairedSpreads.CasePriorWeight, quiet.PriorDegreesOfFreedom);
        Assert.InRange(quiet.Sigma, 0.018, 0.026);
        Assert.True(noisy.PriorScale > 4);
        Assert.True(noisy.Sigma > 3 * quiet.Sigma);
    }
}
