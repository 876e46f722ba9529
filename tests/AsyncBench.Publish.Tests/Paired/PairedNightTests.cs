using AsyncBench.Publishing.Commands;
using AsyncBench.Publishing.Paired;
using static AsyncBench.Publish.Tests.PairedNights;
using static AsyncBench.Publish.Tests.PublishCli;

namespace AsyncBench.Publish.Tests;

/// <summary>
/// A night folder read and judged end to end through the <c>paired</c> verb: both slot forms, what is not comparable,
/// a case failing in head, the exit codes 0, 1 and 2, and bad input (one error line, nothing written).
/// </summary>
public sealed class PairedNightTests : IDisposable
{
    private readonly TempFolder temp = new();

    private static readonly List<PairedCase> Cases = Class("QuietBenchmarks", 8);

    public void Dispose() => temp.Dispose();

    /// <summary>
    /// Base at 1 ms × (1 + count ÷ 100), head × <paramref name="slow"/> for the cases it names, both × a machine factor per slot
    /// (the pairing takes it out) and a deterministic 1–2 % wobble per side.
    /// </summary>
    private static Func<PairedCase, int, (double? Base, double? Head)> Launches(Func<PairedCase, double>? slow = null, int round = 1) => (c, slot) =>
    {
        var count = int.Parse(c.Id.Parameter("Count")!, System.Globalization.CultureInfo.InvariantCulture);
        var machine = 1 + (0.3 * ((slot + round) % 3));
        var wobble = 0.01 * (((count * 7) + (slot * 3) + round) % 5 - 2);
        var baseNs = 1e6 * (1 + (count / 100.0)) * machine;
        return (baseNs * (1 - (wobble / 2)), baseNs * (1 + (wobble / 2)) * (slow?.Invoke(c) ?? 1));
    };

    [Fact]
    public void Read_Should_PairEachSlotsTwoJobs_InTheCommitAbForm()
    {
        var night = new Folder(temp.Sub("ab")).Round(Cases, 3, (c, slot) => (1000.0 * slot, 1100.0 * slot)).Write();

        var read = NightReader.Read(night);

        Assert.Equal(Cases.Count, read.Cases.Count);
        var pairs = read.Rounds.Single().Pairs[Cases[0].Id];
        Assert.Equal(3, pairs.Count);
        Assert.All(pairs, p => Assert.Equal(Math.Log(1.1), p, 9));
        Assert.Empty(read.NotComparable);
    }

    [Fact]
    public void Read_Should_PairTwoFolders_InTheSeparateInvocationsForm()
    {
        var night = new Folder(temp.Sub("separate")).Round(Cases, 2, (c, slot) => (2000.0, 1000.0), separateFolders: true).Write();

        var read = NightReader.Read(night);

        Assert.All(read.Rounds.Single().Pairs.Values, p => Assert.All(p, v => Assert.Equal(Math.Log(0.5), v, 9)));
        Assert.All(read.Rounds.Single().Pairs.Values, p => Assert.Equal(2, p.Count));
    }

