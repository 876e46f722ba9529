namespace AsyncBench.Publishing.Statistics;

/// <summary>An estimate with its interval; the bounds are NaN when there is none.</summary>
public sealed record Estimate(double Value, double Lower, double Upper)
{
    public bool HasInterval => double.IsFinite(Lower) && !double.IsNaN(Upper);

    public static Estimate Point(double value) => new(value, double.NaN, double.NaN);
}
