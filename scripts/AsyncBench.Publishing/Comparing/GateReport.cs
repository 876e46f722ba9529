using System.Globalization;
using System.Text;
using AsyncBench.Publishing.Formatting;
using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publishing.Comparing;

/// <summary>The markdown report of a <see cref="GateResult"/>: what was decided, how, and the numbers a reader can count.</summary>
public static class GateReport
{
    public static string Markdown(GateResult comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var o = comparison.Options;
        var threshold = Format.Number(o.ThresholdPercent) + "%";
        var md = new StringBuilder("# AsyncBench comparison\n\n");
        md.Append("- Base: `").Append(comparison.Base.SourceDirectory).Append("` (").Append(ReportReader.Describe(comparison.Base.Environment)).Append(")\n");
        md.Append("- Diff: `").Append(comparison.Diff.SourceDirectory).Append("` (").Append(ReportReader.Describe(comparison.Diff.Environment)).Append(")\n");
        if (comparison.Base.Environment != comparison.Diff.Environment)
        {
            md.Append("- **Warning:** the runs come from different environments; differences may be the machine's, not the code's.\n");
        }

        var runs = comparison.History.Runs;
        var fromHistory = comparison.Compared.Count(c => c.Noise?.Basis == NoiseBasis.History);
        var fromLaunches = comparison.Compared.Count(c => c.Noise?.Basis == NoiseBasis.Launches);
        var fromIterations = comparison.Compared.Count(c => c.Noise?.Basis == NoiseBasis.Iterations);
        md.Append("- History: ").Append(runs.Count == 0
            ? "none given (two folders): every benchmark uses the fallback."
            : $"{runs.Count} run(s) of this machine ({Started(runs[0])} … {Started(runs[^1])}, the base included)").Append('\n');
        md.Append(CultureInfo.InvariantCulture, $"- Noise per benchmark: {fromHistory} from their own history (run-to-run spread over at least {HistoryModel.MinHistoryRuns} earlier runs, each run's run-wide offset taken out; SE = σ_run √(1 + 1/K), K − 1 degrees of freedom); ");
        md.Append(CultureInfo.InvariantCulture, $"{fromLaunches} by the fallback (the two runs' launch spread ÷ √launches, plus a between-run component calibrated across benchmarks, below); ");
        md.Append(CultureInfo.InvariantCulture, $"{fromIterations} by the fallback with one launch per run (iterations of one process stand in for launches, calibrated the same way).\n");
        md.Append(CultureInfo.InvariantCulture, $"- Flag rule: a benchmark is slower (faster) when its change, the run-wide shift that was taken out removed, is significant (one-sided, α = {Format.Number(FlagRule.Alpha * 100)}% per direction, Student's t) and past the practical floor of ±{Format.Number((Math.Exp(o.FloorLog) - 1) * 100)}% (half the threshold) and {Format.Number(FlagRule.AbsoluteFloorNs)} ns. ");
        md.Append(CultureInfo.InvariantCulture, $"**Gateable at T %**: a true T % slowdown would be flagged with at least {Format.Number(FlagRule.RequiredPower * 100)}% probability (power = Φ((ln(1 + T) − max(t·SE, floor)) ÷ SE)). ");
        md.Append(CultureInfo.InvariantCulture, $"A regression (exit code 1): a gateable benchmark slower at the threshold ({threshold}), the whole run slower and not the machine's, CPU time slower where it gates, a deterministic count up, or a newly failing benchmark. A benchmark that is not gateable is reported, never a regression.\n\n");

        Summary(md, comparison);
        RunWide(md, comparison);
        Calibration(md, comparison);
        Injected(md, comparison);
        TimeTable(md, "Slower", comparison.Slower.OrderByDescending(c => c.OwnRatio), o);
        TimeTable(md, "Faster", comparison.Faster.OrderBy(c => c.OwnRatio), o);
        NotGateable(md, comparison);
        Canaries(md, comparison);
        Cpu(md, comparison);
        Counts(md, comparison);

        if (comparison.Failed.Count > 0)
        {
            md.Append("## Failed\n\n");
            foreach (var c in comparison.Failed)
            {
                var where = c.Base.Failed && c.Diff.Failed ? "in both runs" : c.Diff.Failed ? "in diff (newly failing)" : "in base only (fixed in diff)";
                md.Append("- `").Append(c.Id.Key).Append("`: failed ").Append(where).Append('\n');
            }

            md.Append('\n');
        }

        IdList(md, "New (diff only)", comparison.New);
        IdList(md, "Missing (base only)", comparison.Missing);
        return md.ToString();
    }

