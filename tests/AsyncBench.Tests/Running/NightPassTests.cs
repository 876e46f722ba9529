using AsyncBench.Benchmarks.Declarations;
using AsyncBench.Benchmarks.Files;
using AsyncBench.Benchmarks.Http;
using AsyncBench.Benchmarks.Running;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace AsyncBench.Tests.Running;

/// <summary>
/// --pass K --passes N: pass K of a nightly run as N passes. A class takes part while K is within its launches, those it
/// declares ([NightlyLaunches]) or N; a pass no class takes part in runs nothing, which ends the night's passes.
/// </summary>
public sealed class NightPassTests
{
    private static readonly Type Declaring = typeof(FileReadBenchmarks);
    private static readonly Type Undeclared = typeof(HttpBenchmarks);

    private static int Declared => NightlyLaunchesAttribute.Of(Declaring)!.Value;

    private static bool Kept(NightPass pass, Type type) =>
        BenchmarkConverter.TypeToBenchmarks(type, ManualConfig.CreateEmpty()).BenchmarksCases is { Length: > 0 } cases && cases.All(pass.Filter().Predicate);

    [Fact]
    public void Pass_Should_TakeAClassWhileWithinItsLaunches_DeclaredOrTheNights()
    {
        Assert.Null(NightlyLaunchesAttribute.Of(Undeclared));
        var passes = Declared == 5 ? 4 : 5; // a night whose passes differ from the declaration

        Assert.True(Kept(new NightPass(1, passes), Undeclared));
        Assert.True(Kept(new NightPass(passes, passes), Undeclared));
        Assert.False(Kept(new NightPass(passes + 1, passes), Undeclared));
        Assert.True(Kept(new NightPass(Declared, passes), Declaring));
        Assert.False(Kept(new NightPass(Declared + 1, passes), Declaring));
        Assert.Equal(Declared, new NightPass(1, passes).LaunchesOf(Declaring));
        Assert.Equal(passes, new NightPass(1, passes).LaunchesOf(Undeclared));
    }

    [Fact]
    public void EvidencePass_Should_TakeEveryClassInEveryPass_WhateverItDeclaresForTheNightly()
    {
        Assert.True(NightPass.TryTake(["--pass", "5", "--passes", "5"], Profiles.Evidence, out var pass, out _, out _));
        Assert.Equal(new NightPass(5, 5, EveryClass: true), pass);
        var fewer = typeof(AsyncBench.Benchmarks.Serial.SerialPortBenchmarks); // declares 2 nightly launches
        Assert.Equal(2, NightlyLaunchesAttribute.Of(fewer));
        Assert.True(Kept(pass!, fewer));
        Assert.Equal(5, pass!.LaunchesOf(Declaring));
        Assert.False(Kept(new NightPass(5, 5), fewer));
    }

    [Fact]
    public void Classes_Should_NameTheClassesTakingPart_AndNoneBeyondEveryClassesLaunches()
    {
        Assert.Contains(Declaring.FullName!, new NightPass(Declared, 2).Classes());
        Assert.Contains(Undeclared.FullName!, new NightPass(2, 2).Classes());
        Assert.DoesNotContain(Undeclared.FullName!, new NightPass(3, 2).Classes());
        Assert.Empty(new NightPass(1000, 5).Classes());
    }

    [Fact]
    public void TryTake_Should_LeaveTheOtherOptions_AndBeAbsentByDefault()
    {
        Assert.True(NightPass.TryTake(["--filter", "*", "--pass", "7", "--passes", "5"], Profiles.NightlyPass, out var pass, out var rest, out _));
        Assert.Equal(new NightPass(7, 5), pass);
        Assert.Equal(["--filter", "*"], rest);

        Assert.True(NightPass.TryTake(["--filter", "*"], Profiles.Quick, out pass, out rest, out _));
        Assert.Null(pass);
        Assert.Equal(["--filter", "*"], rest);
    }

    [Theory]
    [InlineData(new[] { "--pass", "1" }, "nightly-pass", "--pass and --passes go together, whole numbers: the pass (from 1) and the night's passes (from 2), e.g. --pass 1 --passes 5 (got --pass '1' --passes '').")]
    [InlineData(new[] { "--pass", "one", "--passes", "5" }, "nightly-pass", "--pass and --passes go together, whole numbers: the pass (from 1) and the night's passes (from 2), e.g. --pass 1 --passes 5 (got --pass 'one' --passes '5').")]
    [InlineData(new[] { "--pass", "1", "--passes", "1" }, "nightly-pass", "--pass and --passes go together, whole numbers: the pass (from 1) and the night's passes (from 2), e.g. --pass 1 --passes 5 (got --pass '1' --passes '1').")]
    [InlineData(new[] { "--pass", "0", "--passes", "5" }, "nightly-pass", "--pass and --passes go together, whole numbers: the pass (from 1) and the night's passes (from 2), e.g. --pass 1 --passes 5 (got --pass '0' --passes '5').")]
    [InlineData(new[] { "--pass", "1", "--passes", "5" }, "quick", "--pass is a pass of the nightly or the evidence run: use it with --profile nightly-pass or --profile evidence (got --profile quick).")]
    public void TryTake_Should_RefuseWithOneLine(string[] args, string profile, string expected)
    {
        Assert.False(NightPass.TryTake(args, profile, out _, out _, out var error));
        Assert.Equal(expected, error);
    }
}

/// <summary>A pass on the command line, in this process (it reads every ASYNCBENCH_* variable first).</summary>
[Collection(ProcessWideStateCollection.Name)]
public sealed class NightPassExitCodeTests
{
    [Fact]
    public void Run_Should_RunNothingAndExitZero_WhenNoClassTakesPartInThePass()
    {
        Assert.Equal(0, SuiteRunner.Run(["--profile", "nightly-pass", "--pass", "1000", "--passes", "5"]));
    }

    [Fact]
    public void Run_Should_ExitTwo_OnABadPass()
    {
        Assert.Equal(2, SuiteRunner.Run(["--profile", "quick", "--pass", "1", "--passes", "5"]));
    }
}
