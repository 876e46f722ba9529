using AsyncBench.Protocol;
using AsyncBench.Publishing.Rules;

namespace AsyncBench.Publish.Tests;

/// <summary>
/// For a rule's declared claims, where to put each claim's value so that the rule's verdict is the one wanted;
/// null when the declarations cannot give it (e.g. "holds only for" with one deciding claim).
/// </summary>
public static class Scenarios
{
    public static IReadOnlyList<VerdictKind> Decided { get; } = [VerdictKind.Holds, VerdictKind.DoesNotCarryOver, VerdictKind.HoldsOnlyFor, VerdictKind.Inconclusive];

    public static List<Placement>? For(IReadOnlyList<DeclaredClaim> claims, VerdictKind wanted)
    {
        var deciding = claims.Where(c => c.Deciding).ToList();
        if (deciding.Count == 0)
        {
            return null;
        }

        List<Placement?> placed = wanted switch
        {
            VerdictKind.Holds => [.. deciding.Select(c => In(c, RuleOutcome.Holds))],
            VerdictKind.DoesNotCarryOver => [.. deciding.Select(c => In(c, RuleOutcome.DoesNotCarryOver))],
            VerdictKind.HoldsOnlyFor when deciding.Count >= 2 => [In(deciding[0], RuleOutcome.Holds), .. deciding.Skip(1).Select(c => In(c, RuleOutcome.DoesNotCarryOver))],
            VerdictKind.Inconclusive => Inconclusive(deciding),
            _ => [null],
        };
        if (placed.Count == 0 || placed.Any(p => p is null))
        {
            return null;
        }

        // Evidence claims anywhere their sides allow (band 0): shown, never deciding.
        return [.. placed.Select(p => p!), .. claims.Where(c => !c.Deciding).Select(c => new Placement(c, 0))];
    }

    /// <summary>Placements whose claims' values each land in a band of the outcome given, by rule and claim id.</summary>
    public static Placement? In(DeclaredClaim claim, RuleOutcome outcome)
    {
        var band = claim.Outcomes.Select((o, i) => (o, i)).Where(p => p.o == outcome).Select(p => (int?)p.i).FirstOrDefault();
        return band is { } b ? new Placement(claim, b) : null;
    }

    /// <summary>One deciding claim with an interval on a threshold between a band that holds and one that does not; the others hold.</summary>
    private static List<Placement?> Inconclusive(IReadOnlyList<DeclaredClaim> deciding)
    {
        var undecided = deciding
            .Where(c => c.Measure != ClaimMeasure.Metric)
            .Select(c => (Claim: c, Band: Enumerable.Range(1, c.Thresholds.Count).Cast<int?>().FirstOrDefault(i => c.Outcomes[i!.Value] != c.Outcomes[i.Value - 1]
                && c.Outcomes[i.Value] is RuleOutcome.Holds or RuleOutcome.DoesNotCarryOver
                && c.Outcomes[i.Value - 1] is RuleOutcome.Holds or RuleOutcome.DoesNotCarryOver)))
            .FirstOrDefault(c => c.Band is not null);
        if (undecided.Claim is null)
        {
            return [];
        }

        return [new Placement(undecided.Claim, undecided.Band!.Value, OnThreshold: true), .. deciding.Where(c => c != undecided.Claim).Select(c => In(c, RuleOutcome.Holds))];
    }
}
