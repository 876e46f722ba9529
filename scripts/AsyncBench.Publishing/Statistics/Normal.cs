namespace AsyncBench.Publishing.Statistics;

/// <summary>The standard normal distribution: Φ by the complementary error function (Numerical Recipes' erfc, error below 1.2e-7), Φ⁻¹ by bisection.</summary>
public static class Normal
{
    public static double Cdf(double x) => 0.5 * Erfc(-x / Math.Sqrt(2));

    public static double Quantile(double p)
    {
        var (low, high) = (-40.0, 40.0);
        for (var i = 0; i < 200; i++)
        {
            var middle = (low + high) / 2;
            (low, high) = Cdf(middle) < p ? (middle, high) : (low, middle);
        }

        return (low + high) / 2;
    }

    private static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1 / (1 + (0.5 * z));
        double[] c = [-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277];
        var poly = 0.0;
        for (var k = c.Length - 1; k >= 0; k--)
        {
            poly = c[k] + (t * poly);
        }

        var r = t * Math.Exp(-(z * z) + poly);
        return x >= 0 ? r : 2 - r;
    }
}
