using AsyncBench.Publishing.Pages;
using AsyncBench.Publishing.Reading;

namespace AsyncBench.Publishing.Statistics;

/// <summary>How precise one run's numbers are: the index page states it in one line a reader can weigh the tables by (<see cref="Publisher"/>).</summary>
public sealed record RunPrecision(int Cases, double MedianMarginPercent, int Over50Percent, double MedianHarrellDavisPercent, int TypicalLaunches)
{
    public static RunPrecision? Of(BenchmarkRun run)
    {
        var ok = run.Results.Where(r => !r.Failed && r.Statistics!.Mean > 0 && double.IsFinite(r.Statistics.ConfidenceMargin)).ToList();
        if (ok.Count == 0)
        {
            return null;
        }

        var margins = ok.Select(r => r.Statistics!.ConfidenceMargin / r.Statistics.Mean * 100).ToList();
        var harrellDavis = ok.Where(r => r.MeasurementsNs.Count >= 3).Select(r =>
        {
            var sample = new Pragmastat.Sample([.. r.MeasurementsNs]);
            var interval = Perfolizer.Mathematics.QuantileEstimators.HarrellDavisQuantileEstimator.Instance
                .QuantileConfidenceIntervalEstimator(sample, Pragmastat.Probability.Median)
                .ConfidenceInterval(Perfolizer.Mathematics.Common.ConfidenceLevel.L99);
            return interval.Margin / interval.Estimation * 100;
        }).Where(double.IsFinite).ToList();
        var launches = NoiseModel.Median([.. ok.Select(r => (double)r.Launches.Count)]);
        return new RunPrecision(ok.Count, NoiseModel.Median(margins), margins.Count(m => m > 50), harrellDavis.Count == 0 ? double.NaN : NoiseModel.Median(harrellDavis), (int)launches);
    }
}
