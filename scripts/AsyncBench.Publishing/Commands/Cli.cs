using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using AsyncBench.Publishing.Ab;
using AsyncBench.Publishing.Comparing;
using AsyncBench.Publishing.Formatting;
using AsyncBench.Publishing.Paired;
using AsyncBench.Publishing.Pages;
using AsyncBench.Publishing.Passes;
using AsyncBench.Publishing.Planning;
using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Rules;
using AsyncBench.Publishing.Statistics;
using AsyncBench.Publishing.Trials;

namespace AsyncBench.Publishing.Commands;

/// <summary>
/// The verbs of scripts/AsyncBench.Publish (publish, compare, replicate, words, ab, trials, merge-passes, plan-launches, and the paired
/// gate's paired, paired-plan, paired-prior, paired-aa-rate, paired-power, drift, drift-simulate), parsed by System.CommandLine.
/// Exit codes: 0 success (no regression; replication criterion met), 1 a paired night with a confirmed slower case (the
/// nightly gate), a regression found by the history comparison, a replication or a comparison of verdict words that misses its criterion, 2 bad input or usage. Bad input prints one
/// <c>error:</c> line saying what is wrong and what to do, never a stack trace.
/// </summary>
public static partial class Cli
{
    public const int Ok = 0;
    public const int Regression = 1;

    /// <summary>replicate: the two runs miss the replication criterion.</summary>
    public const int NotReplicated = 1;

    /// <summary>words: fewer than 9 of 10 rules have the same verdict words in the two runs.</summary>
    public const int WordsDiffer = 1;
    public const int BadInput = 2;

