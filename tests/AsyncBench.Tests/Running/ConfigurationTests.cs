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
}