    private static void Summary(StringBuilder md, GateResult comparison)
    {
        var threshold = Format.Number(comparison.Options.ThresholdPercent) + "%";
        var judged = comparison.Judged;
        md.Append("## Summary\n\n");
        new MarkdownTable().Column(string.Empty).Column("count", ColumnAlignment.Right)
            .Row("compared (in both runs)", comparison.Compared.Count)
            .Row("judged (both succeeded, not canaries)", judged.Count)
            .Row($"slower (gateable, at {threshold})", comparison.Slower.Count)
            .Row("faster (gateable)", comparison.Faster.Count)
            .Row("same (gateable)", judged.Count(c => c.Gateable && c.Time == TimeChange.Same))
            .Row($"not gateable at {threshold} (reported only)", comparison.NotGateable.Count(c => c.Time != TimeChange.Untestable))
            .Row("untestable (no spread to judge by)", judged.Count(c => c.Time == TimeChange.Untestable))
            .Row("canaries", comparison.Canaries.Count)
            .Row("injected with a slowdown (flagged)", $"{comparison.Injected.Count} ({comparison.Injected.Count(c => c.TimeRegressed)})")
            .Row("CPU time gates (slower)", $"{comparison.Compared.Count(c => c.Cpu is { Gated: true })} ({comparison.Compared.Count(c => c.CpuRegressed)})")
            .Row("allocation changed (gated)", $"{comparison.Compared.Count(c => c.Allocation is not null)} ({comparison.Compared.Count(c => c.Allocation is { Gated: true })})")
            .Row("work items changed (gated)", $"{comparison.Compared.Count(c => c.WorkItems is not null)} ({comparison.Compared.Count(c => c.WorkItems is { Gated: true })})")
            .Row("failed (either run)", comparison.Failed.Count)
            .Row("new (diff only)", comparison.New.Count)
            .Row("missing (base only)", comparison.Missing.Count)
            .AppendTo(md);
        md.Append('\n');

        md.Append("**Gateable share** (of the judged benchmarks: a true slowdown of T % flagged with ≥ 90 % probability):\n\n");
        var shares = new MarkdownTable().Column("basis").Column("benchmarks", ColumnAlignment.Right);
        foreach (var t in FlagRule.ReportedThresholds)
        {
            shares.Column($"at {Format.Number(t)} %", ColumnAlignment.Right);
        }

        ShareRow(shares, comparison.Share);
        if (comparison.FallbackShare is { } fallback)
        {
            ShareRow(shares, fallback);
        }

        shares.AppendTo(md);
        md.Append('\n');
        var geo = comparison.GeometricMeanRatio;
        md.Append("Geometric mean of today ÷ reference: ")
          .Append(geo is { } g ? $"{Format.Ratio(g)} ({Format.SignedPercent(g - 1)})" : "n/a")
          .Append(". Verdict: ").Append(comparison.HasRegression ? "**regression**" : "no regression").Append(".\n\n");
    }

    private static void ShareRow(MarkdownTable shares, GateableShare share) =>
        shares.Row([share.Basis, share.Benchmarks, .. FlagRule.ReportedThresholds.Select(t => ShareCell(share.AtThreshold[t], share.Benchmarks))]);

    /// <summary>"12 (40%)": gateable benchmarks and their share of the judged (the share left out when none were judged).</summary>
    public static string ShareCell(int gateable, int benchmarks) =>
        string.Create(CultureInfo.InvariantCulture, $"{gateable}") + (benchmarks > 0 ? $" ({Format.Number(100.0 * gateable / benchmarks)}%)" : string.Empty);