    public const string DefaultReports = "BenchmarkDotNet.Artifacts/results";
    public const string DefaultOut = "results";

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stderr);
        var root = Commands();
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // One line: the problem that names an argument if any (an unknown command beats "no command"), and where the usage is.
            var error = parsed.Errors.FirstOrDefault(e => args.Any(a => e.Message.Contains($"'{a}'", StringComparison.Ordinal))) ?? parsed.Errors[0];
            stderr.WriteLine($"error: {error.Message.TrimEnd('.')}. Run with --help for the usage.");
            return BadInput;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (PublishException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: {e.Message} Check the folder paths and their permissions; nothing was published.");
            return BadInput;
        }
    }

    private static RootCommand Commands()
    {
        var reports = new Argument<string>("REPORTS_DIR")
        {
            Description = "BenchmarkDotNet's results folder (its *-report-full.json and *-report-asyncbench.json files), or a published run folder",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => DefaultReports,
        };
        var output = new Option<string>("--out")
        {
            Description = "The folder that receives the run folder and latest/",
            DefaultValueFactory = _ => DefaultOut,
        };
        var publish = new Command("publish", "Turn a run's reports into pages: a new run folder under --out, and latest/") { reports, output };
        publish.SetAction(parse =>
        {
            var label = new RunLabel(Commit(), Machine());
            var result = Publisher.Publish(parse.GetValue(reports)!, parse.GetValue(output)!, label);
            parse.InvocationConfiguration.Output.WriteLine($"Published {result.Benchmarks} benchmarks ({result.Failed} failed) to {result.RunDirectory}");
            parse.InvocationConfiguration.Output.WriteLine(result.LatestDirectory is { } latest
                ? $"Pages: {string.Join(", ", result.Pages)}; latest copy in {latest}"
                : $"Pages: {string.Join(", ", result.Pages)}; a reviewer's run: published apart, not copied to latest");
            return Ok;
        });

        var baseDir = new Argument<string>("BASE_DIR") { Description = "The earlier run: an artifacts folder or a published run folder" };
        var diffDir = new Argument<string>("DIFF_DIR") { Description = "The later run" };
        var threshold = new Option<double>("--threshold")
        {
            Description = "The slowdown in percent the gate must catch: gateable means a true slowdown this large is flagged with 90 % probability; changes under half of it are never flagged (default 15)",
            DefaultValueFactory = _ => GateOptions.DefaultThresholdPercent,
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                if (double.TryParse(text.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && value < 1000)
                {
                    return value;
                }

                result.AddError($"--threshold takes a percentage above 0, e.g. 10 (got '{text}')");
                return 0;
            },
        };
        var historyDir = new Option<string?>("--history")
        {
            Description = "The machine's published runs (results/<machine>): their run-to-run spread judges the change",
        };
        var json = new Option<string?>("--json")
        {
            Description = "Also write the comparison as JSON to this file (every benchmark's verdict, noise, power and injected slowdown; the input of 'trials')",
        };
        var compare = new Command("compare", "The history comparison (not the nightly gate, which is 'paired'): compare two runs nights or machines apart; a markdown report on stdout; exit 1 on a regression") { baseDir, diffDir, threshold, historyDir, json };
        compare.SetAction(parse =>
        {
            var jsonFile = parse.GetValue(json);
            if (jsonFile is not null && !Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(jsonFile))))
            {
                throw new PublishException($"--json '{jsonFile}': its folder does not exist. Create it or write the file elsewhere.");
            }

            var baseRun = ReportReader.ReadDirectory(parse.GetValue(baseDir)!);
            var diffRun = ReportReader.ReadDirectory(parse.GetValue(diffDir)!);
            var history = parse.GetValue(historyDir) is { } folder ? RunHistory.Load(folder, exclude: parse.GetValue(diffDir)!) : null;
            var comparison = Gate.Compare(baseRun, diffRun, new GateOptions(parse.GetValue(threshold)), history);
            parse.InvocationConfiguration.Output.Write(GateReport.Markdown(comparison));
            if (jsonFile is not null)
            {
                File.WriteAllText(jsonFile, GateJson.Serialize(comparison));
            }

            return comparison.HasRegression ? Regression : Ok;
        });

        var firstDir = new Argument<string>("RUN1") { Description = "The first run: an artifacts folder or a published run folder" };
        var secondDir = new Argument<string>("RUN2") { Description = "The second run of the same commit on the same machine, whose intervals run 1's values should fall in" };
        var replicationHistory = new Option<string?>("--history")
        {
            Description = "The machine's earlier published runs (a results folder): the between-run component of the intervals is learnt from them (RUN1 and RUN2 left out); without it the intervals show the launches' spread only",
        };
        var replicate = new Command("replicate", "Check that two runs' claims replicate: run 1's values inside run 2's intervals (≥ 90 %) and the verdicts equal (≥ 9 of 10); a markdown report on stdout; exit 1 when not met") { firstDir, secondDir, replicationHistory };
        replicate.SetAction(parse =>
        {
            var first = ReportReader.ReadDirectory(parse.GetValue(firstDir)!);
            var second = ReportReader.ReadDirectory(parse.GetValue(secondDir)!);
            var earlier = parse.GetValue(replicationHistory) is { } folder
                ? RunHistory.Load(folder).Where(h => !SameRun(h, first) && !SameRun(h, second)).ToList()
                : [];
            var replication = Replication.Of(first, second, ClaimHistory.Learn(earlier, second.Declarations.Claims, second.JobSettings));
            parse.InvocationConfiguration.Output.Write(ReplicationReport.Markdown(replication));
            return replication.Met ? Ok : NotReplicated;
        });

        var firstPage = new Argument<string>("RUN1") { Description = "The first published run: its run folder (e.g. the quick run's) or its rules.json" };
        var secondPage = new Argument<string>("RUN2") { Description = "The second published run (e.g. the evidence run's)" };
        var words = new Command("words", "Compare two published runs' verdict words per rule (rules.json \"words\"), provisional ones by their words; a markdown report on stdout; exit 1 when fewer than 9 of 10 are equal") { firstPage, secondPage };
        words.SetAction(parse =>
        {
            var comparison = WordsComparison.Of(parse.GetValue(firstPage)!, parse.GetValue(secondPage)!);
            parse.InvocationConfiguration.Output.Write(WordsReport.Markdown(comparison));
            return comparison.Met ? Ok : WordsDiffer;
        });

        var abDir = new Argument<string>("RESULTS_DIR") { Description = "The results folder of one A/B run (the suite's --ab PACKAGE=A,B)" };
        var ab = new Command("ab", "Compare the two versions of an A/B run, paired by round: per case B ÷ A with its interval, and whether to upgrade") { abDir };
        ab.SetAction(parse =>
        {
            var run = ReportReader.ReadDirectory(parse.GetValue(abDir)!, severalJobs: true);
            parse.InvocationConfiguration.Output.Write(AbReport.Markdown(AbAnalysis.Of(run)));
            return Ok;
        });

        var files = new Argument<string[]>("COMPARISON_JSON") { Description = "Comparison files written by compare --json: trials (with injected slowdowns) and A/A pairs", Arity = ArgumentArity.OneOrMore };
        var trials = new Command("trials", "Tabulate power trials and A/A pairs from compare --json files: injected benchmarks flagged, other flags, gateable share") { files };
        trials.SetAction(parse =>
        {
            var documents = parse.GetValue(files)!.Select(f => (Path.GetFileNameWithoutExtension(f), GateJson.Read(File.Exists(f) ? f : throw new PublishException($"The comparison file '{f}' does not exist. Write it with compare --json.")))).ToList();
            parse.InvocationConfiguration.Output.Write(TrialsReport.Markdown(GateTrials.Tabulate(documents)));
            return Ok;
        });

        var passDirs = new Argument<string[]>("PASS_DIR") { Description = "Each pass's BenchmarkDotNet results folder, in the order the passes ran", Arity = ArgumentArity.OneOrMore };
        var mergedOut = new Option<string>("--out") { Description = "The new folder that receives the merged reports (must not exist or be empty)", Required = true };
        var mergePasses = new Command("merge-passes", "Join the passes of one run (each a run of the suite with one launch per case) into one run whose launches are the passes'") { passDirs, mergedOut };
        mergePasses.SetAction(parse =>
        {
            var benchmarks = PassMerger.Merge(parse.GetValue(passDirs)!, parse.GetValue(mergedOut)!);
            parse.InvocationConfiguration.Output.WriteLine($"Merged {parse.GetValue(passDirs)!.Length} passes: {benchmarks} benchmarks into {parse.GetValue(mergedOut)}");
            return Ok;
        });

        var pilotDirs = new Argument<string[]>("PILOT_DIR") { Description = "Pilot runs of the nightly (published run folders or artifacts folders, two launches a case or more): each case's spread between launches", Arity = ArgumentArity.OneOrMore };
        var minutes = new Option<double>("--minutes")
        {
            Description = $"The minutes of benchmark processes the night may take, builds and publishing left out (default {Format.Number(LaunchPlanner.DefaultBudgetMinutes)}: a nightly hour on the 2-core VM)",
            DefaultValueFactory = _ => LaunchPlanner.DefaultBudgetMinutes,
            CustomParser = result => Positive(result, "--minutes", "50"),
        };
        var overhead = new Option<double>("--launch-overhead")
        {
            Description = $"Seconds a launch costs besides its measured iterations: the process's start and the fixture's set-up (default {Format.Number(LaunchPlanner.DefaultLaunchOverheadSeconds)}, measured on the 2-core VM)",
            DefaultValueFactory = _ => LaunchPlanner.DefaultLaunchOverheadSeconds,
            CustomParser = result => Positive(result, "--launch-overhead", "1.25", allowZero: true),
        };
        var planLaunches = new Command("plan-launches", "Size each class's nightly launches from pilot runs: the most cases gateable within the minutes given") { pilotDirs, minutes, overhead, threshold };
        planLaunches.SetAction(parse =>
        {
            var pilots = parse.GetValue(pilotDirs)!.Select(d => ReportReader.ReadDirectory(d)).ToList();
            var plan = LaunchPlanner.Plan(pilots, parse.GetValue(threshold), parse.GetValue(minutes), parse.GetValue(overhead));
            parse.InvocationConfiguration.Output.Write(LaunchPlanReport.Markdown(plan));
            return Ok;
        });

        var root = new RootCommand(
            "AsyncBench's publisher. Environment: ASYNCBENCH_MACHINE names the machine (default: the host name), " +
            "ASYNCBENCH_COMMIT the suite's commit (default: git rev-parse HEAD).")
        {
            publish,
            compare,
            replicate,
            words,
            ab,
            trials,
            mergePasses,
            planLaunches,
        };
        foreach (var verb in PairedCommands())
        {
            root.Subcommands.Add(verb);
        }

        return root;
    }

    /// <summary>A number option that must be above 0 (or at least 0): one error naming the option and an example otherwise.</summary>
    private static double Positive(System.CommandLine.Parsing.ArgumentResult result, string option, string example, bool allowZero = false)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && (value > 0 || (allowZero && value == 0)) && value < 1e6)
        {
            return value;
        }

        result.AddError($"{option} takes a number {(allowZero ? "from 0" : "above 0")}, e.g. {example} (got '{text}')");
        return 0;
    }

    /// <summary>The same run read from two folders (an artifacts folder and its published copy): same start and as many results.</summary>
    private static bool SameRun(BenchmarkRun a, BenchmarkRun b) =>
        Path.GetFullPath(a.SourceDirectory) == Path.GetFullPath(b.SourceDirectory)
        || (a.StartedUtc is not null && a.StartedUtc == b.StartedUtc && a.Results.Count == b.Results.Count);

    private static string Machine() =>
        Environment.GetEnvironmentVariable("ASYNCBENCH_MACHINE") is { Length: > 0 } machine ? machine : Environment.MachineName;

    private static string Commit()
    {
        if (Environment.GetEnvironmentVariable("ASYNCBENCH_COMMIT") is { Length: > 0 } commit)
        {
            return commit;
        }

        var head = Git("rev-parse --short=12 HEAD");
        if (head is null)
        {
            return "unknown (not a git checkout)";
        }

        return string.IsNullOrWhiteSpace(Git("status --porcelain --untracked-files=no")) ? head : head + " (with uncommitted changes)";
    }

    private static string? Git(string arguments)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (git is null)
            {
                return null;
            }

            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
