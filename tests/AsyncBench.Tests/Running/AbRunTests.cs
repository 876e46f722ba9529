using AsyncBench.Benchmarks.Running;
using AsyncBench.Benchmarks.Sqlite;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace AsyncBench.Tests.Running;

/// <summary>
/// The one-run A/B option: checked before BenchmarkDotNet starts, one job per version and round carrying
/// the MSBuild property, and an execution order that puts each case's two versions back to back.
/// </summary>
public sealed class AbRunTests
{
    [Fact]
    public void TryTake_Should_ReadThePackageAndBothVersions_AndLeaveTheRest()
    {
        Assert.True(AbRun.TryTake(["--filter", "*Sqlite*", "--ab", "Microsoft.Data.Sqlite=10.0.15,11.0.0", "--ab-rounds", "6"], out var ab, out var rest, out _));

        Assert.Equal(new AbRun("Microsoft.Data.Sqlite", "10.0.15", "11.0.0", 6), ab);
        Assert.Equal(new[] { "--filter", "*Sqlite*" }, rest);
    }

    [Fact]
    public void TryTake_Should_AcceptTheSameVersionTwice_AsAnAAOfTheAB()
    {
        Assert.True(AbRun.TryTake(["--ab", "Microsoft.Data.Sqlite=11.0.0,11.0.0"], out var ab, out _, out _));

        Assert.Equal("11.0.0", ab!.VersionA);
        Assert.Equal("11.0.0", ab.VersionB);
    }

    [Fact]
    public void TryTake_Should_DoNothing_WithoutTheOption()
    {
        Assert.True(AbRun.TryTake(["--filter", "*"], out var ab, out var rest, out _));

        Assert.Null(ab);
        Assert.Equal(new[] { "--filter", "*" }, rest);
    }

    [Theory]
    [InlineData(new[] { "--ab", "Npgsql=8.0.0,9.0.0" }, "name a package the suite can vary")]
    [InlineData(new[] { "--ab", "Microsoft.Data.Sqlite=11.0.0" }, "give two versions")]
    [InlineData(new[] { "--ab", "Microsoft.Data.Sqlite=ten,11.0.0" }, "give two versions")]
    [InlineData(new[] { "--ab", "Microsoft.Data.Sqlite=10.0,11.0.0" }, "give two versions")]
    [InlineData(new[] { "--ab", "Microsoft.Data.Sqlite=10.0.15,11.0.0", "--ab-rounds", "3" }, "from 6 to 50")]
    [InlineData(new[] { "--ab-rounds", "8" }, "applies only with --ab")]
    [InlineData(new[] { "--ab" }, "needs a value")]
    [InlineData(new[] { "--ab", "Microsoft.Data.Sqlite=10.0.15,11.0.0", "--job", "short" }, "drop --job")]
    public void TryTake_Should_RefuseBadInput_WithWhatToDo(string[] args, string expected)
    {
        Assert.False(AbRun.TryTake(args, out _, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Should_ExitWith2_BeforeBenchmarkDotNetStarts_OnABadAbOption()
    {
        Assert.Equal(2, SuiteRunner.Run(["--ab", "Microsoft.Data.Sqlite=11.0.0", "--filter", "*Sqlite*"]));
    }

    [Fact]
    public void Jobs_Should_BeOneLaunchPerVersionAndRound_EachWithItsVersionsProperty()
    {
        var ab = new AbRun("Microsoft.Data.Sqlite", "10.0.15", "11.0.0", 6);

        var jobs = ab.Jobs(Profiles.JobFor(Profiles.Quick)).ToList();

        Assert.Equal(12, jobs.Count);
        Assert.All(jobs, j => Assert.Equal(1, j.Run.LaunchCount));
        Assert.Equal("A-10.0.15-r1", jobs[0].Id);
        Assert.Equal("B-11.0.0-r6", jobs[^1].Id);
        Assert.Equal("/p:MicrosoftDataSqliteVersion=10.0.15", Assert.Single(jobs[0].Infrastructure.Arguments!).TextRepresentation);
        Assert.Equal("/p:MicrosoftDataSqliteVersion=11.0.0", Assert.Single(jobs[1].Infrastructure.Arguments!).TextRepresentation);
    }

    [Fact]
    public void Orderer_Should_RunEachCasesTwoVersionsBackToBack_AlternatingPerRound()
    {
        var ab = new AbRun("Microsoft.Data.Sqlite", "10.0.15", "11.0.0", 6);
        var config = BenchmarkConfig.Create(Profiles.Quick, ab: ab);

        var order = BenchmarkConverter.TypeToBenchmarks(typeof(SqlitePointLookupBenchmarks), config).BenchmarksCases;

        Assert.Equal(0, order.Length % 2);
        for (var i = 0; i < order.Length; i += 2)
        {
            var (first, second) = (order[i], order[i + 1]);
            Assert.Equal(first.Descriptor.DisplayInfo + first.Parameters.DisplayInfo, second.Descriptor.DisplayInfo + second.Parameters.DisplayInfo);
            var round = AbRun.Orderer.RoundOf(first.Job);
            Assert.Equal(round, AbRun.Orderer.RoundOf(second.Job));
            Assert.Equal(round % 2 == 1 ? "A" : "B", first.Job.Id[..1]);
            Assert.Equal(round % 2 == 1 ? "B" : "A", second.Job.Id[..1]);
        }

        // Rounds are the outer loop: every case's round 1 runs before any case's round 2.
        var rounds = order.Select(c => AbRun.Orderer.RoundOf(c.Job)).ToArray();
        Assert.Equal(rounds.Order().ToArray(), rounds);
    }

    [Fact]
    public void RoundOf_Should_BeZero_ForAnyOtherJob()
    {
        Assert.Equal(0, AbRun.Orderer.RoundOf(Job.Dry));
        Assert.Equal(0, AbRun.Orderer.RoundOf(Profiles.JobFor(Profiles.Nightly)));
        Assert.Equal(3, AbRun.Orderer.RoundOf(Job.Dry.WithId("B-11.0.0-r3")));
    }
}