    private static void RunWide(StringBuilder md, GateResult comparison)
    {
        if (comparison.RunWide is not { } wide)
        {
            return;
        }

        md.Append("## Run-wide shift\n\n");
        md.Append(CultureInfo.InvariantCulture, $"- The run (median over {wide.Benchmarks} non-canary benchmarks): {Format.SignedPercent(wide.Ratio - 1)}")
          .Append(double.IsFinite(wide.StandardError) ? $" (± {Format.Number(wide.StandardError * 100)}% standard error)" : string.Empty).Append(".\n");
        if (wide.CanaryRatio is { } canary)
        {
            md.Append(CultureInfo.InvariantCulture, $"- The canaries ({wide.Canaries}, weighted by their noise): {Format.SignedPercent(canary - 1)} (± {Format.Number(wide.CanaryStandardError!.Value * 100)}%), ")
              .Append(wide.CanariesMoved ? "**moved** beyond their noise" : "quiet (within their noise)").Append(".\n");
        }
        else
        {
            md.Append("- **No canaries in this run** (no benchmark declared `Canary`): the gate cannot tell a slower machine from slower code. ")
              .Append(wide.Drift is { } drift
                  ? $"Stated rule: the run's shift is the machine's drift within the band of the earlier runs' offsets (spread ±{Format.Number(drift.RunSpreadPercent)}% over {drift.Runs} runs), at least the practical floor: ±{Format.Number((Math.Exp(wide.BandLog) - 1) * 100)}%.\n"
                  : $"Stated rule (no history either): a shift within ±{Format.Number((Math.Exp(wide.BandLog) - 1) * 100)}% (the practical floor, or the shift's own significance if wider) is taken out as drift; past it, it is kept and reported as a change of the run.\n");
        }

        var taken = Format.SignedPercent(Math.Exp(wide.TakenOutLog) - 1);
        var runChange = Format.SignedPercent(Math.Exp(wide.RunChangeLog) - 1);
        md.Append("- Decision: ").Append(wide.Cause switch
        {
            ShiftCause.Machine when wide.CanariesMoved => $"the run moved with the canaries: **the machine was {Describe(wide.CanaryRatio!.Value)}**; the run's shift ({taken}) is taken out of every benchmark's change.",
            ShiftCause.Machine => $"the run and the canaries agree within noise (run − canaries {runChange}, band ±{Format.Number((Math.Exp(wide.BandLog) - 1) * 100)}%): the run's shift ({taken}) is taken out as the machine's noise.",
            ShiftCause.Code when wide.RunChangeLog > 0 => $"**the run is {runChange} slower than its canaries (band ±{Format.Number((Math.Exp(wide.BandLog) - 1) * 100)}%): the platform or the code, not the machine. A run-wide slowdown with quiet canaries is a regression.** " +
                (wide.CanariesMoved ? $"The canaries' own shift ({taken}, the machine) is taken out." : "Nothing is taken out: every benchmark is judged on its whole change."),
            ShiftCause.Code => $"the run is {runChange} against its canaries (faster; band ±{Format.Number((Math.Exp(wide.BandLog) - 1) * 100)}%): the platform or the code. " +
                (wide.CanariesMoved ? $"The canaries' own shift ({taken}, the machine) is taken out." : "Nothing is taken out."),
            ShiftCause.Drift => $"within the band: taken out of every benchmark's change as the machine's drift ({taken}).",
            _ => $"**past the band ({runChange}): kept in, a change of the whole run**" + (wide.RunChangeLog > 0 ? " and a regression" : string.Empty) + " (add canaries to tell the machine from the code); every benchmark is judged on its whole change.",
        }).Append("\n\n");
    }

    private static string Describe(double ratio) =>
        ratio >= 1 ? $"{Format.Number((ratio - 1) * 100)}% slower" : $"{Format.Number((1 - ratio) * 100)}% faster";

    private static void Calibration(StringBuilder md, GateResult comparison)
    {
        if (comparison.Calibrations.Count == 0)
        {
            return;
        }

        md.Append("## Fallback calibration\n\nA run shares what its launches cannot show (the machine that night). Per group, the residual changes (run-wide shift taken out) against the launch spread: SE² = σ²_launch × max(1/L₁ + 1/L₂, factor). ")
          .Append("A factor above the launch-only one means the runs differ by more than their launches.\n\n");
        var table = new MarkdownTable().Column("group").Column("benchmarks", ColumnAlignment.Right).Column("launch-only (1/L₁ + 1/L₂)", ColumnAlignment.Right)
            .Column("factor", ColumnAlignment.Right).Column("runs differ by × the launch-only SE", ColumnAlignment.Right);
        foreach (var c in comparison.Calibrations)
        {
            table.Row(c.Group, c.Benchmarks, Format.Ratio(c.LaunchOnlyFactor), Format.Ratio(c.Factor), Format.Ratio(Math.Sqrt(c.Factor / c.LaunchOnlyFactor)));
        }

        table.AppendTo(md);
        md.Append('\n');
    }

