using AsyncBench.Benchmarks.Running;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains;
using BenchmarkDotNet.Toolchains.Results;

namespace AsyncBench.Tests.Running;

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
        Assert.Contains("quick, sweep, nightly, nightly-pass, evidence, full", error, StringComparison.Ordinal);
    }

    [Fact]
    public void NightlyProfile_Should_MeasureEveryCaseInSeveralProcesses_AndKeepTheSweepsCut()
    {
        var nightly = Profiles.JobFor(Profiles.Nightly);
        Assert.True(nightly.Run.LaunchCount > 1);
        Assert.True(Profiles.JobFor(Profiles.Quick).Run.LaunchCount == 1);
        Assert.Contains(Profiles.SweepFilter, BenchmarkConfig.Create(Profiles.Nightly).GetFilters());
        Assert.DoesNotContain(Profiles.SweepFilter, BenchmarkConfig.Create(Profiles.Full).GetFilters());
    }

    [Theory]
    [InlineData(Profiles.Quick)]
    [InlineData(Profiles.Nightly)]
    [InlineData(Profiles.Full)]
    public void EveryProfile_Should_GiveTheGeneratedProjectsBuild_TheSuitesTimeout_NotBenchmarkDotNetsTwoMinutes(string profile)
    {
        var config = BenchmarkDotNet.Configs.ImmutableConfigBuilder.Create(BenchmarkConfig.Create(profile));

        Assert.Equal(BenchmarkConfig.BuildTimeout, config.BuildTimeout);
        Assert.True(config.BuildTimeout > BenchmarkDotNet.Configs.DefaultConfig.Instance.BuildTimeout, $"{config.BuildTimeout}");
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
        Assert.Contains(Profiles.SweepFilter, BenchmarkConfig.Create(Profiles.NightlyPass).GetFilters());
    }

    [Theory]
    [InlineData(Profiles.Nightly, "0")]
    [InlineData(Profiles.NightlyPass, "0")]
    [InlineData(Profiles.Quick, null)]
    [InlineData(Profiles.Sweep, null)]
    [InlineData(Profiles.Evidence, null)]
    [InlineData(Profiles.Full, null)]
    public void GateProfiles_Should_TurnTieredCompilationOff_AndTheOthersKeepTheRuntimesDefaults(string profile, string? expected)
    {
        // The gate pairs launches under one setting and needs steady code; the rules page answers for code as users run it.
        var settings = Profiles.RuntimeSettings(profile);

        Assert.Equal(expected, settings.SingleOrDefault(s => s.Key == Profiles.TieredCompilationVariable).Value);
        Assert.Equal(expected is null ? 0 : 1, settings.Count);
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

/// <summary>
/// A failed case's line carries its cause, from what BenchmarkDotNet kept of it: the build's timeout or compiler error,
/// the innermost exception the benchmark process printed, or how the process ended.
/// </summary>
public sealed class SuiteRunnerFailureCauseTests
{
    private static readonly BenchmarkCase Case = BenchmarkConverter.TypeToBenchmarks(typeof(AsyncBench.Benchmarks.Rules.AsyncMethodBenchmarks)).BenchmarksCases[0];
    private static readonly GenerateResult Generated = GenerateResult.Success(ArtifactsPaths.Empty, []);

    [Fact]
    public void ABuildTimeout_Should_BeNamed_WithTheTimeout()
    {
        // As BenchmarkDotNet words a build command that ran out of time (DotNetCliCommandExecutor), inside its build output.
        var built = BuildResult.Failure(Generated, "Standard output: \n  AsyncBench.Protocol -> /tmp/x/AsyncBench.Protocol.dll\n Standard error: \n The configured timeout 00:10:00 was reached!");

        Assert.Equal("its build failed: The configured timeout 00:10:00 was reached!", SuiteRunner.Cause(Report(built)));
    }

    [Fact]
    public void ACompilerError_Should_BeItsFirstErrorLine()
    {
        var built = BuildResult.Failure(Generated, "Standard output: \n warning CS0168: unused\n /tmp/x/Runnable.cs(12,5): error CS1002: ; expected\n /tmp/x/Runnable.cs(14,5): error CS1003: another");

        Assert.Equal("its build failed: /tmp/x/Runnable.cs(12,5): error CS1002: ; expected", SuiteRunner.Cause(Report(built)));
    }

    [Fact]
    public void AThrowingBenchmark_Should_BeNamed_ByItsInnermostException()
    {
        // The generated program prints the exception it caught (Exception.ToString), after the engine's own lines; as a
        // fixture that would not start did in a dry run here (ASYNCBENCH_FIXTURE_HOST naming a library, not the host).
        var run = Executed(-1,
            "// Job: Dry(IterationCount=1, LaunchCount=1, RunStrategy=ColdStart, UnrollFactor=1, WarmupCount=1)",
            "System.Reflection.TargetInvocationException: Exception has been thrown by the target of an invocation.",
            " ---> AsyncBench.Fixtures.FixtureStartException: The mock HTTP server (WireMock.Net) exited with code 131 before it was ready.",
            "   at AsyncBench.Fixtures.FixtureHostProcess.WaitForReadyAsync(CancellationToken cancellationToken)",
            "   --- End of inner exception stack trace ---");

        Assert.Equal(
            "it threw AsyncBench.Fixtures.FixtureStartException: The mock HTTP server (WireMock.Net) exited with code 131 before it was ready.",
            SuiteRunner.Cause(Report(BuildResult.Success(Generated), run)));
    }

    [Fact]
    public void AProcessThatDiedSilently_Should_BeNamed_ByItsExitCode()
    {
        var run = Executed(134, "// Benchmark: AsyncMethodBenchmarks.SyncMethod");

        Assert.Equal("its process exited with code 134 and printed no exception", SuiteRunner.Cause(Report(BuildResult.Success(Generated), run)));
    }

    [Fact]
    public void ACaseWithoutAReport_Should_SaySo()
    {
        Assert.StartsWith("it has no report", SuiteRunner.Cause(null), StringComparison.Ordinal);
    }

    [Fact]
    public void AFailedGeneration_Should_CarryItsExceptionMessage()
    {
        var failed = GenerateResult.Failure(ArtifactsPaths.Empty, [], new IOException("disk full"));

        Assert.Equal("generating its project failed: disk full", SuiteRunner.Cause(Report(BuildResult.Failure(failed, "not built"), generated: failed)));
    }

    /// <summary>A benchmark process's run, its lines as BenchmarkDotNet's pipe delivers them: "//" ones apart, the others as results.</summary>
    private static ExecuteResult Executed(int exitCode, params string[] lines) =>
        new(foundExecutable: true, exitCode, processId: 1, results: [.. lines.Where(l => !l.StartsWith("//", StringComparison.Ordinal))],
            prefixedLines: [.. lines.Where(l => l.StartsWith("//", StringComparison.Ordinal))], standardOutput: [], launchIndex: 1);

    private static BenchmarkReport Report(BuildResult built, ExecuteResult? run = null, GenerateResult? generated = null) =>
        new(success: false, Case, generated ?? Generated, built, run is null ? [] : [run], metrics: []);
}
