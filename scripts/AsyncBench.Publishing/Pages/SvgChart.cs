using System.Globalization;
using System.Net;
using System.Text;
using AsyncBench.Publishing.Formatting;

namespace AsyncBench.Publishing.Pages;

/// <summary>
/// A log-log line chart of median time against Count, one line per strategy, written as plain SVG
/// (no charting package: a few lines of SVG need no native graphics library on the CI runners).
/// </summary>
public static class SvgChart
{
    private const int PlotWidth = 440;
    private const int Height = 420;
    private const int Left = 80;
    private const int MinRight = 200;

    /// <summary>Wide enough for a 12 px sans-serif character (most are narrower), so no legend is cut.</summary>
    private const double CharWidth = 7.2;
    private const int Top = 40;
    private const int Bottom = 50;

    private static readonly string[] Colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    /// <summary>Null when the table has fewer than two numeric Count values or nothing succeeded: there is no line to draw.</summary>
    public static string? Render(ResultTable table)
    {
        var counts = table.Columns.Select(c => double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : double.NaN).ToList();
        if (counts.Count(c => c > 0) < 2)
        {
            return null;
        }

        var series = table.Rows
            .Select(row => (Row: row, Points: table.Columns
                .Select((column, i) => (X: counts[i], Cell: table.Cell(row, column)))
                .Where(p => p.X > 0 && p.Cell is { Result.Failed: false } && p.Cell.Result.Statistics!.Median > 0)
                .Select(p => (p.X, Y: p.Cell!.Result.Statistics!.Median))
                .ToList()))
            .Where(s => s.Points.Count > 0)
            .ToList();
        if (series.Count == 0)
        {
            return null;
        }

        return LineChart($"{table.Type}: {table.Setting.Title} (median time per batch, log-log)", "Count (units per batch)", series, logX: true);
    }

    /// <summary>
    /// A line chart with a log time axis; the x axis is log (decades) or linear with integer ticks
    /// (run numbers of a trend).
    /// </summary>
    public static string LineChart(string title, string xLabel, IReadOnlyList<(string Row, List<(double X, double Y)> Points)> series, bool logX)
    {
        var xs = series.SelectMany(s => s.Points.Select(p => p.X)).ToList();
        var ys = series.SelectMany(s => s.Points.Select(p => p.Y)).ToList();
        var (xMin, xMax) = logX ? Decades(xs.Min(), xs.Max()) : (xs.Min(), Math.Max(xs.Max(), xs.Min() + 1));
        var (yMin, yMax) = Decades(ys.Min(), ys.Max());
        // The legend sits right of the plot: as wide as its longest label, so none is cut.
        var right = Math.Max(MinRight, 44 + (int)Math.Ceiling(series.Max(s => s.Row.Length) * CharWidth));
        var width = Left + PlotWidth + right;
        double X(double v) => Left + (((logX ? Math.Log10(v) : v) - xMin) / (xMax - xMin) * (width - Left - right));
        double Y(double v) => Height - Bottom - ((Math.Log10(v) - yMin) / (yMax - yMin) * (Height - Top - Bottom));

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{Height}\" viewBox=\"0 0 {width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{width}\" height=\"{Height}\" fill=\"white\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"24\" font-size=\"14\">{Escape(title)}</text>\n");
        var xTicks = logX
            ? Enumerable.Range(0, (int)(xMax - xMin) + 1).Select(i => Math.Pow(10, xMin + i))
            : Enumerable.Range((int)xMin, (int)(xMax - xMin) + 1).Select(i => (double)i);
        foreach (var tick in xTicks)
        {
            var x = X(tick);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x:0.#}\" y1=\"{Top}\" x2=\"{x:0.#}\" y2=\"{Height - Bottom}\" stroke=\"#ddd\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{tick:0.###}</text>\n");
        }

        for (var d = yMin; d <= yMax; d++)
        {
            var y = Y(Math.Pow(10, d));
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{width - right}\" y2=\"{y:0.#}\" stroke=\"#ddd\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{Escape(Format.Time(Math.Pow(10, d)))}</text>\n");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{(Left + width - right) / 2}\" y=\"{Height - 12}\" text-anchor=\"middle\">{Escape(xLabel)}</text>\n");
        for (var i = 0; i < series.Count; i++)
        {
            var color = Colors[i % Colors.Length];
            var points = string.Join(" ", series[i].Points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{X(p.X):0.#},{Y(p.Y):0.#}")));
            svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{points}\"/>\n");
            foreach (var p in series[i].Points)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X(p.X):0.#}\" cy=\"{Y(p.Y):0.#}\" r=\"3\" fill=\"{color}\"/>\n");
            }

            var legendY = Top + 10 + (i * 18);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{width - right + 12}\" y1=\"{legendY}\" x2=\"{width - right + 32}\" y2=\"{legendY}\" stroke=\"{color}\" stroke-width=\"2\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{width - right + 38}\" y=\"{legendY + 4}\">{Escape(series[i].Row)}</text>\n");
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static (double Min, double Max) Decades(double min, double max)
    {
        var low = Math.Floor(Math.Log10(min));
        var high = Math.Ceiling(Math.Log10(max));
        return high > low ? (low, high) : (low, low + 1);
    }

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