    private static void Injected(StringBuilder md, GateResult comparison)
    {
        var injected = comparison.Injected;
        if (injected.Count == 0)
        {
            return;
        }

        var t = comparison.Options.ThresholdPercent;
        md.Append("## Injected slowdowns\n\nThe fault-injection setting made these benchmarks' timed code slower (from the declarations sidecar). Each should be flagged slower where it is gateable.\n\n");
        var table = new MarkdownTable().Column("Benchmark").Column("Injected", ColumnAlignment.Right).Column("Today ÷ reference (own)", ColumnAlignment.Right)
            .Column("Flag above", ColumnAlignment.Right).Column("Power at the injected size", ColumnAlignment.Right).Column($"Gateable at {Format.Number(t)} %").Column("Flagged");
        foreach (var c in injected.OrderBy(c => c.Id.Key, StringComparer.Ordinal))
        {
            table.Row(
                $"`{c.Id.Key}`",
                Format.SignedPercent(c.InjectedSlowdown!.Value),
                c.OwnRatio is { } r ? Format.Ratio(r) : "n/a",
                c.FlagAbovePercent(t) is { } f ? "+" + Format.Number(f) + "%" : "n/a",
                Format.Number(c.Power(c.InjectedSlowdown.Value * 100) * 100) + "%",
                c.Gateable ? "yes" : "no",
                c.Time == TimeChange.Slower ? (c.Gateable ? "**yes**" : "yes (not gateable: not counted)") : "no");
        }

        table.AppendTo(md);
        md.Append('\n');
    }

    private static void TimeTable(StringBuilder md, string title, IEnumerable<BenchmarkJudgement> rows, GateOptions options)
    {
        var list = rows.ToList();
        if (list.Count == 0)
        {
            return;
        }

        md.Append("## ").Append(title).Append("\n\n");
        var table = new MarkdownTable().Column("Benchmark").Column("Reference", ColumnAlignment.Right).Column("Today", ColumnAlignment.Right)
            .Column("Today ÷ reference", ColumnAlignment.Right).Column("Own (shift out)", ColumnAlignment.Right).Column("Flag above", ColumnAlignment.Right)
            .Column($"Power at {Format.Number(options.ThresholdPercent)} %", ColumnAlignment.Right).Column("Basis");
        foreach (var c in list)
        {
            table.Row(
                $"`{c.Id.Key}`",
                c.ReferenceNs is { } r0 ? Format.Time(r0) : "n/a",
                Format.Time(c.TodayNs),
                c.Ratio is { } r ? Format.Ratio(r) : "n/a",
                c.OwnRatio is { } own ? Format.Ratio(own) : "n/a",
                c.FlagAbovePercent(options.ThresholdPercent) is { } f ? "±" + Format.Number(f) + "%" : "n/a",
                Format.Number(c.Power(options.ThresholdPercent) * 100) + "%",
                Basis(c));
        }

        table.AppendTo(md);
        md.Append('\n');
    }

    private static void NotGateable(StringBuilder md, GateResult comparison)
    {
        var rows = comparison.NotGateable;
        if (rows.Count == 0)
        {
            return;
        }

        var t = comparison.Options.ThresholdPercent;
        md.Append("## Not gateable at ").Append(Format.Number(t)).Append(" %\n\nA true ").Append(Format.Number(t)).Append(" % slowdown would be flagged less than 90 % of the time (or ")
          .Append(Format.Number(t)).Append(" % of their time is below ").Append(Format.Number(FlagRule.AbsoluteFloorNs)).Append(" ns): measured and reported, never a regression.\n\n");
        var table = new MarkdownTable().Column("Benchmark").Column("Run spread (1 σ)", ColumnAlignment.Right).Column("SE of the change", ColumnAlignment.Right)
            .Column($"Power at {Format.Number(t)} %", ColumnAlignment.Right).Column("Gateable at").Column("Basis").Column("Spread mostly from")
            .Column("Today ÷ reference (own)", ColumnAlignment.Right).Column("Past its noise");
        foreach (var c in rows.OrderByDescending(c => c.Noise?.StandardError ?? double.PositiveInfinity))
        {
            var at = FlagRule.ReportedThresholds.FirstOrDefault(c.GateableAt);
            table.Row(
                $"`{c.Id.Key}`",
                c.Noise is { } n && double.IsFinite(n.RunSpread) ? "±" + Format.Number(n.RunSpreadPercent) + "%" : "n/a",
                c.Noise is { IsKnown: true } k ? "±" + Format.Number(k.StandardError * 100) + "%" : "n/a",
                Format.Number(c.Power(t) * 100) + "%",
                at > 0 ? Format.Number(at) + " %" : "> " + Format.Number(FlagRule.ReportedThresholds[^1]) + " %",
                Basis(c),
                SpreadSource(c.Noise),
                c.OwnRatio is { } r ? Format.Ratio(r) : "n/a",
                c.Time is TimeChange.Slower or TimeChange.Faster ? c.Time.ToString().ToLowerInvariant() : c.Time == TimeChange.Untestable ? "untestable" : "no");
        }

        table.AppendTo(md);
        md.Append('\n');
    }

