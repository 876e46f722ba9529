using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AsyncBench.Benchmarks.Faults;
using AsyncBench.Fixtures;
using AsyncBench.Protocol;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace AsyncBench.Benchmarks.Running;

/// <summary>
/// A paired run of two commits (<c>--paired-base DIR</c>, or <c>--paired-anchor DIR</c>): ONE BenchmarkDotNet run whose
/// jobs are <c>base-r1</c>, <c>head-r1</c>, ... <c>base-rN</c>, <c>head-rN</c> (N = <c>--paired-slots</c>), one launch each.
/// The head jobs run this build; the base jobs run the build in DIR (<see cref="WorktreeToolchain"/>), a worktree of the
/// base commit built beforehand (<c>dotnet build -c Release</c>), so each side runs its own code, packages and fixture host.
/// <see cref="PairOrderer"/> runs each case's two launches back to back, slot by slot, so a pair shares what the machine
/// did that minute; which side runs first is drawn per slot from <c>--paired-seed</c> (half the slots each way, in a
/// shuffled order). Only cases the base build has, declared the same (<see cref="WorktreeBuild.Why"/>), get base jobs; the
/// others run head alone and are listed. <c>--paired-cases FILE</c> narrows the run to the lines of a plan
/// (<c>AsyncBench.Publish paired-plan</c>: a --filter glob, a TAB and the pairs that case needs). After the run the suite
/// writes <see cref="RoundFile"/> beside the results folder: the slots, their order, the unpaired cases and what each
/// case's launches took (<see cref="LaunchClock"/>), which <c>scripts/nightly.sh</c> puts into the night's paired.json.
/// </summary>
public sealed class PairedRun
{
    public const string BaseOption = "--paired-base";
    public const string AnchorOption = "--paired-anchor";
    public const string SlotsOption = "--paired-slots";
    public const string SeedOption = "--paired-seed";
    public const string CasesOption = "--paired-cases";

    public const string BaseSide = "base";
    public const string AnchorSide = "anchor";
    public const string HeadSide = "head";

    /// <summary>Pairs per case in a run without a plan: two, so a first round gives each case a within-case spread.</summary>
    public const int DefaultSlots = 2;

    /// <summary>The most pairs a case may ask for, by <c>--paired-slots</c> or a plan line: the limit the publisher's planner is held to.</summary>
    public const int MaxSlots = PairedPlanLimits.MaxPairsPerCase;

    /// <summary>The round's record, written beside the run's results folder.</summary>
    public const string RoundFile = "paired-round.json";

    private readonly bool[] reversed;
    private readonly int pairsPerCase;
    private readonly ConcurrentDictionary<string, string?> why = new(StringComparer.Ordinal);

    public PairedRun(WorktreeBuild other, string side, Job launchJob, int slots, int seed, IReadOnlyList<PlannedCase>? plan = null)
    {
        ArgumentNullException.ThrowIfNull(other);
        ArgumentNullException.ThrowIfNull(launchJob);
        Other = other;
        LaunchJob = launchJob;
        Side = side;
        Seed = seed;
        Plan = plan;
        pairsPerCase = slots;
        Slots = Math.Max(slots, plan is { Count: > 0 } ? plan.Max(p => p.Pairs ?? slots) : slots);
        reversed = Orders(Slots, seed);
    }

    /// <summary>The other side's build.</summary>
    public WorktreeBuild Other { get; }

    /// <summary><see cref="BaseSide"/> or <see cref="AnchorSide"/>: the name of the other side's jobs.</summary>
    public string Side { get; }

    public int Slots { get; }

    /// <summary>The job each launch runs: the profile's, or the one --job names (e.g. dry, for a smoke run), with one launch.</summary>
    public Job LaunchJob { get; }

    public int Seed { get; }

    public IReadOnlyList<PlannedCase>? Plan { get; }

    /// <summary>Times each launch of the run (see the class), for the round's record.</summary>
    public LaunchClock Clock { get; } = new();

    /// <summary>True when slot <paramref name="slot"/> runs head first (the pair's natural order is the other side first).</summary>
    public bool HeadFirst(int slot) => slot >= 1 && slot <= Slots && reversed[slot - 1];

    public PairOrderer Orderer() => new(HeadFirst);

