using AsyncBench.Benchmarks.Running;

namespace AsyncBench.Tests.Running;

/// <summary>
/// --profile and --job as System.CommandLine reads them (<see cref="SuiteOptions"/>): the same values and error lines as
/// the hand-written parsing they replace, and every other token passed to BenchmarkDotNet as it was given.
/// </summary>
public sealed class SuiteOptionsTests
{
    [Theory]
    [InlineData(new[] { "--job", "dry" }, new[] { "dry" })]
    [InlineData(new[] { "-j", "Short", "--filter", "*" }, new[] { "Short" })]
    [InlineData(new[] { "--job=dry" }, new[] { "dry" })]
    [InlineData(new[] { "--job", "dry", "--job", "fast" }, new[] { "dry", "fast" })]
    [InlineData(new[] { "--filter", "*", "--job" }, new[] { "" })]
    [InlineData(new[] { "--filter", "*" }, new string[0])]
    public void Take_Should_ReadEachOccurrence(string[] args, string[] expected)
    {
        Assert.Equal(expected, SuiteOptions.Take(args, SuiteOptions.Job).Values);
    }

    [Fact]
    public void Take_Should_PassEveryOtherToken_AsGiven()
    {
        string[] args = ["--filter", "*Http*", "*Sqlite*", "--profile", "full", "--anyCategories", "A", "B", "@notes.rsp", "--help", "--version", "[diagram]", "--artifacts=/tmp/x"];

        var (values, rest) = SuiteOptions.Take(args, Profiles.Option);

        Assert.Equal(["full"], values);
        Assert.Equal(["--filter", "*Http*", "*Sqlite*", "--anyCategories", "A", "B", "@notes.rsp", "--help", "--version", "[diagram]", "--artifacts=/tmp/x"], rest);
    }

    [Theory]
    [InlineData(new[] { "--profile", "slow" }, "--profile takes one of: quick, sweep, nightly, nightly-pass, evidence, full (got 'slow').")]
    [InlineData(new[] { "--filter", "*", "--profile" }, "--profile takes one of: quick, sweep, nightly, nightly-pass, evidence, full.")]
    [InlineData(new[] { "--profile", "--job", "dry" }, "--profile takes one of: quick, sweep, nightly, nightly-pass, evidence, full (got '--job').")]
    public void TryTakeProfile_Should_RefuseWithTheSameLine(string[] args, string expected)
    {
        Assert.False(SuiteRunner.TryTakeProfile(args, out _, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void TryTakeProfile_Should_TakeTheLastOne()
    {
        Assert.True(SuiteRunner.TryTakeProfile(["--profile", "full", "--profile", "nightly", "--filter", "*"], out var profile, out var rest, out _));
        Assert.Equal("nightly", profile);
        Assert.Equal(["--filter", "*"], rest);
    }

    [Theory]
    [InlineData(new[] { "--job", "fast" }, "--job 'fast' is not a BenchmarkDotNet job; use one of: default, dry, short, medium, long, verylong (or --profile quick|full).")]
    [InlineData(new[] { "--job=fast" }, "--job 'fast' is not a BenchmarkDotNet job; use one of: default, dry, short, medium, long, verylong (or --profile quick|full).")]
    [InlineData(new[] { "--job" }, "--job '' is not a BenchmarkDotNet job; use one of: default, dry, short, medium, long, verylong (or --profile quick|full).")]
    public void Check_Should_RefuseAJobBenchmarkDotNetHasNot(string[] args, string expected)
    {
        Assert.Equal(expected, ConfigurationCheck.Check(args));
    }
}
