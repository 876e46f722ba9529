using AsyncBench.Protocol;
using AsyncBench.Publishing.Commands;
using AsyncBench.Publishing.Rules;
using static AsyncBench.Publish.Tests.PublishCli;

namespace AsyncBench.Publish.Tests;

/// <summary>The replicate verb: run 1's values against run 2's intervals, the verdicts of both, the criterion and the exit code.</summary>
public sealed class ReplicationTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private static IReadOnlyList<Placement> Holding(IEnumerable<DeclaredClaim> claims) =>
        [.. claims.Select(c => c.Deciding ? Scenarios.In(c, RuleOutcome.Holds) ?? new Placement(c, 0) : new Placement(c, 0))];

    private static readonly IReadOnlyList<DeclaredClaim> TimeClaims =
        [.. PlanDeclarations.Claims.Where(c => c.Rule is 2 or 7 or 9)];

    [Fact]
    public void SameValues_Should_Replicate()
    {
        var first = ClaimRuns.Build(Holding(TimeClaims), PlanDeclarations.Rules, PlanDeclarations.Metrics);
        var second = ClaimRuns.Build(Holding(TimeClaims), PlanDeclarations.Rules, PlanDeclarations.Metrics);

        var replication = Replication.Of(first, second);

        Assert.Equal(replication.WithInterval, replication.Inside);
        Assert.Equal(TimeClaims.Count, replication.WithInterval);
        Assert.Equal(3, replication.Verdicts);
        Assert.Equal(3, replication.VerdictsEqual);
        Assert.True(replication.Met);
        Assert.Contains($"**Summary:** {TimeClaims.Count} of {TimeClaims.Count} values of run 1 inside run 2's intervals (100 %; criterion ≥ 90 %); 3 of 3 verdicts equal (criterion ≥ 90 %): **met**.", ReplicationReport.Markdown(replication), StringComparison.Ordinal);
    }

    [Fact]
    public void MovedValues_Should_NotReplicate_AndSayWhichAndWhere()
    {
        var first = ClaimRuns.Build(Holding(TimeClaims), PlanDeclarations.Rules, PlanDeclarations.Metrics);
        var moved = TimeClaims.Select(c => c.Rule == 7 ? Scenarios.In(c, RuleOutcome.DoesNotCarryOver)! : Holding([c])[0]).ToList();
        var second = ClaimRuns.Build(moved, PlanDeclarations.Rules, PlanDeclarations.Metrics);

        var replication = Replication.Of(first, second);
        var markdown = ReplicationReport.Markdown(replication);

        Assert.False(replication.Met);
        Assert.Equal(replication.WithInterval - 1, replication.Inside);
        Assert.Contains("| 7 | `sleep-blocks-others` | timers | 4.00× | 1.00× [0.998, 1.00] | **no** |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 7 | Holds for timers | Does not carry over for timers | **no** |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void CountClaims_Should_BeComparedThroughTheVerdictsOnly()
    {
        var claim = PlanDeclarations.Claims.Single(c => c.Id == "wrapped-calls-overlap");
        var run = ClaimRuns.Build([new Placement(claim, 1)], PlanDeclarations.Rules, PlanDeclarations.Metrics);

        var replication = Replication.Of(run, run);

        Assert.Null(Assert.Single(replication.Claims).Inside);
        Assert.Equal(0, replication.WithInterval);
        Assert.False(replication.Met); // nothing with an interval: the intervals were not tested
    }

    [Fact]
    public void QuickRuns_Should_NotMeetTheCriterion_AndSaySo()
    {
        var (exit, stdout, stderr) = Run("replicate", TestInputs.Small, TestInputs.Small);

        Assert.Equal(Cli.NotReplicated, exit);
        Assert.Equal(string.Empty, stderr);
        Assert.Contains("Run 1 has 1 launch per case at the least: its time verdicts are provisional", stdout, StringComparison.Ordinal);
        Assert.Contains("| 7 | Holds for BlockingInAsyncBenchmarks (provisional) | Holds for BlockingInAsyncBenchmarks (provisional) | **no** |", stdout, StringComparison.Ordinal);
        Assert.Contains("Run 1's declarations are format 1", stdout, StringComparison.Ordinal);
        Assert.Contains("verdicts equal", stdout, StringComparison.Ordinal);
        Assert.Contains("**not met**", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Replicate_Should_Fail_OnAMissingFolder()
    {
        var (exit, _, stderr) = Run("replicate", TestInputs.Small, Path.Combine(temp.Path, "no-such-run"));

        Assert.Equal(Cli.BadInput, exit);
        Assert.StartsWith("error: The folder '", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public void Replicate_Should_Fail_OnRunsThatDeclareNoClaims()
    {
        var user = Path.Combine(AppContext.BaseDirectory, "Inputs", "user");

        var (exit, stdout, stderr) = Run("replicate", user, TestInputs.Small);

        Assert.Equal(Cli.BadInput, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.StartsWith("error: The run in '", stderr, StringComparison.Ordinal);
        Assert.Contains("declares no claims", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Replicate_Should_Fail_OnAReviewersRun()
    {
        var reviewer = Path.Combine(AppContext.BaseDirectory, "Inputs", "reviewer");

        var (exit, stdout, stderr) = Run("replicate", TestInputs.Small, reviewer);

        Assert.Equal(Cli.BadInput, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.StartsWith("error: The run in '", stderr, StringComparison.Ordinal);
        Assert.Contains("is a reviewer's run (at '--params Count=10", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public void Replicate_Should_SayWhereTheBetweenRunComponentCameFrom()
    {
        var (_, withHistory, _) = Run("replicate", TestInputs.Small, TestInputs.Small, "--history", temp.Path);
        var (_, without, _) = Run("replicate", TestInputs.Small, TestInputs.Small);

        Assert.Contains("- No between-run component: this machine has 0 earlier published runs", withHistory, StringComparison.Ordinal);
        Assert.Contains("- No between-run component: this machine has 0 earlier published runs", without, StringComparison.Ordinal);
    }

    [Fact]
    public void Replicate_Should_Fail_OnAMissingHistoryFolder()
    {
        var (exit, stdout, stderr) = Run("replicate", TestInputs.Small, TestInputs.Small, "--history", Path.Combine(temp.Path, "no-such-history"));

        Assert.Equal(Cli.BadInput, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.StartsWith("error: The history folder '", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public void Replicate_Should_Fail_OnAMissingArgument()
    {
        var (exit, _, stderr) = Run("replicate", TestInputs.Small);

        Assert.Equal(Cli.BadInput, exit);
        Assert.StartsWith("error: ", stderr, StringComparison.Ordinal);
    }
}
