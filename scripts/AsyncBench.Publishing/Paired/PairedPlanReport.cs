using System.Globalization;
using System.Text;

namespace AsyncBench.Publishing.Paired;

/// <summary>
/// The <c>paired-plan</c> verb's output, as the suite's <c>--paired-cases FILE</c> reads it: one comment line saying what the
/// round is for, then one <c>&lt;--filter glob&gt;&lt;TAB&gt;&lt;pairs&gt;</c> line per case, most valuable first. Nothing at all
/// when every case is decided (or none can be within the budget).
/// </summary>
public static class PairedPlanReport
{
    public static string Lines(PairedPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Cases.Count == 0)
        {
            return string.Empty;
        }

        var confirm = plan.Cases.Count(c => c.Confirmation);
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"# paired-plan: {plan.Cases.Count} case(s), {plan.Pairs} pair(s): {confirm} to confirm (first), {plan.Cases.Count - confirm} undecided (by the chance their pairs decide them, per pair)");
        text.Append(plan.Budget is { } budget ? string.Create(CultureInfo.InvariantCulture, $"; budget {budget.Limit:0} {budget.Unit}, {plan.Cost:0} planned, {plan.LeftOut} case(s) left out") : string.Empty).Append('\n');
        foreach (var c in plan.Cases)
        {
            text.Append(c.Filter).Append('\t').Append(c.Pairs.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return text.ToString();
    }
}
