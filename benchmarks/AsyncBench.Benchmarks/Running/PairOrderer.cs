using System.Collections.Immutable;
using System.Globalization;
using AsyncBench.Benchmarks.Harness;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Order;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace AsyncBench.Benchmarks.Running;

/// <summary>
/// The execution order of a run whose jobs come in pairs, one launch each, named <c>&lt;side&gt;-...-r&lt;round&gt;</c>
/// (an A/B of two package versions, <see cref="AbRun"/>: <c>A-10.0.15-r3</c>, <c>B-11.0.0-r3</c>; a paired run of two
/// commits, <see cref="PairedRun"/>: <c>base-r3</c>, <c>head-r3</c>): round by round over the cases (so a case's rounds
/// spread over the run's time), and in each round a case's two jobs back to back, so a pair shares the machine's state.
/// Which of the two runs first in a round is <see cref="Reversed"/>'s to say (the pair's natural order is by job id:
/// A before B, anchor or base before head). A case that has only one side's job in a round (a case the base build does
/// not have) runs alone in its place. The summary order stays the suite's (<see cref="BaselineGroupingOrderer"/>).
/// </summary>
public sealed class PairOrderer(Func<int, bool> reversed) : IOrderer
{
    private static readonly BaselineGroupingOrderer Inner = new();

    /// <summary>The sides a paired job's id may start with.</summary>
    private static readonly string[] Sides = ["A", "B", PairedRun.BaseSide, PairedRun.AnchorSide, PairedRun.HeadSide];

    /// <summary>True when round <c>r</c>'s pairs run in reverse order (the later job id first).</summary>
    public Func<int, bool> Reversed => reversed;

    public bool SeparateLogicalGroups => Inner.SeparateLogicalGroups;

    public IEnumerable<BenchmarkCase> GetExecutionOrder(ImmutableArray<BenchmarkCase> benchmarksCase, IEnumerable<BenchmarkLogicalGroupRule>? order = null)
    {
        var ordered = Inner.GetExecutionOrder(benchmarksCase, order).ToList();
        var cases = ordered.Select(CaseKey).Distinct().ToList();
        var byCase = ordered.ToLookup(CaseKey);
        var rounds = ordered.Select(c => RoundOf(c.Job)).Where(r => r > 0).Distinct().Order().ToList();
        foreach (var round in rounds)
        {
            foreach (var key in cases)
            {
                var pair = byCase[key].Where(c => RoundOf(c.Job) == round).OrderBy(c => c.Job.Id, StringComparer.Ordinal).ToList();
                foreach (var benchmark in reversed(round) ? Enumerable.Reverse(pair) : pair)
                {
                    yield return benchmark;
                }
            }
        }

        // Anything that is not a paired job keeps its place at the end.
        foreach (var benchmark in ordered.Where(c => RoundOf(c.Job) == 0))
        {
            yield return benchmark;
        }
    }

    public IEnumerable<BenchmarkCase> GetSummaryOrder(ImmutableArray<BenchmarkCase> benchmarksCases, Summary summary) => Inner.GetSummaryOrder(benchmarksCases, summary);

    public string? GetHighlightGroupKey(BenchmarkCase benchmarkCase) => Inner.GetHighlightGroupKey(benchmarkCase);

    public string? GetLogicalGroupKey(ImmutableArray<BenchmarkCase> allBenchmarksCases, BenchmarkCase benchmarkCase) => Inner.GetLogicalGroupKey(allBenchmarksCases, benchmarkCase);

    public IEnumerable<IGrouping<string, BenchmarkCase>> GetLogicalGroupOrder(IEnumerable<IGrouping<string, BenchmarkCase>> logicalGroups, IEnumerable<BenchmarkLogicalGroupRule>? order = null) =>
        Inner.GetLogicalGroupOrder(logicalGroups, order);

    private static string CaseKey(BenchmarkCase benchmark) => benchmark.Descriptor.DisplayInfo + " " + benchmark.Parameters.DisplayInfo;

    /// <summary>The round of a paired job (<c>A-10.0.15-r3</c>, <c>head-r3</c>: 3); 0 for any other job.</summary>
    public static int RoundOf(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var at = job.Id.LastIndexOf("-r", StringComparison.Ordinal);
        return at > 0 && Sides.Contains(job.Id[..job.Id.IndexOf('-', StringComparison.Ordinal)], StringComparer.Ordinal)
            && int.TryParse(job.Id[(at + 2)..], NumberStyles.None, CultureInfo.InvariantCulture, out var round) && round > 0 ? round : 0;
    }
}