    /// <summary>
    /// Which slots run head first: half of them (the odd one out drawn), in an order shuffled from <paramref name="seed"/>,
    /// so both orders occur in every run of two or more slots and the same seed gives the same order.
    /// </summary>
    public static bool[] Orders(int slots, int seed)
    {
        var random = new Random(seed);
        var orders = Enumerable.Range(0, slots).Select(i => i % 2 == 1).ToArray();
        if (slots % 2 == 1)
        {
            orders[^1] = random.Next(2) == 1;
        }

        random.Shuffle(orders);
        return orders;
    }

    /// <summary>The run's jobs, slot by slot: the launch job with one launch, the other side's with its toolchain.</summary>
    public IEnumerable<Job> Jobs()
    {
        var toolchain = new WorktreeToolchain(Side, Other.Project, Other.Assembly, WorktreeBuild.TargetFramework);
        for (var slot = 1; slot <= Slots; slot++)
        {
            var one = LaunchJob.WithLaunchCount(1);
            yield return one.WithToolchain(toolchain).WithId(JobId(Side, slot));
            yield return one.WithId(JobId(HeadSide, slot));
        }
    }

    public static string JobId(string side, int slot) => string.Create(CultureInfo.InvariantCulture, $"{side}-r{slot}");

    /// <summary>Keeps a case's jobs of the slots its plan line asks for (all without a plan), and its other-side jobs only when it can be paired.</summary>
    public IFilter Filter() => new SimpleFilter(Keep);

    private bool Keep(BenchmarkCase benchmark)
    {
        var slot = PairOrderer.RoundOf(benchmark.Job);
        if (slot == 0)
        {
            return true;
        }

        // A plan's case gets the pairs its line asks for (a line without a number: the run's); a case no line selects, none.
        if (Plan is not null && slot > (PlannedCase.PairsFor(Plan, benchmark) ?? pairsPerCase))
        {
            return false;
        }

        return !benchmark.Job.Id.StartsWith(Side + "-", StringComparison.Ordinal) || WhyNotPaired(benchmark) is null;
    }

    /// <summary>Null when the case is paired; else why it runs head alone (cached per case).</summary>
    public string? WhyNotPaired(BenchmarkCase benchmark) =>
        why.GetOrAdd(FullNameProvider.GetBenchmarkName(benchmark), _ => Other.Why(benchmark));

