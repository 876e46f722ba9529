namespace AsyncBench.Tests.Running;

/// <summary>A bad setting stops the benchmark program before BenchmarkDotNet starts: exit 2, one `error:` line naming it, nothing run.</summary>
public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("ASYNCBENCH_HTTP_URL", "not a url")]
    [InlineData("ASYNCBENCH_HTTP_URL", "ftp://127.0.0.1/item")]
    [InlineData("ASYNCBENCH_HTTP_URL", "http://127.0.0.1:1/item")]
    [InlineData("ASYNCBENCH_SQLITE_DIR", "/asyncbench/no/such/folder")]
    [InlineData("ASYNCBENCH_FILES_DIR", "/asyncbench/no/such/folder")]
    [InlineData("ASYNCBENCH_SERIAL_PORTS", "/dev/asyncbench-no-such-port")]
    [InlineData("ASYNCBENCH_FIXTURE_HOST", "/asyncbench/no/such/AsyncBench.FixtureHost.dll")]
    [InlineData("ASYNCBENCH_HTTP_ULR", "http://127.0.0.1:8080/")]
    [InlineData("ASYNCBENCH_SLOWDOWN", "*HttpBenchmarks.Serial*")]
    [InlineData("ASYNCBENCH_SLOWDOWN", "*HttpBenchmarks.Serial*=0")]
    [InlineData("ASYNCBENCH_SLOWDOWN", "*HttpBenchmarks.Serial*=15;*NoSuchBenchmark*=15")]
    [InlineData("ASYNCBENCH_SLOWDOWN", "*SqliteInsertBenchmarks*=15")] // a real benchmark, but not in this run (--filter)
    public async Task BadVariable_Should_ExitTwo_WithOneLineNamingItAndItsValue(string variable, string value)
    {
        var outcome = await BenchmarkProgram.RunAsync(["--filter", "*HttpBenchmarks*"], new Dictionary<string, string?> { [variable] = value });

        BenchmarkProgram.AssertStoppedWithOneErrorLine(outcome, variable, value);
    }

    [Fact]
    public async Task UnknownJob_Should_ExitTwo_WithOneLineNamingIt()
    {
        var outcome = await BenchmarkProgram.RunAsync(["--job", "fast", "--filter", "*HttpBenchmarks*"]);

        BenchmarkProgram.AssertStoppedWithOneErrorLine(outcome, "--job", "fast");
    }

    /// <summary>
    /// The evidence profile reads the claims' cases at their declared settings: a reviewer's setting with it is refused,
    /// naming both and what to run instead, not run under the evidence run's name.
    /// </summary>
    [Theory]
    [InlineData("--params", "Count=500")]
    [InlineData("--latency", "lognormal:median=20ms,p99=200ms")]
    [InlineData("--error-budget", "2%")]
    [InlineData("--server-limit", "50")]
    public async Task ReviewersSetting_WithTheEvidenceProfile_Should_ExitTwo_WithOneLineNamingBothAndWhatToRunInstead(string option, string value)
    {
        var outcome = await BenchmarkProgram.RunAsync(["--profile", "evidence", "--filter", "*HttpBenchmarks*", option, value]);

        BenchmarkProgram.AssertStoppedWithOneErrorLine(outcome, "--profile evidence", option);
        Assert.Contains("--profile full", outcome.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReviewersSetting_WithAnotherProfile_Should_NotBeRefusedForIt()
    {
        var outcome = await BenchmarkProgram.RunAsync(["--profile", "full", "--filter", "*HttpBenchmarks*", "--params", "Count=500", "--list", "flat"]);

        Assert.Equal(0, outcome.ExitCode);
        Assert.DoesNotContain("--profile evidence", outcome.StandardError, StringComparison.Ordinal);
    }
}