    private static void Canaries(StringBuilder md, GateResult comparison)
    {
        if (comparison.Canaries.Count == 0)
        {
            return;
        }

        md.Append("## Canaries\n\n");
        var table = new MarkdownTable().Column("Canary").Column("Today ÷ reference", ColumnAlignment.Right).Column("SE", ColumnAlignment.Right).Column("Basis");
        foreach (var c in comparison.Canaries)
        {
            table.Row(
                $"`{c.Id.Key}`",
                c.Ratio is { } r ? Format.Ratio(r) : "n/a",
                c.Noise is { IsKnown: true } n ? "±" + Format.Number(n.StandardError * 100) + "%" : "n/a",
                Basis(c));
        }

        table.AppendTo(md);
        md.Append('\n');
    }

    private static void Cpu(StringBuilder md, GateResult comparison)
    {
        var withCpu = comparison.WithCpuTime;
        if (withCpu.Count == 0)
        {
            return;
        }

        var t = comparison.Options.ThresholdPercent;
        md.Append("## CPU time per operation\n\nProcess CPU time (`").Append(NoiseModel.CpuMetricId).Append("`) beside wall time: it gates where its noise is smaller than wall time's and a ")
          .Append(Format.Number(t)).Append(" % change would be flagged with 90 % power.\n\n");
        var byNamespace = new MarkdownTable().Column("namespace").Column("benchmarks with CPU time", ColumnAlignment.Right).Column("median SE, wall", ColumnAlignment.Right)
            .Column("median SE, CPU", ColumnAlignment.Right).Column("CPU quieter", ColumnAlignment.Right).Column("CPU gates", ColumnAlignment.Right);
        foreach (var group in comparison.CpuByNamespace)
        {
            byNamespace.Row(
                group.Namespace,
                group.Benchmarks,
                group.MedianWallStandardError is { } wall ? "±" + Format.Number(wall * 100) + "%" : "n/a",
                group.MedianCpuStandardError is { } cpu ? "±" + Format.Number(cpu * 100) + "%" : "n/a",
                group.Quieter,
                group.Gated);
        }

        byNamespace.AppendTo(md);
        var changed = withCpu.Where(c => c.Cpu!.Change is TimeChange.Slower or TimeChange.Faster).ToList();
        if (changed.Count > 0)
        {
            md.Append('\n');
            var table = new MarkdownTable().Column("Benchmark").Column("CPU base", ColumnAlignment.Right).Column("CPU today", ColumnAlignment.Right)
                .Column("Own ratio", ColumnAlignment.Right).Column("SE", ColumnAlignment.Right).Column("Gates").Column("Wall time");
            foreach (var c in changed)
            {
                var cpu = c.Cpu!;
                table.Row(
                    $"`{c.Id.Key}`",
                    Format.Time(cpu.BaseNs),
                    Format.Time(cpu.DiffNs),
                    Format.Ratio(cpu.OwnRatio) + (cpu.Change == TimeChange.Slower ? " slower" : " faster"),
                    "±" + Format.Number(cpu.Noise!.StandardError * 100) + "%",
                    cpu.Gated ? "**yes**" : cpu.Quieter ? "no (too little power)" : "no (noisier than wall)",
                    c.Time.ToString().ToLowerInvariant());
            }

            table.AppendTo(md);
        }

        md.Append('\n');
    }

