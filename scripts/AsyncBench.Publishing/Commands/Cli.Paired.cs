using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using AsyncBench.Publishing.Formatting;
using AsyncBench.Publishing.Paired;

namespace AsyncBench.Publishing.Commands;

/// <summary>
/// The paired gate's verbs: <c>paired</c> (the night's judgement and exit code), <c>paired-plan</c> (the next round),
/// <c>paired-prior</c> (the A/A prior), <c>paired-aa-rate</c> (the false-alarm rate by resampling), <c>paired-power</c>
/// (the rule's power by simulation), <c>drift</c> and <c>drift-simulate</c> (change points of the head ÷ anchor series).
/// </summary>
public static partial class Cli
{
    private static IEnumerable<Command> PairedCommands()
    {
        var night = new Argument<string>("NIGHT") { Description = "A night folder written by scripts/nightly.sh (its paired.json and rounds)" };
        var nights = new Argument<string[]>("NIGHT") { Description = "Night folders (each with paired.json), or folders holding night folders", Arity = ArgumentArity.OneOrMore };
        var prior = new Option<string?>("--prior") { Description = "The machine's A/A prior (paired-prior --out): each case's and class's paired spread, for nights with few pairs" };
        var threshold = new Option<double?>("--threshold")
        {
            Description = "The ± band in percent of 'the same' (default: the manifest's thresholdPercent, else 15)",
            CustomParser = result => Positive(result, "--threshold", "15"),
        };
        var minimumEffect = new Option<double>("--min-effect")
        {
            Description = $"The minimum effect in percent: a case is slower only when surely more than this (default {Format.Number(PairedRule.DefaultMinimumEffectPercent)}: two builds of one code differ by 1–2 %)",
            DefaultValueFactory = _ => PairedRule.DefaultMinimumEffectPercent,
            CustomParser = result => Positive(result, "--min-effect", "3", allowZero: true),
        };
        var json = new Option<string?>("--json") { Description = "Also write the judgement as JSON to this file (every case's outcome and pairs; 'undecided' lists the cases the next night runs first)" };
        var paired = new Command("paired", "Judge a paired night (head against base, the nightly gate): per case slower, faster, the same or undecided; exit 1 on a case confirmed slower or failing in head") { night, prior, threshold, minimumEffect, json };
        paired.SetAction(parse =>
        {
            var jsonFile = parse.GetValue(json);
            if (jsonFile is not null && !Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(jsonFile))))
            {
                throw new PublishException($"--json '{jsonFile}': its folder does not exist. Create it or write the file elsewhere.");
            }

            var result = PairedAnalysis.Of(NightReader.Read(parse.GetValue(night)!), ReadPrior(parse.GetValue(prior)), parse.GetValue(threshold), parse.GetValue(minimumEffect));
            parse.InvocationConfiguration.Output.Write(PairedReport.Markdown(result));
            if (jsonFile is not null)
            {
                File.WriteAllText(jsonFile, PairedJson.Serialize(result));
            }

            return result.ExitCode;
        });

        var budget = new Option<int?>("--budget")
        {
            Description = "At most this many pairs in the next round (cases that do not fit are left out, most valuable kept)",
            CustomParser = result => Count(result, "--budget", "40"),
        };
        var budgetSeconds = new Option<double?>("--budget-seconds")
        {
            Description = $"At most this many seconds for the next round, its {PairPrices.RoundStartSeconds:0} s start included: each case's pairs priced by its own launches as the night's rounds timed them (cases that do not fit are left out, the most decided per second kept)",
            CustomParser = result => Positive(result, "--budget-seconds", "1200"),
        };
        var plan = new Command("paired-plan", "What the next round of a paired night measures: one '<--filter glob><TAB><pairs>' line per case (confirmations first, then the undecided cases most likely decided); nothing when every case is decided") { night, prior, threshold, minimumEffect, budget, budgetSeconds };
        plan.SetAction(parse =>
        {
            if (parse.GetValue(budget) is not null && parse.GetValue(budgetSeconds) is not null)
            {
                throw new PublishException("--budget and --budget-seconds both given: give the round's budget once, in pairs or in seconds.");
            }

            var read = NightReader.Read(parse.GetValue(night)!);
            var result = PairedAnalysis.Of(read, ReadPrior(parse.GetValue(prior)), parse.GetValue(threshold), parse.GetValue(minimumEffect));
            var limit = parse.GetValue(budgetSeconds) is { } seconds ? PlanBudget.InSeconds(seconds, PairPrices.Of(read))
                : parse.GetValue(budget) is { } pairs ? PlanBudget.InPairs(pairs) : null;
            parse.InvocationConfiguration.Output.Write(PairedPlanReport.Lines(PairedPlanner.Plan(result.Judgement, limit)));
            return Ok;
        });

        var priorOut = new Option<string>("--out") { Description = "The prior file to write (JSON)", Required = true };
        var learn = new Command("paired-prior", "Learn the paired spread per case, class and workload from A/A nights (base and head the same commit); writes --out and prints a summary") { nights, priorOut };
        learn.SetAction(parse =>
        {
            var file = parse.GetValue(priorOut)!;
            if (!Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(file))))
            {
                throw new PublishException($"--out '{file}': its folder does not exist. Create it or write the file elsewhere.");
            }

            var learnt = PairedPrior.Learn(ReadNights(parse.GetValue(nights)!));
            var temporary = file + $".writing-{Environment.ProcessId}";
            File.WriteAllText(temporary, learnt.Serialize());
            File.Move(temporary, file, overwrite: true);
            parse.InvocationConfiguration.Output.Write(PairedPriorReport.Markdown(learnt, file));
            return Ok;
        });

        var simulated = new Option<int>("--nights")
        {
            Description = $"How many nights to simulate (default {FalseAlarmRate.DefaultNights})",
            DefaultValueFactory = _ => FalseAlarmRate.DefaultNights,
            CustomParser = result => Count(result, "--nights", "10000") ?? 0,
        };
        var resample = new Option<AaResample>("--resample") { Description = "Pairs: each case's own A/A pairs (default); CaseResiduals: its own pairs around their night's mean; Residuals: its class's pooled residuals", DefaultValueFactory = _ => AaResample.Pairs };
        var firstPairs = new Option<int?>("--first-pairs")
        {
            Description = "Pairs per case in the first round (default: the fewest slots of the nights' first rounds)",
            CustomParser = result => Count(result, "--first-pairs", "3"),
        };
        var rounds = new Option<int>("--rounds")
        {
            Description = $"Rounds per night at most, the first included (default {NightProcedure.DefaultRounds})",
            DefaultValueFactory = _ => NightProcedure.DefaultRounds,
            CustomParser = result => Count(result, "--rounds", "3") ?? 0,
        };
        var seed = new Option<int>("--seed") { Description = "The random seed (default 1): the same seed, the same result", DefaultValueFactory = _ => 1 };
        // The simulated nights' budget: every pair after the first round, in all (NightProcedure.Budget), not one round's as paired-plan's --budget.
        var nightBudget = new Option<int?>("--budget")
        {
            Description = "At most this many pairs after the first round, in all its later rounds (default: no limit)",
            CustomParser = result => Count(result, "--budget", "200"),
        };
        var aaRate = new Command("paired-aa-rate", "Estimate P(exit 1) on a night with no change: resample A/A nights' pairs through the whole procedure (first round, looks, confirmations)") { nights, prior, simulated, resample, firstPairs, rounds, nightBudget, seed, threshold, minimumEffect };
        aaRate.SetAction(parse =>
        {
            var read = ReadNights(parse.GetValue(nights)!);
            FalseAlarmRate.RequireAa(read);
            var first = parse.GetValue(firstPairs) ?? read.Min(n => n.Manifest.Rounds!.FirstOrDefault(r => !r.IsAnchor)?.Slots!.Count) ?? PairedRule.MinPairs;
            var rate = FalseAlarmRate.Estimate(
                read,
                ReadPrior(parse.GetValue(prior)),
                parse.GetValue(resample),
                new NightProcedure(first, parse.GetValue(rounds), parse.GetValue(nightBudget)),
                parse.GetValue(simulated),
                parse.GetValue(seed),
                parse.GetValue(threshold) ?? read[0].Manifest.ThresholdPercent ?? PairedRule.DefaultThresholdPercent,
                parse.GetValue(minimumEffect));
            parse.InvocationConfiguration.Output.Write(AaRateReport.Markdown(rate));
            return Ok;
        });

        var spreads = new Option<double[]>("--spreads") { Description = "Paired spreads in percent, the table's rows (default 2,4,8,12)", DefaultValueFactory = _ => [2, 4, 8, 12], CustomParser = result => Numbers(result, "--spreads") };
        var pairs = new Option<double[]>("--pairs") { Description = "First-round pairs per case, the table's columns (default 2,3,4,5,6)", DefaultValueFactory = _ => [2, 3, 4, 5, 6], CustomParser = result => Numbers(result, "--pairs") };
        var effects = new Option<double[]>("--effects") { Description = "Slowdowns in percent, one table each (default 10,15)", DefaultValueFactory = _ => [10, 15], CustomParser = result => Numbers(result, "--effects") };
        var cases = new Option<int>("--cases") { Description = "Cases in a simulated night (default 260: the suite)", DefaultValueFactory = _ => 260, CustomParser = result => Count(result, "--cases", "260") ?? 0 };
        var slowed = new Option<int>("--slowed") { Description = "Of them slowed (default 24)", DefaultValueFactory = _ => 24, CustomParser = result => Count(result, "--slowed", "24") ?? 0 };
        var classSize = new Option<int>("--class-size") { Description = "Cases per class (default 10)", DefaultValueFactory = _ => 10, CustomParser = result => Count(result, "--class-size", "10") ?? 0 };
        var nightsPerCell = new Option<int>("--nights") { Description = "Nights per cell (default 100)", DefaultValueFactory = _ => 100, CustomParser = result => Count(result, "--nights", "100") ?? 0 };
        var d0 = new Option<double?>("--d0") { Description = "Cases of a class unlike each other: each case's spread drawn around the row's with d₀ degrees of freedom (default: all alike)", CustomParser = result => Positive(result, "--d0", "4") };
        var power = new Command("paired-power", "The paired rule's power by simulation through the whole procedure: per slowdown, the share of slowed cases confirmed slower by paired spread and first-round pairs") { spreads, pairs, effects, cases, slowed, classSize, nightsPerCell, d0, rounds, nightBudget, seed, threshold, minimumEffect };
        power.SetAction(parse =>
        {
            var table = PairedPower.Table(
                parse.GetValue(spreads)!,
                [.. parse.GetValue(pairs)!.Select(p => (int)p)],
                parse.GetValue(effects)!,
                parse.GetValue(cases),
                parse.GetValue(slowed),
                parse.GetValue(classSize),
                parse.GetValue(nightsPerCell),
                parse.GetValue(d0),
                parse.GetValue(rounds),
                parse.GetValue(nightBudget),
                parse.GetValue(threshold) ?? PairedRule.DefaultThresholdPercent,
                parse.GetValue(minimumEffect),
                parse.GetValue(seed));
            parse.InvocationConfiguration.Output.Write(PowerReport.Markdown(table));
            return Ok;
        });

        var drift = new Command("drift", "Change points in each case's head ÷ anchor series across nights (offline, the whole series): each shift with the night it began and its size") { nights };
        drift.SetAction(parse =>
        {
            parse.InvocationConfiguration.Output.Write(DriftReport.Markdown(Drift.Detect(ReadNights(parse.GetValue(nights)!), DriftDetector.Default)));
            return Ok;
        });

        var shift = new Option<double>("--shift") { Description = "The sustained shift injected, in percent (default 5)", DefaultValueFactory = _ => 5, CustomParser = result => Positive(result, "--shift", "5") };
        var start = new Option<int>("--start") { Description = "The night the shift begins (default 15)", DefaultValueFactory = _ => 15, CustomParser = result => Count(result, "--start", "15") ?? 0 };
        var length = new Option<int>("--length") { Description = "Nights per series (default 30)", DefaultValueFactory = _ => 30, CustomParser = result => Count(result, "--length", "30") ?? 0 };
        var perNight = new Option<int>("--pairs-per-night") { Description = "Head-anchor pairs a case gets on a night it is in the anchor's part (default 2)", DefaultValueFactory = _ => 2, CustomParser = result => Count(result, "--pairs-per-night", "2") ?? 0 };
        var series = new Option<int>("--series") { Description = "A/A series (and as many with the shift) per workload (default 20)", DefaultValueFactory = _ => 20, CustomParser = result => Count(result, "--series", "20") ?? 0 };
        var driftSimulate = new Command("drift-simulate", "Inject a sustained shift into series drawn from real pairs and resample A/A series: per detector, nights until found and false shifts") { nights, shift, start, length, perNight, series, seed };
        driftSimulate.SetAction(parse =>
        {
            var result = DriftSimulation.Run(ReadNights(parse.GetValue(nights)!), parse.GetValue(shift), parse.GetValue(start), parse.GetValue(length), parse.GetValue(perNight), parse.GetValue(series), parse.GetValue(seed));
            parse.InvocationConfiguration.Output.Write(DriftSimulationReport.Markdown(result));
            return Ok;
        });

        return [paired, plan, learn, aaRate, power, drift, driftSimulate];
    }

    private static PairedPrior? ReadPrior(string? file) => file is null ? null : PairedPrior.Read(file);

    private static List<PairedNight> ReadNights(IReadOnlyList<string> paths) => [.. Drift.NightFolders(paths).Select(NightReader.Read)];

    /// <summary>A count option: a whole number from 1.</summary>
    private static int? Count(ArgumentResult result, string option, string example)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 1)
        {
            return value;
        }

        result.AddError($"{option} takes a whole number from 1, e.g. {example} (got '{text}')");
        return null;
    }

    /// <summary>A list option, comma-separated positive numbers: 2,4,8,12.</summary>
    private static double[] Numbers(ArgumentResult result, string option)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        var values = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => double.TryParse(t.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 && v < 1000 ? v : double.NaN)
            .ToArray();
        if (values.Length > 0 && values.All(double.IsFinite))
        {
            return values;
        }

        result.AddError($"{option} takes numbers above 0 separated by commas, e.g. 2,4,8 (got '{text}')");
        return [];
    }
}
