using AsyncBench.Publishing.Comparing;
using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publish.Tests;

/// <summary>
/// "Gateable at T %" means power: a true T % slowdown is flagged with at least 90 % probability, at a
/// per-benchmark false-positive rate that keeps an A/A pair at or below 5 % flagged. Checked on the
/// definition, on benchmarks built just inside and just outside it, and by simulation (fixed seeds).
/// </summary>
public class PowerTests
{
    private static readonly GateOptions Default = new();

    /// <summary>The standard error at which the power at 15 % is exactly 90 % (by bisection on the definition).</summary>
    private static double BoundarySe(double degreesOfFreedom)
    {
        var (low, high) = (1e-4, 1.0);
        for (var i = 0; i < 100; i++)
        {
            var middle = (low + high) / 2;
            (low, high) = FlagRule.Power(new NoiseEstimate(middle, degreesOfFreedom, NoiseBasis.History, 10, middle), 15) >= FlagRule.RequiredPower ? (middle, high) : (low, middle);
        }

        return low;
    }

    [Fact]
    public void Power_Should_FollowItsDefinition_WithAKnownStandardError()
    {
        // Infinite degrees of freedom: flagged above max(z₀.₉₉ SE, floor); power = Φ((ln 1.15 − z₀.₉₉ SE) ÷ SE).
        var se = Math.Log(1.15) / (Normal.Quantile(0.99) + Normal.Quantile(0.90));
        var noise = new NoiseEstimate(se, double.PositiveInfinity, NoiseBasis.History, 100, se);

        Assert.Equal(0.90, FlagRule.Power(noise, 15), 3);
        Assert.Equal(se, BoundarySe(double.PositiveInfinity), 4);
        Assert.True(FlagRule.Power(noise with { StandardError = se * 0.95 }, 15) > 0.9);
        Assert.True(FlagRule.Power(noise with { StandardError = se * 1.05 }, 15) < 0.9);
        // The practical floor binds for a quiet benchmark: half the threshold, never the whole of it.
        Assert.True(FlagRule.Power(noise with { StandardError = 0.001 }, 15) > 0.999);
    }

    [Theory]
    [InlineData(0.95, true)]
    [InlineData(1.05, false)]
    public void Gate_Should_CallABenchmarkGateable_ExactlyWhenItsNoiseGivesThePower(double ofBoundary, bool gateable)
    {
        // Ten nights; benchmark 0's run values alternate ±a around its center (launches identical, no
        // iteration noise), the others are constant, so its run spread is exactly what the test sets.
        const int nights = 10;
        var target = BoundarySe(nights - 1) / Math.Sqrt(1 + (1.0 / nights)) * ofBoundary;
        var a = target * Math.Sqrt((nights - 1.0) / nights);
        var ids = Enumerable.Range(0, 12).Select(i => SyntheticRuns.Id("Serial", 1 + i)).ToList();
        var random = new Random(91);
        var history = Enumerable.Range(0, nights).Select(n => SyntheticRuns.Night(n, ids.Select((id, b) =>
            SyntheticRuns.Launched(id, 1_000_000 * (b == 0 ? Math.Exp(n % 2 == 0 ? a : -a) : 1), random, launchSpread: 0, iterationNoise: 0)))).ToList();
        var today = SyntheticRuns.Night(nights, ids.Select(id => SyntheticRuns.Launched(id, 1_000_000, random, launchSpread: 0, iterationNoise: 0)));

        var comparison = Gate.Compare(history[^1], today, Default, history);

        var benchmark = comparison.Compared.Single(c => c.Id == ids[0]);
        Assert.Equal(NoiseBasis.History, benchmark.Noise!.Basis);
        Assert.Equal(gateable, benchmark.Gateable);
        Assert.Equal(gateable, benchmark.Power(15) >= FlagRule.RequiredPower);
    }