    /// <summary>Writes the round's record (see the class) for the cases of <paramref name="summaries"/>.</summary>
    public void WriteRound(string path, IReadOnlyList<Summary> summaries, DateTime startedUtc, DateTime endedUtc)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        var heads = summaries.SelectMany(s => s.BenchmarksCases).Where(c => c.Job.Id.StartsWith(HeadSide + "-", StringComparison.Ordinal))
            .GroupBy(FullNameProvider.GetBenchmarkName, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var unpaired = heads.Select(g => (Case: g.Key, Why: WhyNotPaired(g.First()))).Where(c => c.Why is not null).ToList();
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("pairs", $"{HeadSide}-{Side}");
        json.WriteNumber("seed", Seed);
        json.WriteStartArray("slots");
        for (var slot = 1; slot <= Slots; slot++)
        {
            json.WriteStartObject();
            json.WriteNumber("slot", slot);
            json.WriteString("first", HeadFirst(slot) ? HeadSide : BaseSide);
            json.WriteString("baseJob", JobId(Side, slot));
            json.WriteString("headJob", JobId(HeadSide, slot));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("startedUtc", startedUtc.ToString("o", CultureInfo.InvariantCulture));
        json.WriteString("endedUtc", endedUtc.ToString("o", CultureInfo.InvariantCulture));
        json.WriteNumber("cases", heads.Count - unpaired.Count);
        json.WriteStartArray("notPaired");
        foreach (var (name, reason) in unpaired)
        {
            json.WriteStartObject();
            json.WriteString("case", name);
            json.WriteString("reason", reason);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        // What each case's launches took, both sides, timed by the host: the night prices its next rounds by them.
        json.WriteStartArray("launchSeconds");
        foreach (var time in Clock.Times())
        {
            json.WriteStartObject();
            json.WriteString("case", time.Case);
            json.WriteNumber("launches", time.Launches);
            json.WriteNumber("seconds", Math.Round(time.Seconds, 3));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("otherBuild", Other.Root);
        json.WriteEndObject();
    }

    /// <summary>The folder beside the results where <see cref="WriteHeadLaunches"/> writes one folder per slot.</summary>
    public const string HeadLaunchesFolder = "head-launches";

    /// <summary>
    /// Writes each slot's head launches as a results folder of its own (<c>head-launches/r&lt;slot&gt;</c>: every full JSON
    /// report with only that slot's head benchmarks, and the declarations sidecars), the form of a pass of the nightly, so
    /// <c>AsyncBench.Publish merge-passes</c> joins a night's head launches into the night's pages as it joins passes.
    /// </summary>
    /// <returns>The folders written, slot by slot.</returns>
    public IReadOnlyList<string> WriteHeadLaunches(string resultsDirectory, string outputDirectory)
    {
        var written = new List<string>();
        for (var slot = 1; slot <= Slots; slot++)
        {
            var job = JobId(HeadSide, slot);
            var folder = Path.Combine(outputDirectory, $"r{slot}");
            Directory.CreateDirectory(folder);
            foreach (var file in Directory.GetFiles(resultsDirectory, "*-report-full.json"))
            {
                var report = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
                var kept = report["Benchmarks"]!.AsArray().Where(b => JobOf(b?["DisplayInfo"]?.GetValue<string>() ?? string.Empty) == job).Select(b => b!.DeepClone()).ToList();
                if (kept.Count > 0)
                {
                    report["Benchmarks"] = new JsonArray([.. kept]);
                    File.WriteAllText(Path.Combine(folder, Path.GetFileName(file)), report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                }
            }

            foreach (var sidecar in Directory.GetFiles(resultsDirectory, "*-report-asyncbench.json"))
            {
                File.Copy(sidecar, Path.Combine(folder, Path.GetFileName(sidecar)), overwrite: true);
            }

            written.Add(folder);
        }

        return written;
    }

    /// <summary>The job id in BenchmarkDotNet's DisplayInfo, <c>Type.Method: JobId(characteristics) [parameters]</c>.</summary>
    private static string JobOf(string displayInfo)
    {
        var start = displayInfo.IndexOf(": ", StringComparison.Ordinal);
        var job = start < 0 ? string.Empty : displayInfo[(start + 2)..];
        var end = job.IndexOfAny(['(', ' ']);
        return end < 0 ? job : job[..end];
    }

    /// <summary>
    /// Takes the paired options out of <paramref name="args"/>: null when none is given; false with the error line when one
    /// is wrong, alone, or cannot go with the rest of the run. The other side's build is read here, before anything runs.
    /// </summary>
    /// <param name="profile">The run's profile, whose job each launch runs unless --job names another.</param>
    public static bool TryTake(string[] args, string profile, out PairedRun? paired, out string[] rest, out string error)
    {
        ArgumentNullException.ThrowIfNull(args);
        paired = null;
        error = string.Empty;
        var (bases, afterBase) = SuiteOptions.Take(args, BaseOption);
        var (anchors, afterAnchor) = SuiteOptions.Take(afterBase, AnchorOption);
        var (slotValues, afterSlots) = SuiteOptions.Take(afterAnchor, SlotsOption);
        var (seeds, afterSeed) = SuiteOptions.Take(afterSlots, SeedOption);
        var (plans, others) = SuiteOptions.Take(afterSeed, CasesOption);
        rest = others;
        if (bases.Count + anchors.Count == 0)
        {
            if (slotValues.Count + seeds.Count + plans.Count > 0)
            {
                error = $"{SlotsOption}, {SeedOption} and {CasesOption} apply only to a paired run: add {BaseOption} DIR (a built worktree of the base commit).";
                return false;
            }

            return true;
        }

        if (bases.Count + anchors.Count > 1)
        {
            error = $"a paired run pairs head with one other build: give {BaseOption} DIR or {AnchorOption} DIR, once.";
            return false;
        }

        var option = bases.Count == 1 ? BaseOption : AnchorOption;
        var root = bases.Count == 1 ? bases[0] : anchors[0];
        if (root.Length == 0)
        {
            error = $"{option} needs the folder of a built worktree of the other commit, e.g. {option} ../asyncbench-base.";
            return false;
        }

        var slots = DefaultSlots;
        if (slotValues.Count > 0 && (!int.TryParse(slotValues[^1], NumberStyles.None, CultureInfo.InvariantCulture, out slots) || slots < 1 || slots > MaxSlots))
        {
            error = $"{SlotsOption} '{slotValues[^1]}': give the pairs per case, a whole number from 1 to {MaxSlots}.";
            return false;
        }

        var seed = Random.Shared.Next();
        if (seeds.Count > 0 && !int.TryParse(seeds[^1], NumberStyles.None, CultureInfo.InvariantCulture, out seed))
        {
            error = $"{SeedOption} '{seeds[^1]}': give a whole number from 0 to {int.MaxValue} (the order of each slot is drawn from it).";
            return false;
        }

        IReadOnlyList<PlannedCase>? plan = null;
        if (plans.Count > 0 && !PlannedCase.TryRead(plans[^1], CasesOption, out plan, out error))
        {
            return false;
        }

        // --job names the launch job instead of the profile's (checked with the rest of the configuration, ConfigurationCheck).
        var (jobNames, withoutJob) = SuiteOptions.Take(others, SuiteOptions.Job);
        rest = withoutJob;
        var launchJob = jobNames.Count > 0 ? ConfigurationCheck.JobNamed(jobNames[^1]) : Profiles.JobFor(profile);
        if (jobNames.Count > 0 && !ConfigurationCheck.JobNames.Contains(jobNames[^1], StringComparer.OrdinalIgnoreCase))
        {
            error = $"--job '{jobNames[^1]}' is not a BenchmarkDotNet job; use one of: {string.Join(", ", ConfigurationCheck.JobNames)} (or --profile).";
            return false;
        }

        if (SuiteOptions.Take(others, NightPass.PassOption, NightPass.PassesOption).Values.Count > 0)
        {
            error = $"{option} is a night of its own: drop {NightPass.PassOption}/{NightPass.PassesOption} (passes are the history night's).";
            return false;
        }

        foreach (var variable in new[] { InjectedSlowdown.Variable, FixtureHostProcess.HostPathVariable })
        {
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable)))
            {
                error = $"{variable} is set: in a paired run both sides' processes would read it. Unset it" +
                    (variable == InjectedSlowdown.Variable ? $" and slow head by a commit instead ({InjectedSlowdown.FileName}, scripts/make-slowdown-commit.sh)." : "; each side runs the fixture host of its own build.");
                return false;
            }
        }

        if (!WorktreeBuild.TryRead(root, option, out var other, out error))
        {
            return false;
        }

        paired = new PairedRun(other!, option == BaseOption ? BaseSide : AnchorSide, launchJob, slots, seed, plan);
        return true;
    }
}

/// <summary>One line of a plan (<c>--paired-cases FILE</c>): the cases a --filter glob selects, and the pairs each needs (null: the run's slots).</summary>
public sealed class PlannedCase(string glob, int? pairs)
{
    private readonly GlobFilter filter = new([glob]);

