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

    /// <summary>The claim's value in a band whose answer gives its target <paramref name="verdict"/> (holds where it answers what the rule predicts).</summary>
    public static Placement? In(DeclaredClaim claim, RuleOutcome verdict)
    {
        var wanted = verdict == RuleOutcome.Holds ? claim.HoldsIf : claim.HoldsIf == Answer.Yes ? Answer.No : Answer.Yes;
        var band = claim.Answers.Select((a, i) => (a, i)).Where(p => p.a == wanted).Select(p => (int?)p.i).FirstOrDefault();
        return band is { } b ? new Placement(claim, b) : null;
    }

    /// <summary>One deciding time claim with an interval on a threshold between a band that answers yes and one that answers no; the others do not carry over.</summary>
    private static List<Placement?> Inconclusive(IReadOnlyList<DeclaredClaim> deciding)
    {
        var undecided = deciding
            .Where(c => c.Measure != ClaimMeasure.Metric)
            .Select(c => (Claim: c, Band: Enumerable.Range(1, c.Thresholds.Count).Cast<int?>().FirstOrDefault(i => c.Answers[i!.Value] != c.Answers[i.Value - 1])))
            .FirstOrDefault(c => c.Band is not null);
        if (undecided.Claim is null)
        {
            return [];
        }

        return [new Placement(undecided.Claim, undecided.Band!.Value, OnThreshold: true), .. deciding.Where(c => c != undecided.Claim).Select(c => In(c, RuleOutcome.DoesNotCarryOver))];
    }
}
