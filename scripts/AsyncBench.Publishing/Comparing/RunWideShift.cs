using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publishing.Comparing;

/// <summary>What the run-wide shift was taken to be.</summary>
public enum ShiftCause
{
    /// <summary>The run's shift and the canaries' agree within noise: the machine's (or noise), taken out.</summary>
    Machine,

    /// <summary>The run moved past its band while the canaries did not move with it: the platform or the code. Kept in; a regression when slower.</summary>
    Code,

    /// <summary>No canaries: the run's shift is within the stated fallback band, taken out as the machine's drift.</summary>
    Drift,

    /// <summary>No canaries: the run moved past the stated fallback band; kept in, a regression when slower (it may be the machine: add canaries to tell).</summary>
    Unattributed,
}

/// <summary>
/// The whole run's shift: the median over the non-canary benchmarks of their log change, with its standard
/// error, beside the canaries' own shift (their inverse-variance weighted mean). <see cref="TakenOutLog"/> is
/// what was removed from every benchmark's change; <see cref="RunChangeLog"/> is the run's own change that
/// was not the machine's (run − canaries; without canaries, the run's shift when it was kept in).
/// </summary>
public sealed record RunWideShift(
    double ShiftLog,
    double StandardError,
    int Benchmarks,
    double? CanaryShiftLog,
    double? CanaryStandardError,
    int Canaries,
    bool CanariesMoved,
    ShiftCause Cause,
    double TakenOutLog,
    double RunChangeLog,
    double BandLog,
    NoiseEstimate? Drift)
{
    public double Ratio => Math.Exp(ShiftLog);

    public double? CanaryRatio => CanaryShiftLog is { } c ? Math.Exp(c) : null;

    public bool RunMoved => Cause is ShiftCause.Code or ShiftCause.Unattributed;

    public bool IsDrift => !RunMoved;
}

/// <summary>The run-wide decision of the gate: what of the whole run's shift is the machine's and taken out, and what is kept.</summary>
internal static class RunWideDecision
{
    /// <summary>
    /// The run-wide decision. With canaries: the run's shift minus theirs, significant (normal, both standard
    /// errors) and past the practical floor, is the platform's or the code's (kept in; what the canaries moved
    /// is the machine's and is taken out when they moved significantly); otherwise the run's shift is the
    /// machine's and is taken out. Without canaries, with a drift history: within the prediction band of the
    /// earlier runs' offsets (at least the floor) it is drift and taken out. Without either: a shift past the
    /// practical floor and significant against its own standard error is kept in (the gate cannot tell a slower
    /// machine from slower code without canaries, so it reports it); a smaller one is taken out.
    /// </summary>
    internal static RunWideShift? Decide(List<double> plain, List<(double Change, NoiseEstimate? Noise)> canaries, HistoryModel model, GateOptions options)
    {
        if (plain.Count < Gate.MinRunWideBenchmarks)
        {
            return null;
        }

        var shift = NoiseModel.Median(plain);
        // The median's standard error: √(π/2) × σ ÷ √n, with σ from the median absolute deviation.
        var shiftSe = plain.Count >= 3 ? 1.2533 * NoiseModel.RobustSigma(plain) / Math.Sqrt(plain.Count) : double.NaN;
        var z = FlagRule.Critical(double.PositiveInfinity);
        var known = canaries.Where(c => double.IsFinite(c.Change) && c.Noise is { IsKnown: true }).ToList();
        if (known.Count > 0)
        {
            var weights = known.Select(c => 1 / (c.Noise!.StandardError * c.Noise.StandardError)).ToList();
            var canaryShift = known.Select((c, i) => c.Change * weights[i]).Sum() / weights.Sum();
            var canarySe = 1 / Math.Sqrt(weights.Sum());
            var moved = Math.Abs(canaryShift) > z * canarySe;
            var own = shift - canaryShift;
            var ownSe = Math.Sqrt((double.IsNaN(shiftSe) ? 0 : shiftSe * shiftSe) + (canarySe * canarySe));
            var band = Math.Max(z * ownSe, options.FloorLog);
            // The code's (or the platform's) only when the run itself moved past the floor, and beyond its canaries in that
            // direction. A run that moved less than its canaries, or against them, is the machine's whole effect on benchmarks
            // that feel it less: an A/A pair of whole-suite nights had canaries 11.8 % faster (CPU), the run 3.5 % faster (I/O
            // waits do not speed up with the CPU), and "run − canaries" called 49 benchmarks slower.
            var runPast = Math.Abs(shift) > Math.Max(double.IsNaN(shiftSe) ? 0 : z * shiftSe, options.FloorLog);
            var runMoved = runPast && Math.Abs(own) > band && Math.Sign(own) == Math.Sign(shift);
            var machinePart = moved && Math.Sign(canaryShift) == Math.Sign(shift) ? canaryShift : 0;
            return new RunWideShift(shift, shiftSe, plain.Count, canaryShift, canarySe, known.Count, moved,
                runMoved ? ShiftCause.Code : ShiftCause.Machine, runMoved ? machinePart : shift, own, band, model.Drift);
        }

        var fallbackBand = model.Drift is { } drift
            ? Math.Max(drift.SignificantLog, options.FloorLog)
            : Math.Max(double.IsNaN(shiftSe) ? 0 : z * shiftSe, options.FloorLog);
        var past = Math.Abs(shift) > fallbackBand;
        return new RunWideShift(shift, shiftSe, plain.Count, null, null, 0, false,
            past ? ShiftCause.Unattributed : ShiftCause.Drift, past ? 0 : shift, shift, fallbackBand, model.Drift);
    }
}
