namespace AsyncBench.Publishing.Statistics;

/// <summary>
/// The distribution-free interval of a one-sample Hodges–Lehmann center: the k-th smallest and k-th largest of
/// the n(n+1)/2 Walsh averages, with k from the exact null distribution of Wilcoxon's signed-rank statistic.
/// </summary>
public static class SignedRank
{
    /// <summary>P(T⁺ ≤ t) under the null for n pairs (exact: counts of subsets of 1..n by their sum).</summary>
    public static double LowerTail(int n, int t)
    {
        if (t < 0)
        {
            return 0;
        }

        var max = n * (n + 1) / 2;
        var counts = new double[max + 1];
        counts[0] = 1;
        for (var i = 1; i <= n; i++)
        {
            for (var s = max; s >= i; s--)
            {
                counts[s] += counts[s - i];
            }
        }

        return counts.Take(Math.Min(t, max) + 1).Sum() / Math.Pow(2, n);
    }

    /// <summary>The interval [W₍ₖ₎, W₍ₘ₊₁₋ₖ₎] with the largest k whose level 1 − 2 P(T⁺ ≤ k − 1) is at least <paramref name="level"/>; if none reaches it, k = 1 (the widest) and its level.</summary>
    public static (double Lower, double Upper, double Level) CenterInterval(IReadOnlyList<double> values, double level)
    {
        ArgumentNullException.ThrowIfNull(values);
        var n = values.Count;
        var walsh = new List<double>();
        for (var i = 0; i < n; i++)
        {
            for (var j = i; j < n; j++)
            {
                walsh.Add((values[i] + values[j]) / 2);
            }
        }

        walsh.Sort();
        var m = walsh.Count;
        var k = 1;
        while (k + 1 <= (m + 1) / 2 && 1 - (2 * LowerTail(n, k)) >= level)
        {
            k++;
        }

        var reached = 1 - (2 * LowerTail(n, k - 1));
        return (walsh[k - 1], walsh[m - k], reached);
    }
}
