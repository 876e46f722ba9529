using AsyncBench.Benchmarks.Canaries;
using AsyncBench.Benchmarks.Faults;
using AsyncBench.Benchmarks.Running;
using AsyncBench.Benchmarks.Sqlite;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace AsyncBench.Tests.Running;

/// <summary>
/// The paired run of two commits: its options, checked before BenchmarkDotNet starts; each slot's order drawn from the
/// seed; each case's two launches back to back; base jobs only for the cases the base build has.
/// </summary>
public sealed class PairedRunTests
{
    private static string RepositoryRoot => PublishCommand.FindCheckout(AppContext.BaseDirectory)!;

    [Fact]
    public void TryTake_Should_DoNothing_WithoutThePairedOptions()
    {
        Assert.True(PairedRun.TryTake(["--filter", "*", "--job", "dry"], Profiles.Quick, out var paired, out var rest, out _));

        Assert.Null(paired);
        Assert.Equal(new[] { "--filter", "*", "--job", "dry" }, rest);
    }

    [Theory]
    [InlineData(new[] { "--paired-slots", "3" }, "apply only to a paired run")]
    [InlineData(new[] { "--paired-seed", "3" }, "apply only to a paired run")]
    [InlineData(new[] { "--paired-cases", "plan.txt" }, "apply only to a paired run")]
    [InlineData(new[] { "--paired-base", "a", "--paired-anchor", "b" }, "with one other build")]
    [InlineData(new[] { "--paired-base" }, "needs the folder of a built worktree")]
    [InlineData(new[] { "--paired-base", "x", "--paired-slots", "0" }, "a whole number from 1 to 20")]
    [InlineData(new[] { "--paired-base", "x", "--paired-slots", "21" }, "a whole number from 1 to 20")]
    [InlineData(new[] { "--paired-base", "x", "--paired-seed", "x1" }, "--paired-seed 'x1'")]
    [InlineData(new[] { "--paired-base", "x", "--paired-cases", "/no/such/plan.txt" }, "no such file")]
    [InlineData(new[] { "--paired-base", "x", "--job", "fast" }, "is not a BenchmarkDotNet job")]
    [InlineData(new[] { "--paired-base", "x", "--pass", "1", "--passes", "2" }, "drop --pass")]
    [InlineData(new[] { "--paired-base", "/no/such/worktree" }, "is not a worktree of the suite")]
    public void TryTake_Should_RefuseBadInput_WithWhatToDo(string[] args, string expected)
    {
        Assert.False(PairedRun.TryTake(args, Profiles.Quick, out var paired, out _, out var error));

        Assert.Null(paired);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void TryTake_Should_RefuseThisRunsOwnWorktree_AndAnUnbuiltOne()
    {
        Assert.False(PairedRun.TryTake(["--paired-base", RepositoryRoot], Profiles.Quick, out _, out _, out var own));
        Assert.Contains("this run's own worktree", own, StringComparison.Ordinal);

        var unbuilt = Directory.CreateTempSubdirectory("asyncbench-unbuilt-");
        try
        {
            var project = Path.Combine(unbuilt.FullName, WorktreeBuild.ProjectPath);
            Directory.CreateDirectory(Path.GetDirectoryName(project)!);
            File.WriteAllText(project, "<Project />");

            Assert.False(PairedRun.TryTake(["--paired-base", unbuilt.FullName], Profiles.Quick, out _, out _, out var error));
            Assert.Contains("is not built", error, StringComparison.Ordinal);
            Assert.Contains("dotnet build -c Release", error, StringComparison.Ordinal);
        }
        finally
        {
            unbuilt.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("*Sqlite*\tmany")]
    [InlineData("*Sqlite*\t0")]
    [InlineData("*Sqlite*\t2\t3")]
    [InlineData("\t2")]
    public void Plan_Should_RefuseAMalformedLine_NamingIt(string line)
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(file, ["# paired-plan: the next round", "*Http*\t2", line]);

            Assert.False(PlannedCase.TryRead(file, PairedRun.CasesOption, out _, out var error));
            Assert.Contains("line 3", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Plan_Should_ReadGlobsAndPairs_SkippingCommentsAndBlankLines()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(file, ["# paired-plan", "", "AsyncBench.Benchmarks.Sqlite.SqlitePointLookupBenchmarks.Serial(Count: 100)\t3", "*HttpBenchmarks*"]);

            Assert.True(PlannedCase.TryRead(file, PairedRun.CasesOption, out var plan, out var error), error);
            Assert.Equal([("AsyncBench.Benchmarks.Sqlite.SqlitePointLookupBenchmarks.Serial(Count: 100)", (int?)3), ("*HttpBenchmarks*", null)], plan!.Select(p => (p.Glob, p.Pairs)));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(8)]
    public void Orders_Should_BeTheSameForASeed_HalfEachWay_AndDifferBySeed(int slots)
    {
        var orders = PairedRun.Orders(slots, seed: 7);

        Assert.Equal(orders, PairedRun.Orders(slots, seed: 7));
        Assert.Contains(true, orders);
        Assert.Contains(false, orders);
        Assert.InRange(orders.Count(o => o), slots / 2, (slots + 1) / 2);
        // Some seed gives another order: the order is drawn, not fixed.
        Assert.Contains(Enumerable.Range(0, 50), s => !PairedRun.Orders(slots, s).SequenceEqual(orders));
    }

    [Fact]
    public void Orderer_Should_RunEachCasesTwoLaunchesBackToBack_InEachSlotsDrawnOrder()
    {
        var paired = Paired(typeof(SqlitePointLookupBenchmarks), slots: 4, seed: 11);
        var config = BenchmarkConfig.Create(Profiles.Quick, paired: paired);

        var order = BenchmarkConverter.TypeToBenchmarks(typeof(SqlitePointLookupBenchmarks), config).BenchmarksCases;

        Assert.Equal(0, order.Length % 2);
        for (var i = 0; i < order.Length; i += 2)
        {
            var (first, second) = (order[i], order[i + 1]);
            Assert.Equal(FullNameProvider.GetBenchmarkName(first), FullNameProvider.GetBenchmarkName(second));
            var slot = PairOrderer.RoundOf(first.Job);
            Assert.Equal(slot, PairOrderer.RoundOf(second.Job));
            Assert.Equal(paired.HeadFirst(slot) ? PairedRun.JobId("head", slot) : PairedRun.JobId("base", slot), first.Job.Id);
        }

        var slots = order.Select(c => PairOrderer.RoundOf(c.Job)).ToArray();
        Assert.Equal(slots.Order().ToArray(), slots); // slots are the outer loop: a case's pairs spread over the run
        Assert.Contains(order, c => c.Job.Id == "base-r1" && c.Job.Infrastructure.Toolchain is WorktreeToolchain);
        Assert.DoesNotContain(order, c => c.Job.Id.StartsWith("head-", StringComparison.Ordinal) && c.Job.Infrastructure.Toolchain is not null);
        Assert.All(order, c => Assert.Equal(1, c.Job.Run.LaunchCount));
    }

    [Fact]
    public void Filter_Should_GiveBaseJobsOnlyToTheCasesTheBaseBuildHas_AndListTheOthers()
    {
        var all = BenchmarkConverter.TypeToBenchmarks(typeof(SqlitePointLookupBenchmarks), ManualConfig.CreateEmpty().AddJob(Job.Dry)).BenchmarksCases;
        var inBase = all.Where(c => c.Descriptor.WorkloadMethod.Name != all[0].Descriptor.WorkloadMethod.Name).ToList();
        var headOnly = all[0].Descriptor.WorkloadMethod.Name;
        var paired = new PairedRun(WorktreeBuild.FromCases("/base", inBase), PairedRun.BaseSide, Job.Dry, slots: 2, seed: 1);

        var cases = BenchmarkConverter.TypeToBenchmarks(typeof(SqlitePointLookupBenchmarks), BenchmarkConfig.Create(Profiles.Full, paired: paired)).BenchmarksCases;

        Assert.Contains(cases, c => c.Job.Id == "head-r1" && c.Descriptor.WorkloadMethod.Name == headOnly);
        Assert.DoesNotContain(cases, c => c.Job.Id.StartsWith("base-", StringComparison.Ordinal) && c.Descriptor.WorkloadMethod.Name == headOnly);
        Assert.Contains(cases, c => c.Job.Id == "base-r2" && c.Descriptor.WorkloadMethod.Name != headOnly);
        Assert.Contains("absent in the other build", paired.WhyNotPaired(cases.First(c => c.Descriptor.WorkloadMethod.Name == headOnly)), StringComparison.Ordinal);
    }

    [Fact]
    public void Filter_Should_KeepTheCasesOfThePlan_WithThePairsEachLineAsks()
    {
        var all = BenchmarkConverter.TypeToBenchmarks(typeof(MachineCanaryBenchmarks), ManualConfig.CreateEmpty().AddJob(Job.Dry)).BenchmarksCases;
        var plan = new[] { new PlannedCase("*.MachineCanaryBenchmarks.IntegerLoop", 3), new PlannedCase("*.MachineCanaryBenchmarks.Syscall", null) };
        var paired = new PairedRun(WorktreeBuild.FromCases("/base", all), PairedRun.BaseSide, Job.Dry, slots: 1, seed: 1, plan);

        var cases = BenchmarkConverter.TypeToBenchmarks(typeof(MachineCanaryBenchmarks), BenchmarkConfig.Create(Profiles.Full, paired: paired)).BenchmarksCases;

        Assert.Equal(3, paired.Slots);
        Assert.Equal(6, cases.Count(c => c.Descriptor.WorkloadMethod.Name == "IntegerLoop"));
        Assert.Equal(2, cases.Count(c => c.Descriptor.WorkloadMethod.Name == "Syscall")); // a line without pairs: the run's --paired-slots
        Assert.Equal(8, cases.Length);
    }

    [Fact]
    public void CommittedSlowdown_Should_ReadOneRuleALine_AndNameTheFileWhenMalformed()
    {
        Assert.True(InjectedSlowdown.TryParseCommitted("# a trial\n*.SqlitePointLookupBenchmarks.Serial(*=15 # drawn\n\n*.HttpBenchmarks.WhenAll(*=10\n", out var slowdown, out var error), error);
        Assert.Equal(15, slowdown.PercentFor("AsyncBench.Benchmarks.Sqlite.SqlitePointLookupBenchmarks.Serial(Count: 100)"));
        Assert.Equal(2, slowdown.Rules.Count);

        Assert.False(InjectedSlowdown.TryParseCommitted("*Sqlite*=fast\n", out _, out var malformed));
        Assert.StartsWith(InjectedSlowdown.FileName, malformed, StringComparison.Ordinal);
        Assert.True(InjectedSlowdown.TryParseCommitted(null, out var none, out _));
        Assert.False(none.IsOn);
    }

    [Fact]
    public void ThisBuild_Should_CommitNoSlowdown()
    {
        // Main never carries fault injection: only a trial's throwaway commit does (scripts/make-slowdown-commit.sh).
        Assert.Null(InjectedSlowdown.CommittedText());
        Assert.False(File.Exists(Path.Combine(RepositoryRoot, InjectedSlowdown.FileName)));
    }

    private static PairedRun Paired(Type type, int slots, int seed) =>
        new(WorktreeBuild.FromCases("/base", BenchmarkConverter.TypeToBenchmarks(type, ManualConfig.CreateEmpty().AddJob(Job.Dry)).BenchmarksCases), PairedRun.BaseSide, Profiles.JobFor(Profiles.NightlyPass), slots, seed);
}

/// <summary>The paired options read variables both sides' processes would share: refused, so these run alone.</summary>
[Collection(ProcessWideStateCollection.Name)]
public sealed class PairedRunEnvironmentTests
{
    [Theory]
    [InlineData(InjectedSlowdown.Variable, "*Sqlite*=15", "slow head by a commit instead")]
    [InlineData(AsyncBench.Fixtures.FixtureHostProcess.HostPathVariable, "/tmp/host.dll", "each side runs the fixture host of its own build")]
    public void TryTake_Should_RefuseAVariableBothSidesWouldRead(string variable, string value, string expected)
    {
        Environment.SetEnvironmentVariable(variable, value);
        try
        {
            Assert.False(PairedRun.TryTake(["--paired-base", "/tmp"], Profiles.Quick, out _, out _, out var error));
            Assert.StartsWith($"{variable} is set", error, StringComparison.Ordinal);
            Assert.Contains(expected, error, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void Run_Should_ExitWith2_BeforeBenchmarkDotNetStarts_OnABadPairedOption()
    {
        Assert.Equal(2, SuiteRunner.Run(["--paired-base", "/no/such/worktree", "--filter", "*Canar*"]));
        Assert.Equal(2, SuiteRunner.Run(["--paired-slots", "2", "--filter", "*Canar*"]));
    }
}