    /// <summary>
    /// Simulated history-mode nights: 20 benchmarks with own spreads from 1 % to 6 %, 2 % machine drift, five
    /// launches of 2 %; in each trial benchmark <c>t mod 20</c> is 15 % slower tonight.
    /// </summary>
    private static (int Gateable, int Flagged, int Others, int OtherFlags, int AaVerdicts, int AaFlags) Simulate(int trials, int seed, int nights)
    {
        var ids = Enumerable.Range(0, 20).Select(i => SyntheticRuns.Id(i % 2 == 0 ? "Serial" : "WhenAll", 1 + i)).ToList();
        var random = new Random(seed);
        BenchmarkRun Night(int n, Func<int, double> factor)
        {
            var offset = 0.02 * SyntheticRuns.Normal(random);
            return SyntheticRuns.Night(n, ids.Select((id, b) => SyntheticRuns.Launched(
                id, 1_000_000 * Math.Exp(offset + ((0.01 + (0.0025 * b)) * SyntheticRuns.Normal(random))) * factor(b), random)));
        }

        var (gateable, flagged, others, otherFlags, aaVerdicts, aaFlags) = (0, 0, 0, 0, 0, 0);
        for (var t = 0; t < trials; t++)
        {
            var history = Enumerable.Range(0, nights).Select(n => Night(n, _ => 1)).ToList();
            var slowed = t % ids.Count;
            var trial = Gate.Compare(history[^1], Night(nights, b => b == slowed ? 1.15 : 1), Default, history);
            var target = trial.Compared.Single(c => c.Id == ids[slowed]);
            if (target.Gateable)
            {
                gateable++;
                flagged += target.Time == TimeChange.Slower ? 1 : 0;
            }

            var rest = trial.Compared.Where(c => c.Id != ids[slowed]).ToList();
            others += rest.Count;
            otherFlags += rest.Count(c => c.Gateable && c.Time is TimeChange.Slower or TimeChange.Faster);

            var aa = Gate.Compare(history[^1], Night(nights, _ => 1), Default, history);
            aaVerdicts += aa.Compared.Count;
            aaFlags += aa.Compared.Count(c => c.Gateable && c.Time is TimeChange.Slower or TimeChange.Faster);
        }

        return (gateable, flagged, others, otherFlags, aaVerdicts, aaFlags);
    }

    [Fact]
    public void Simulation_Should_FlagA15PercentSlowdownOfAGateableBenchmark_AtLeast90PercentOfTheTime_WithFewA_AFlags()
    {
        var (gateable, flagged, others, otherFlags, aaVerdicts, aaFlags) = Simulate(trials: 120, seed: 92, nights: 10);

        Assert.True(gateable >= 40, $"only {gateable} of 120 trials had a gateable target");
        Assert.True(flagged >= 0.9 * gateable, $"flagged {flagged} of {gateable} gateable 15 % slowdowns");
        Assert.True(aaFlags <= 0.05 * aaVerdicts, $"A/A: {aaFlags} flags in {aaVerdicts} verdicts");
        Assert.True(otherFlags <= 0.05 * others, $"trials: {otherFlags} flags among {others} untouched benchmarks");
    }

    [Fact]
    public void Simulation_Should_KeepTheFallbacksA_AFlagsAtOrBelow5Percent_WhenRunsDifferMoreThanTheirLaunches()
    {
        // Two-run fallback, no history. Launch spreads 0.5-2.9 %, each run off by 1.5 × its launch spread
        // (the fallback's assumption: a run's own component in proportion to its launches' spread).
        var ids = Enumerable.Range(0, 40).Select(i => SyntheticRuns.Id(i % 2 == 0 ? "Serial" : "WhenAll", 1 + i)).ToList();
        var random = new Random(93);
        BenchmarkRun Run(int n, Func<int, double> factor)
        {
            var offset = 0.01 * SyntheticRuns.Normal(random);
            return SyntheticRuns.Night(n, ids.Select((id, b) =>
            {
                var launch = 0.005 + (0.0006 * b);
                return SyntheticRuns.Launched(id, 1_000_000 * Math.Exp(offset + (1.5 * launch * SyntheticRuns.Normal(random))) * factor(b), random, launchSpread: launch, iterationNoise: 0.01);
            }));
        }

        var (verdicts, flags, gateable, caught) = (0, 0, 0, 0);
        for (var t = 0; t < 60; t++)
        {
            var baseRun = Run(0, _ => 1);
            var aa = Gate.Compare(baseRun, Run(1, _ => 1), Default);
            verdicts += aa.Compared.Count;
            flags += aa.Compared.Count(c => c.Gateable && c.Time is TimeChange.Slower or TimeChange.Faster);
            Assert.False(aa.HasRegression && aa.RunWideSlower, $"trial {t}: the A/A pair's run-wide shift was called the run's");

            var target = Gate.Compare(baseRun, Run(2, b => b == t % 40 ? 1.15 : 1), Default).Compared.Single(c => c.Id == ids[t % 40]);
            gateable += target.Gateable ? 1 : 0;
            caught += target.Gateable && target.Time == TimeChange.Slower ? 1 : 0;
        }

        Assert.True(gateable >= 20, $"only {gateable} of 60 targets gateable");
        Assert.True(flags <= 0.05 * verdicts, $"A/A: {flags} flags in {verdicts} verdicts");
        Assert.True(caught >= 0.9 * gateable, $"flagged {caught} of {gateable} gateable 15 % slowdowns");
    }
}
