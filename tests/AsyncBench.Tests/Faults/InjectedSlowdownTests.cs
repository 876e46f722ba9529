using System.Diagnostics;
using AsyncBench.Benchmarks.Faults;

namespace AsyncBench.Tests.Faults;

/// <summary>ASYNCBENCH_SLOWDOWN: what it accepts, what it refuses with one message, which benchmarks it names, and what the wrapped engine action does.</summary>
public sealed class InjectedSlowdownTests
{
    private const string PointLookup = "AsyncBench.Benchmarks.Sqlite.SqlitePointLookupBenchmarks.Serial(Count: 100)";
    private const string HttpWhenAll = "AsyncBench.Benchmarks.Http.HttpBenchmarks.WhenAll(Count: 10, LatencyMs: 20)";

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(";")]
    public void Unset_Should_BeOff(string? text)
    {
        Assert.True(InjectedSlowdown.TryParse(text, out var slowdown, out var error), error);
        Assert.False(slowdown.IsOn);
        Assert.Null(slowdown.PercentFor(PointLookup));
    }

    [Fact]
    public void Rules_Should_NameCasesByGlob_FirstMatchWinning()
    {
        Assert.True(InjectedSlowdown.TryParse(" *sqlitepointlookupbenchmarks.Serial(Count: 100)=15 ; *HttpBenchmarks.*(Count: 1?, *=7.5% ;*=50", out var slowdown, out var error), error);

        Assert.True(slowdown.IsOn);
        Assert.Equal(3, slowdown.Rules.Count);
        Assert.Equal(15, slowdown.PercentFor(PointLookup)); // case-insensitive, like --filter
        Assert.Equal(7.5, slowdown.PercentFor(HttpWhenAll)); // '?' is one character; a trailing % is allowed
        Assert.Equal(50, slowdown.PercentFor("AsyncBench.Benchmarks.Files.FileReadBenchmarks.Serial(Count: 100, SizeBytes: 4096, Api: FileStream)"));
    }

    [Fact]
    public void Rule_Should_MatchTheWholeName_NotAPart()
    {
        Assert.True(InjectedSlowdown.TryParse("SqlitePointLookupBenchmarks.Serial=15", out var slowdown, out _));

        Assert.Null(slowdown.PercentFor(PointLookup));
    }

    [Theory]
    [InlineData("*Sqlite*", "is not <glob")]
    [InlineData("=15", "is not <glob")]
    [InlineData("*Sqlite*=", "is not <glob")]
    [InlineData("*Sqlite*=fast", "must be a percent")]
    [InlineData("*Sqlite*=0", "must be a percent")]
    [InlineData("*Sqlite*=-5", "must be a percent")]
    [InlineData("*Sqlite*=1001", "must be a percent")]
    [InlineData("*Sqlite*=NaN", "must be a percent")]
    [InlineData("*Http*=10;*Sqlite*", "is not <glob")]
    public void Malformed_Should_BeRefused_WithAMessageNamingTheVariableAndValue(string text, string problem)
    {
        Assert.False(InjectedSlowdown.TryParse(text, out var slowdown, out var error));

        Assert.False(slowdown.IsOn);
        Assert.StartsWith($"{InjectedSlowdown.Variable}='{text}': ", error, StringComparison.Ordinal);
        Assert.Contains(problem, error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void Slowed_Should_RunTheActionWithItsCount_ThenSpinAtLeastTheFractionOfItsTime()
    {
        var counts = new List<long>();
        var slowed = SlowdownEngineFactory.Slowed(count =>
        {
            counts.Add(count);
            Thread.Sleep(20); // Never shorter than 20 ms, so the spin is at least 10 ms.
        }, fraction: 0.5);

        var started = Stopwatch.GetTimestamp();
        slowed(16);
        var elapsed = Stopwatch.GetElapsedTime(started);

        Assert.Equal([16L], counts);
        // A lower bound only: the spin ends no earlier than 1.5 × the action's own time, however busy the machine.
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(30), $"{elapsed.TotalMilliseconds} ms");
    }
}
