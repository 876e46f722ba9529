using AsyncBench.Publishing;
using AsyncBench.Publishing.Paired;
using static AsyncBench.Publish.Tests.PairedNights;
using static AsyncBench.Publish.Tests.PublishCli;

namespace AsyncBench.Publish.Tests;

/// <summary>
/// A round priced in seconds: each case by its own launches as the night timed them, so a round of long launches is not
/// priced at the night's mean launch (night 5 of vm-power overran its budget by 10¾ minutes that way), and the plan keeps
/// the cases that decide the most per second within the seconds left.
/// </summary>
public sealed class PairPricesTests : IDisposable
{
    private readonly TempFolder temp = new();

    // One case whose launches are long (an HTTP case at 20 ms latency) among cheap ones.
    private static readonly List<PairedCase> Cases = Class("MixedBenchmarks", 6);
    private static readonly PairedCase Dear = Cases[0];

    private static double Seconds(PairedCase c) => c == Dear ? 30 : 2;

    // Every case far from decided after one round: its two pairs 0.75 and 1.4 (head ÷ base), whatever the machine did.
    private static (double? Base, double? Head) Noisy(PairedCase c, int slot) => (1e6, 1e6 * (slot % 2 == 0 ? 1.4 : 0.75));

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Of_Should_PriceEachCaseByItsOwnTimedLaunches_AndAnUntimedOneAtTheMean()
    {
        var night = new Folder(temp.Sub("timed")).Round(Cases[..5], 2, Noisy, launchSeconds: Seconds).Round([Cases[5]], 2, Noisy).Write();

        var prices = PairPrices.Of(NightReader.Read(night));

        Assert.Equal(60, prices.PairSeconds(Dear), 6);
        Assert.Equal(4, prices.PairSeconds(Cases[1]), 6);
        // Case 6 ran in a round with no times: the mean timed launch, (30 + 4 × 2) ÷ 5.
        Assert.Equal(2 * 7.6, prices.PairSeconds(Cases[5]), 6);
    }

    [Fact]
    public void Of_Should_FallBackToTheDearestRoundsMeanLaunch_OnANightRecordedBeforeLaunchesWereTimed_AndRefuseWithNeither()
    {
        var old = new Folder(temp.Sub("old")).Round(Cases, 2, Noisy, wall: TimeSpan.FromSeconds(120)).Round(Cases[..1], 2, Noisy, wall: TimeSpan.FromSeconds(100)).Write();
        var bare = new Folder(temp.Sub("bare")).Round(Cases, 2, Noisy).Write();

        var prices = PairPrices.Of(NightReader.Read(old));

        // Round 1: 120 s for 24 launches (5 s each); round 2: 100 s for 4 (25 s each, the dearer).
        Assert.Equal(50, prices.PairSeconds(Cases[3]), 6);
        var refused = Assert.Throws<PublishException>(() => PairPrices.Of(NightReader.Read(bare)));
        Assert.Contains("cannot be priced", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PairedPlan_Should_KeepTheCasesThatFitTheSeconds_LeavingOutTheDearOne()
    {
        var night = new Folder(temp.Sub("plan")).Round(Cases, 2, Noisy, launchSeconds: Seconds).Write();
        var all = Run("paired-plan", night).Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Cases.Count + 1, all.Length);
        var pairs = all.Skip(1).ToDictionary(l => l.Split('\t')[0], l => int.Parse(l.Split('\t')[1], System.Globalization.CultureInfo.InvariantCulture));
        // Room for every cheap case's pairs (4 s a pair) and less than the dear case's (60 s a pair).
        var cheap = Cases.Skip(1).Sum(c => pairs[c.FullName] * 4.0);
        var budget = PairPrices.RoundStartSeconds + cheap + 30;

        var (exit, output, error) = Run("paired-plan", night, "--budget-seconds", budget.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(0, exit);
        Assert.Empty(error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("priced by each case's launches as timed", lines[0], StringComparison.Ordinal);
        Assert.Contains("1 case(s) left out", lines[0], StringComparison.Ordinal);
        Assert.Equal(Cases.Skip(1).Select(c => c.FullName).Order(StringComparer.Ordinal), lines.Skip(1).Select(l => l.Split('\t')[0]).Order(StringComparer.Ordinal));
        // At the cases' own prices the round fits: it would not overrun.
        Assert.True(PairPrices.RoundStartSeconds + lines.Skip(1).Sum(l => int.Parse(l.Split('\t')[1], System.Globalization.CultureInfo.InvariantCulture) * 4.0) <= budget);
    }

    [Fact]
    public void PairedPlan_Should_RefuseBothBudgets_WithOneErrorLine()
    {
        var night = new Folder(temp.Sub("both")).Round(Cases, 2, Noisy, launchSeconds: Seconds).Write();

        var (exit, output, error) = Run("paired-plan", night, "--budget", "4", "--budget-seconds", "600");

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Equal("error: --budget and --budget-seconds both given: give the round's budget once, in pairs or in seconds.", error.Trim());
    }
}