    private static void Counts(StringBuilder md, GateResult comparison)
    {
        var metrics = comparison.Compared.Where(c => c.Allocation is not null || c.WorkItems is not null).ToList();
        if (metrics.Count == 0)
        {
            return;
        }

        md.Append("## Allocation and work-item changes\n\nCounts gate where they are deterministic: allocations the same in at least two earlier runs (BenchmarkDotNet measures them in the last launch only); work items a whole number per operation in both runs (≥ ")
          .Append(GateOptions.MinOperationsForWholeCounts).Append(" operations each), or the same in at least two earlier runs.\n\n");
        var table = new MarkdownTable().Column("Benchmark").Column("Allocated per operation").Column("Work items per operation").Column("Time");
        foreach (var c in metrics)
        {
            table.Row($"`{c.Id.Key}`", c.Allocation is { } a ? CountChange(a) : "same", c.WorkItems is { } w ? CountChange(w) : "same", c.Time.ToString().ToLowerInvariant());
        }

        table.AppendTo(md);
        md.Append('\n');
    }

    /// <summary>"4.0 KB → 4.5 KB (+12.5%; gated: the same in 3 earlier runs)": the change of a count and why it gates or not.</summary>
    public static string CountChange(CountJudgement count)
    {
        ArgumentNullException.ThrowIfNull(count);
        Func<double, string> value = count.Kind == CountKind.AllocatedBytes ? Format.Bytes : Format.Significant;
        var gate = count.Basis switch
        {
            CountBasis.SameInEarlierRuns => count.Seen > count.EarlierRuns
                ? $"gated: the same in {count.EarlierRuns} earlier runs ({count.Seen} launches)"
                : $"gated: the same in {count.EarlierRuns} earlier runs",
            CountBasis.SameInEveryLaunch => $"gated: the same in all {count.Seen} launches of the earlier run",
            CountBasis.WholePerOperation => "gated: a whole number per operation in both runs",
            CountBasis.VariesBetweenRuns => $"not gated: varies between {(count.Seen > count.EarlierRuns ? "launches" : "runs")} ({value(count.SeenMin)}–{value(count.SeenMax)})",
            CountBasis.OneEarlierRun => "not gated: one earlier run cannot show it deterministic",
            CountBasis.VariesBetweenTodaysLaunches => $"not gated: varies between today's launches ({value(count.TodayMin)}–{value(count.TodayMax)})",
            _ => "not gated: varies between operations",
        };
        var change = count.Reference == 0 ? "new" : Format.SignedPercent((count.Today - count.Reference) / count.Reference);
        return $"{value(count.Reference)} → {value(count.Today)} ({change}; {gate})";
    }

    private static string Started(BenchmarkRun run) =>
        run.StartedUtc is { } s ? s.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : Path.GetFileName(run.SourceDirectory.TrimEnd('/', '\\'));

    /// <summary>
    /// Where a fallback benchmark's noise sits: its launches (process to process: JIT tiering, pool and file state of
    /// each process) or whole runs (what every launch of a run shares: the machine that night, its disk and caches).
    /// </summary>
    /// <summary>
    /// Where the change's variance comes from: whole runs (the machine that night: more runs, or passes), the processes
    /// (each launch's JIT, layout, pool and file state: more launches), or the iterations inside them (more iterations).
    /// </summary>
    public static string SpreadSource(NoiseEstimate? noise)
    {
        if (noise is null || double.IsNaN(noise.LaunchShare))
        {
            return "n/a";
        }

        var iterations = noise.LaunchShare * (double.IsNaN(noise.IterationShare) ? 0 : noise.IterationShare);
        (string Name, double Share)[] parts = [("whole runs", 1 - noise.LaunchShare), ("the processes", noise.LaunchShare - iterations), ("the iterations", iterations)];
        var most = parts.MaxBy(p => p.Share);
        return string.Create(CultureInfo.InvariantCulture, $"{most.Name} (runs {Format.Number(parts[0].Share * 100)} % · processes {Format.Number(parts[1].Share * 100)} % · iterations {Format.Number(parts[2].Share * 100)} %)");
    }

    private static string Basis(BenchmarkJudgement c) => c.Noise?.Basis switch
    {
        NoiseBasis.History => $"history ({c.Noise.Runs} runs)",
        NoiseBasis.Launches => "fallback: launches, calibrated",
        NoiseBasis.Iterations => "fallback: one process, calibrated",
        _ => "n/a",
    };

    private static void IdList(StringBuilder md, string title, IReadOnlyList<BenchmarkId> ids)
    {
        if (ids.Count == 0)
        {
            return;
        }

        md.Append("## ").Append(title).Append("\n\n");
        foreach (var id in ids)
        {
            md.Append("- `").Append(id.Key).Append("`\n");
        }

        md.Append('\n');
    }
}