    [Fact]
    public void Read_Should_ListACaseOnOneSideOnly_OrNotPaired_AsNotComparable()
    {
        var headOnly = Case("QuietBenchmarks", 99);
        var declined = Cases[1];
        var night = new Folder(temp.Sub("one-side"))
            .Round([.. Cases, headOnly], 2, (c, slot) => (c == headOnly ? null : 1000.0, 1000.0), notPaired: [(declined.FullName, "its [Params] differ between the builds")])
            .Write();

        var read = NightReader.Read(night);

        Assert.Contains(read.NotComparable, n => n.FullName == headOnly.FullName && n.Reason.Contains("head only", StringComparison.Ordinal));
        Assert.Contains(read.NotComparable, n => n.FullName == declined.FullName && n.Reason == "its [Params] differ between the builds");
        Assert.DoesNotContain(read.Cases, c => c.Id == headOnly.Id || c.Id == declined.Id);
        var (exit, markdown, _) = Run("paired", night);
        Assert.Equal(0, exit);
        Assert.Contains("## Not comparable (listed, never gated)", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Should_ListACaseTheTwoSidesDeclareDifferently_AsNotComparable_ButNeverLookAtAnInjectedSlowdown()
    {
        var redeclared = Case("OtherBenchmarks", 1);
        var night = new Folder(temp.Sub("declared")).Round([.. Cases, redeclared], 2, (c, slot) => (1000.0, 1000.0), separateFolders: true).Write();
        foreach (var slot in new[] { "s1", "s2" })
        {
            var baseSidecar = Path.Combine(night, "rounds", "r1", $"{slot}-base", $"{redeclared.Class}{AsyncBench.Protocol.ReportDeclarations.FileSuffix}");
            File.WriteAllText(baseSidecar, File.ReadAllText(baseSidecar).Replace("\"Categories\":[]", "\"Categories\":[\"Slow\"]", StringComparison.Ordinal));
            var headSidecar = Path.Combine(night, "rounds", "r1", $"{slot}-head", $"{Cases[0].Class}{AsyncBench.Protocol.ReportDeclarations.FileSuffix}");
            File.WriteAllText(headSidecar, File.ReadAllText(headSidecar).Replace("\"Canary\":false", "\"Canary\":false,\"InjectedSlowdownPercent\":15", StringComparison.Ordinal));
        }

        var read = NightReader.Read(night);

        var different = Assert.Single(read.NotComparable);
        Assert.Equal(redeclared.FullName, different.FullName);
        Assert.Equal("declared differently: categories Slow in base, none in head", different.Reason);
        Assert.Equal(Cases.Count, read.Cases.Count);
    }

    [Fact]
    public void Paired_Should_Exit0_OnANightWithNoChange_AndListEveryCaseTheSame()
    {
        var night = new Folder(temp.Sub("aa")).Round(Cases, 4, Launches()).Write();
        var json = Path.Combine(temp.Path, "night.json");

        var (exit, markdown, error) = Run("paired", night, "--json", json);

        Assert.Equal(0, exit);
        Assert.Empty(error);
        Assert.Contains("**Exit code 0**", markdown, StringComparison.Ordinal);
        Assert.Contains("| the same within ±15% | 8 |", markdown, StringComparison.Ordinal);
        var document = System.Text.Json.JsonSerializer.Deserialize<PairedDocument>(File.ReadAllText(json), PairedJson.Options)!;
        Assert.Equal(PairedJson.CurrentFormat, document.Format);
        Assert.Equal(0, document.ExitCode);
        Assert.All(document.Cases, c => Assert.Equal("same", c.Outcome));
        Assert.Empty(document.Undecided);
    }

    [Fact]
    public void Paired_Should_StateTheRotationsPart_FromTheNightNumber()
    {
        var night = new Folder(temp.Sub("rotated")) { Rotation = (7, 2) }.Round(Cases, 4, Launches()).Write();

        var markdown = Run("paired", night).Out;

        Assert.Contains("night 7: part 2 of 2: each case is judged at least every 2 nights", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void AaRate_Should_RefuseANightWithoutABase_WithOneErrorLine()
    {
        var night = new Folder(temp.Sub("nobase")) { BaseCommit = null }.Write();

        var (exit, output, error) = Run("paired-aa-rate", night);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.StartsWith("error: The night '", error, StringComparison.Ordinal);
        Assert.Contains("is not an A/A night (base none", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Json_Should_WriteNamesAsTheyAre_ForTheNightlyScriptToReadLineByLine()
    {
        var text = System.Text.Json.JsonSerializer.Serialize(new { undecided = new[] { "Ns.Outer+Inner.Read(Name: \"a<b>&c\")" } }, PairedJson.Options);

        Assert.Contains("    \"Ns.Outer+Inner.Read(Name: \\\"a<b>&c\\\")\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Paired_Should_Exit1_WhenFreshPairsConfirmASlowerCase_AndPlanItsConfirmationFirst()
    {
        var slowed = Cases[2];
        Func<PairedCase, double> slow = c => c == slowed ? 1.25 : 1.0;
        var folder = new Folder(temp.Sub("slow")).Round(Cases, 4, Launches(slow));
        var afterFirst = folder.Write();

        var plan = Run("paired-plan", afterFirst).Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("# paired-plan:", plan[0], StringComparison.Ordinal);
        Assert.Equal(slowed.FullName, plan[1].Split('\t')[0]);
        var pairs = int.Parse(plan[1].Split('\t')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(pairs, PairedRule.MinPairs, PairedPlanner.MaxConfirmationPairs);
        Assert.Equal(0, Run("paired", afterFirst).Exit);

        var confirmed = folder.Round([slowed], pairs, Launches(slow, round: 2)).Write();
        var (exit, markdown, _) = Run("paired", confirmed);

        Assert.Equal(1, exit);
        Assert.Contains("## Slower (confirmed: these fail the night)", markdown, StringComparison.Ordinal);
        Assert.Contains($"`{slowed.FullName}`", markdown, StringComparison.Ordinal);
        Assert.Contains(": confirmed", markdown, StringComparison.Ordinal);
        Assert.Empty(Run("paired-plan", confirmed).Out);
    }

    [Fact]
    public void Paired_Should_Exit1_OnACaseFailingInHead_WhereBasePassed_ButNotOnOneFailingOnBothSides()
    {
        var newlyFailing = Cases[3];
        var failingBoth = Cases[4];
        var night = new Folder(temp.Sub("failing")).Round(Cases, 3, (c, slot) =>
            c == newlyFailing ? (1000.0, double.NaN) : c == failingBoth ? (double.NaN, double.NaN) : Launches()(c, slot)).Write();

        var (exit, markdown, _) = Run("paired", night);

        Assert.Equal(1, exit);
        Assert.Contains($"`{newlyFailing.FullName}` (round 1, slot 1): **base passed in the same slot: this fails the night**", markdown, StringComparison.Ordinal);
        Assert.Contains($"`{failingBoth.FullName}` (round 1, slot 1): failed on both sides", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Paired_Should_SayANightWithoutBaseJudgesNothing_AndExit0()
    {
        var night = new Folder(temp.Sub("first-night")) { BaseCommit = null }.Round(Cases, 2, (c, slot) => (null, 1000.0)).Write();

        var (exit, markdown, _) = Run("paired", night);

        Assert.Equal(0, exit);
        Assert.Contains("- Base: **none** (none): head ran alone, nothing is judged", markdown, StringComparison.Ordinal);

        // As scripts/nightly.sh writes it: no rounds at all (head ran as nightly passes).
        var bare = new Folder(temp.Sub("no-rounds")) { BaseCommit = null }.Write();
        var (bareExit, bareMarkdown, bareError) = Run("paired", bare);
        Assert.Equal(0, bareExit);
        Assert.Empty(bareError);
        Assert.Contains("- Rounds: none", bareMarkdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Paired_Should_RefuseBadInput_WithOneErrorLine_AndWriteNothing()
    {
        var json = Path.Combine(temp.Path, "never.json");
        void AssertRefused(string night, string expected)
        {
            var (exit, output, error) = Run("paired", night, "--json", json);
            Assert.Equal(Cli.BadInput, exit);
            Assert.Empty(output);
            Assert.StartsWith("error: ", error, StringComparison.Ordinal);
            Assert.Single(error.Trim().Split('\n'));
            Assert.Contains(expected, error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
            Assert.False(File.Exists(json));
        }

        AssertRefused(temp.Sub("no-manifest"), "has no paired.json");

        var missingRound = new Folder(temp.Sub("missing-round")).Round(Cases, 2, Launches()).Write();
        Directory.Delete(Path.Combine(missingRound, "rounds"), recursive: true);
        AssertRefused(missingRound, "is not a folder of the night");

        var truncated = new Folder(temp.Sub("truncated")).Round(Cases, 2, Launches()).Write();
        var report = Directory.GetFiles(Path.Combine(truncated, "rounds", "r1", "results"), "*-report-full.json").Single();
        File.WriteAllText(report, File.ReadAllText(report)[..200]);
        AssertRefused(truncated, "it may be truncated");

        var disjoint = new Folder(temp.Sub("disjoint")).Round(Cases, 2, (c, slot) => (c == Cases[0] ? 1000.0 : null, c == Cases[0] ? null : 1000.0)).Write();
        AssertRefused(disjoint, "no case with a launch on both sides");

        var brokenManifest = temp.Sub("broken-manifest");
        File.WriteAllText(Path.Combine(brokenManifest, PairedManifest.FileName), "{\"format\": 1, \"rounds\": [");
        AssertRefused(brokenManifest, "is not valid JSON");

        var wrongJob = new Folder(temp.Sub("wrong-job")).Round(Cases, 2, Launches()).Write();
        var manifest = Path.Combine(wrongJob, PairedManifest.FileName);
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"head-r2\"", "\"head-r9\"", StringComparison.Ordinal));
        AssertRefused(wrongJob, "hold no job 'head-r9'");
    }
}

/// <summary>The history comparison says what it is: not the nightly gate, which is the paired night.</summary>
public class HistoryComparisonLabelTests
{
    [Fact]
    public void Compare_Should_LabelItsReport_AsTheHistoryComparison_NotTheGate()
    {
        var id = SyntheticRuns.Id("Serial", 1);
        var comparison = AsyncBench.Publishing.Comparing.Gate.Compare(
            SyntheticRuns.Run("base", SyntheticRuns.Result(id, 1e6, 0.01, 1)),
            SyntheticRuns.Run("diff", SyntheticRuns.Result(id, 1e6, 0.01, 2)),
            new AsyncBench.Publishing.Comparing.GateOptions(15));

        var markdown = AsyncBench.Publishing.Comparing.GateReport.Markdown(comparison);

        Assert.StartsWith("# AsyncBench history comparison (not the nightly gate)", markdown, StringComparison.Ordinal);
        Assert.Contains("the nightly gate is the paired night instead (`paired`", markdown, StringComparison.Ordinal);
    }
}