    public string Glob => glob;

    public int? Pairs => pairs;

    public bool Matches(BenchmarkCase benchmark) => filter.Predicate(benchmark);

    /// <summary>The pairs of the first line that selects <paramref name="benchmark"/>: null when it has no number, 0 when no line selects it.</summary>
    public static int? PairsFor(IReadOnlyList<PlannedCase> plan, BenchmarkCase benchmark)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.FirstOrDefault(p => p.Matches(benchmark)) is { } line ? line.Pairs : 0;
    }

    /// <summary>Reads a plan file; false with the error line when it is missing or a line is malformed.</summary>
    public static bool TryRead(string path, string option, out IReadOnlyList<PlannedCase>? plan, out string error)
    {
        plan = null;
        error = string.Empty;
        if (path.Length == 0 || !File.Exists(path))
        {
            error = $"{option} '{path}': no such file. Give the file written by 'AsyncBench.Publish paired-plan NIGHT' (a --filter glob per line, a TAB and the pairs).";
            return false;
        }

        var lines = new List<PlannedCase>();
        foreach (var (line, number) in File.ReadAllLines(path).Select((l, i) => (l.TrimEnd('\r'), i + 1)))
        {
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split('\t');
            int pairs = 0;
            if (parts[0].Trim().Length == 0 || parts.Length > 2
                || (parts.Length == 2 && (!int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out pairs) || pairs < 1 || pairs > PairedRun.MaxSlots)))
            {
                error = $"{option} '{path}', line {number}: '{line}' is not '<--filter glob>' or '<--filter glob><TAB><pairs from 1 to {PairedRun.MaxSlots}>'. Correct it or write the plan again with paired-plan.";
                return false;
            }

            lines.Add(new PlannedCase(parts[0].Trim(), parts.Length == 2 ? pairs : null));
        }

        plan = lines;
        return true;
    }
}
