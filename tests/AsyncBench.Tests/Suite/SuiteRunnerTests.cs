using AsyncBench.Benchmarks.Running;

namespace AsyncBench.Tests.Suite;

/// <summary>
/// The command line's exit codes, run in this process. SuiteRunner.Run reads every ASYNCBENCH_* variable (the
/// configuration check) and sets two for BenchmarkDotNet's processes, so these run alone: no other test's variable
/// is read here, and no other test reads these.
/// </summary>
[Collection(ProcessWideStateCollection.Name)]
public sealed class SuiteRunnerExitCodeTests
{
    [Fact]
    public void Run_Should_ExitNonZero_WhenProfileIsUnknown()
    {
        Assert.Equal(2, SuiteRunner.Run(["--profile", "slow"]));
    }

    [Fact]
    public void Run_Should_ExitNonZero_WhenFilterMatchesNothing()
    {
        Assert.Equal(1, SuiteRunner.Run(["--filter", "*NoSuchBenchmark*"]));
    }

    [Fact]
    public void Run_Should_ExitZero_WhenListing()
    {
        Assert.Equal(0, SuiteRunner.Run(["--list", "flat"]));
    }
}

/// <summary>The command line's own contract: bad input exits non-zero with a message, never a silent success.</summary>
public sealed class SuiteRunnerTests
{
    [Theory]
    [InlineData(new[] { "--filter", "*Http*" }, "quick", new[] { "--filter", "*Http*" })]
    [InlineData(new[] { "--profile", "full", "--filter", "*Http*" }, "full", new[] { "--filter", "*Http*" })]
    [InlineData(new[] { "--filter", "*", "--profile", "quick" }, "quick", new[] { "--filter", "*" })]
    [InlineData(new[] { "--profile", "nightly" }, "nightly", new string[0])]
    public void TryTakeProfile_Should_RemoveOnlyItsOwnOption(string[] args, string expectedProfile, string[] expectedRest)
    {
        Assert.True(SuiteRunner.TryTakeProfile(args, out var profile, out var rest, out _));
        Assert.Equal(expectedProfile, profile);
        Assert.Equal(expectedRest, rest);
    }

    [Fact]
    public void TryTakeProfile_Should_NameTheChoices_WhenValueIsMissing()
    {
        Assert.False(SuiteRunner.TryTakeProfile(["--profile"], out _, out _, out var error));
        Assert.Contains("quick, nightly, nightly-pass, full", error, StringComparison.Ordinal);
    }

    [Fact]
    public void NightlyProfile_Should_MeasureEveryCaseInSeveralProcesses_AndKeepQuicksCut()
    {
        var nightly = Profiles.JobFor(Profiles.Nightly);
        Assert.True(nightly.Run.LaunchCount > 1);
        Assert.True(Profiles.JobFor(Profiles.Quick).Run.LaunchCount == 1);
        Assert.Contains(Profiles.QuickFilter, BenchmarkConfig.Create(Profiles.Nightly).GetFilters());
        Assert.DoesNotContain(Profiles.QuickFilter, BenchmarkConfig.Create(Profiles.Full).GetFilters());
    }

    [Fact]
    public void NightlyPass_Should_BeOneLaunchOfTheNightlyJob_UnderItsName()
    {
        // A pass's launch is one launch of the nightly run (scripts/nightly.sh, merge-passes): same job, same cut.
        var nightly = Profiles.JobFor(Profiles.Nightly);
        var pass = Profiles.JobFor(Profiles.NightlyPass);
        Assert.Equal(1, pass.Run.LaunchCount);
        Assert.Equal(nightly.Id, pass.Id);
        Assert.Equal(nightly.Run.IterationTime, pass.Run.IterationTime);
        Assert.Equal(nightly.Run.WarmupCount, pass.Run.WarmupCount);
        Assert.Equal(nightly.Run.MaxIterationCount, pass.Run.MaxIterationCount);
        Assert.Contains(Profiles.QuickFilter, BenchmarkConfig.Create(Profiles.NightlyPass).GetFilters());
    }

    [Theory]
    [InlineData(new string[0], new[] { "--filter", "*" })]
    [InlineData(new[] { "--job", "dry" }, new[] { "--job", "dry", "--filter", "*" })]
    [InlineData(new[] { "--filter", "*Http*" }, new[] { "--filter", "*Http*" })]
    [InlineData(new[] { "--anyCategories", "Sqlite" }, new[] { "--anyCategories", "Sqlite" })]
    public void WithDefaultSelection_Should_SelectEverything_OnlyWhenNothingIsSelected(string[] args, string[] expected)
    {
        Assert.Equal(expected, SuiteRunner.WithDefaultSelection(args));
    }

    [Fact]
    public void PublishCommand_Should_NameThisRunsReportsAndTheCheckoutsResults_FromInsideTheBuildOutput()
    {
        var root = PublishCommand.FindCheckout(AppContext.BaseDirectory);
        Assert.NotNull(root);

        var command = PublishCommand.For("BenchmarkDotNet.Artifacts/results", AppContext.BaseDirectory);

        Assert.Equal(
            $"dotnet run --project \"{Path.Combine(root, "scripts", "AsyncBench.Publish")}\" -- publish \"{Path.GetFullPath("BenchmarkDotNet.Artifacts/results")}\" --out \"{Path.Combine(root, "results")}\"",
            command);
        Assert.Null(PublishCommand.For("x", Path.GetTempPath()));
    }
}
