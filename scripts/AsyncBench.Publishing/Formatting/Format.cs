using System.Globalization;
using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publishing.Formatting;

/// <summary>Number formatting for pages and reports: invariant culture, three significant figures.</summary>
public static class Format
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Time(double ns)
    {
        if (!double.IsFinite(ns))
        {
            return "n/a";
        }

        var abs = Math.Abs(ns);
        return abs switch
        {
            >= 1e9 => Significant(ns / 1e9) + " s",
            >= 1e6 => Significant(ns / 1e6) + " ms",
            >= 1e3 => Significant(ns / 1e3) + " μs",
            _ => Significant(ns) + " ns",
        };
    }

    public static string Bytes(double bytes)
    {
        var abs = Math.Abs(bytes);
        return abs switch
        {
            >= 1024 * 1024 => Significant(bytes / (1024 * 1024)) + " MB",
            >= 1024 => Significant(bytes / 1024) + " KB",
            _ => bytes.ToString("0", Invariant) + " B",
        };
    }

    public static string Ratio(double ratio) => double.IsFinite(ratio) ? Significant(ratio) : "n/a";

    /// <summary>
    /// A time ratio (this ÷ reference) in words that never show a factor below 1: "2.50× faster",
    /// "1.30× slower", "as fast as" (within 0.5%).
    /// </summary>
    public static string Relative(double ratio)
    {
        if (!double.IsFinite(ratio) || ratio <= 0)
        {
            return "n/a";
        }

        if (Math.Abs(ratio - 1) < 0.005)
        {
            return "as fast as";
        }

        return ratio < 1 ? $"{Significant(1 / ratio)}× faster than" : $"{Significant(ratio)}× slower than";
    }

    /// <summary>A ratio with its interval: <c>4.20× [3.10, 5.60]</c>.</summary>
    public static string RatioWithInterval(Estimate ratio) =>
        ratio.HasInterval
            ? $"{Significant(ratio.Value)}× [{Significant(ratio.Lower)}, {(double.IsPositiveInfinity(ratio.Upper) ? "∞" : Significant(ratio.Upper))}]"
            : $"{Significant(ratio.Value)}× (no interval)";

    public static string Percent(double fraction) =>
        double.IsFinite(fraction) ? (fraction * 100).ToString(Math.Abs(fraction) >= 0.1 ? "0" : "0.0", Invariant) + "%" : "n/a";

    public static string SignedPercent(double fraction) =>
        double.IsFinite(fraction) ? (fraction >= 0 ? "+" : "") + (fraction * 100).ToString("0.0", Invariant) + "%" : "n/a";

    /// <summary>Three significant figures, no exponent: 1.23, 12.3, 123, 1234.</summary>
    public static string Significant(double value)
    {
        if (!double.IsFinite(value))
        {
            return "n/a";
        }

        var abs = Math.Abs(value);
        var format = abs >= 100 ? "0" : abs >= 10 ? "0.0" : abs >= 1 ? "0.00" : abs >= 0.1 ? "0.000" : "0.####";
        return value.ToString(format, Invariant);
    }

    public static string Number(double value) => value.ToString("0.##", Invariant);
}
