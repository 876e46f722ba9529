using AsyncBench.Benchmarks.Declarations;
using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Http;
using AsyncBench.Benchmarks.Running;
using AsyncBench.Protocol;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace AsyncBench.Tests.Running;

/// <summary>--error-budget and --server-limit as the suite reads them: taken out before BenchmarkDotNet sees the rest, every bad value one error line.</summary>
public sealed class ErrorBudgetOptionTests
{
    [Theory]
    [InlineData("2%", 0.02)]
    [InlineData("0.5 %", 0.005)]
    [InlineData("0.02", 0.02)]
    [InlineData("0", 0.0)]
    [InlineData("0%", 0.0)]
    public void TryTake_Should_ReadAShare_InPercentOrAsAFraction(string value, double share)
    {
        Assert.True(ErrorBudgetOption.TryTake(["--filter", "*Http*", ErrorBudgetOption.Option, value, "--job", "dry"], out var taken, out var rest, out _));

        Assert.Equal(share, taken, 12);
        Assert.Equal(["--filter", "*Http*", "--job", "dry"], rest);
    }

    [Fact]
    public void TryTake_Should_LeaveNoBudget_WithoutTheOption_AndTakeTheLastOne()
    {
        Assert.True(ErrorBudgetOption.TryTake(["--filter", "*"], out var none, out _, out _));
        Assert.True(ErrorBudgetOption.TryTake(["--error-budget", "5%", "--error-budget=1%"], out var last, out _, out _));

        Assert.Equal(0, none);
        Assert.Equal(0.01, last, 12);
        Assert.Null(ErrorBudgetOption.Describe(none));
        Assert.Equal("== error budget: 1 % of each case's measured units may fail (counted, shown as Errors [%]); a case fails past it.", ErrorBudgetOption.Describe(last));
    }

    [Theory]
    [InlineData("2", "--error-budget '2' is not a fraction below 1: write 2% for a share in percent, or e.g. 0.02.")]
    [InlineData("100%", "--error-budget '100%' would let every unit fail: give a share below 100%, e.g. 2%.")]
    [InlineData("two", "--error-budget takes a share of failed units, e.g. 2% or 0.02 (got 'two').")]
    [InlineData("-1%", "--error-budget takes a share of failed units, e.g. 2% or 0.02 (got '-1%').")]
    [InlineData("", "--error-budget takes a share of failed units a case may have, e.g. --error-budget 2% (or 0.02); 0 (the default) fails a case at its first failed unit.")]
    public void TryTake_Should_RefuseBadBudgets_WithOneLine(string value, string expected)
    {
        Assert.False(ErrorBudgetOption.TryTake([ErrorBudgetOption.Option, value], out _, out _, out var error));

        Assert.Equal(expected, error);
    }

    [Fact]
    public void TryTake_Should_ReadAServerLimit()
    {
        Assert.True(ServerLimitOption.TryTake(["--server-limit", "50", "--filter", "*Http*"], out var limit, out var rest, out _));

        Assert.Equal(50, limit);
        Assert.Equal(["--filter", "*Http*"], rest);
    }

    [Theory]
    [InlineData("0", " (got '0').")]
    [InlineData("fifty", " (got 'fifty').")]
    [InlineData("", ".")]
    public void TryTake_Should_RefuseBadServerLimits_WithOneLine(string value, string ending)
    {
        Assert.False(ServerLimitOption.TryTake([ServerLimitOption.Option, value], out _, out _, out var error));

        Assert.Equal("--server-limit takes the requests the mock HTTP server answers at once before it refuses with 429, a whole number from 1 to 2147483647" + ending, error);
    }

    [Fact]
    public void ReviewerSetting_Should_NameTheBudgetAndTheLimit()
    {
        Assert.Equal("--error-budget 0.5% --server-limit 50", ReviewerRun.Describe(null, null, 0.005, 50));
        Assert.Null(ReviewerRun.Describe(null, null));
    }
}

/// <summary>
/// What reads the process-wide variables the suite hands its benchmark processes: --server-limit against a real server
/// (refused, not ignored), the budget in the declarations sidecar and its claims, the exit code on a bad budget.
/// </summary>
[Collection(ProcessWideStateCollection.Name)]
public sealed class ErrorBudgetRunTests
{
    private static List<BenchmarkCase> HttpCases() =>
        [.. BenchmarkConverter.TypeToBenchmarks(typeof(HttpBenchmarks), DefaultConfig.Instance).BenchmarksCases];

    [Fact]
    public void Declare_Should_CarryTheBudget_OnEveryCase_AndPutTheFailedShareFirstInEachAnswer()
    {
        var plain = DeclarationsExporter.Declare(HttpCases());
        ErrorBudgetOption.Export(0.02);
        try
        {
            var declared = DeclarationsExporter.Declare(HttpCases());

            Assert.All(declared.Benchmarks, b => Assert.Equal("2%", b.ErrorBudget));
            Assert.All(declared.Claims!, c => Assert.Equal(MetricIds.UnitsFailedShare, c.Mechanism[0]));
            Assert.All(plain.Benchmarks, b => Assert.Null(b.ErrorBudget));
            Assert.All(plain.Claims!, c => Assert.DoesNotContain(MetricIds.UnitsFailedShare, c.Mechanism));
        }
        finally
        {
            ErrorBudgetOption.Export(0);
        }
    }

    [Fact]
    public void Floor_Should_BeBoundByTheServerLimit_OnlyWithOne()
    {
        var benchmarks = new HttpBenchmarks { Count = 100, LatencyMs = 20 };
        ServerLimitOption.Export(5);
        try
        {
            Assert.Equal(new WorkloadFloor(20, 5), benchmarks.Floor(null));
        }
        finally
        {
            ServerLimitOption.Export(null);
        }

        Assert.Equal(new WorkloadFloor(20), benchmarks.Floor(null));
    }

    [Fact]
    public void Run_Should_ExitTwo_OnABadBudget_BeforeBenchmarkDotNetStarts()
    {
        Assert.Equal(2, SuiteRunner.Run(["--filter", "*HttpBenchmarks*", "--error-budget", "2"]));
        // A good budget with another setting wrong: the check refuses it after the budget was handed on, and takes it back.
        Assert.Equal(2, SuiteRunner.Run(["--filter", "*HttpBenchmarks*", "--error-budget", "2%", "--job", "nosuch"]));
        Assert.Null(Environment.GetEnvironmentVariable(RunErrorBudget.Variable));
    }

    [Fact]
    public void TryTake_Should_RefuseAServerLimit_AgainstARealServer()
    {
        Environment.SetEnvironmentVariable(HttpWorkload.ExternalUrlVariable, "http://127.0.0.1:9/item");
        try
        {
            Assert.False(ServerLimitOption.TryTake(["--server-limit", "50"], out _, out _, out var error));

            Assert.Equal("--server-limit sets the mock HTTP server's limit, and ASYNCBENCH_HTTP_URL='http://127.0.0.1:9/item' replaces the mock with a real server, whose limit is its own. Drop --server-limit, or unset ASYNCBENCH_HTTP_URL.", error);
        }
        finally
        {
            Environment.SetEnvironmentVariable(HttpWorkload.ExternalUrlVariable, null);
        }
    }
}
