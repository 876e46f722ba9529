using System.Diagnostics;
using System.Globalization;

namespace AsyncBench.Publishing;

/// <summary>
/// The two verbs of scripts/AsyncBench.Publish. Exit codes: 0 success (no regression), 1 a regression
/// found by compare, 2 bad input or usage. Bad input prints one line, never a stack trace.
/// </summary>
public static class Cli
{
    public const int Ok = 0;
    public const int Regression = 1;
    public const int BadInput = 2;

    public const string DefaultReports = "BenchmarkDotNet.Artifacts/results";
    public const string DefaultOut = "results";

    public const string Usage =
        "usage:\n" +
        "  publish [REPORTS_DIR] [--out DIR]          REPORTS_DIR defaults to BenchmarkDotNet.Artifacts/results, DIR to results/\n" +
        "  compare BASE_DIR DIFF_DIR [--threshold PCT] [--history DIR]\n" +
        "                                             a markdown report on stdout; exit 1 on a regression past PCT (default 10);\n" +
        "                                             DIR: the machine's published runs (results/<machine>), whose run-to-run spread judges the change\n" +
        "environment: ASYNCBENCH_MACHINE names the machine (default: the host name), ASYNCBENCH_COMMIT the suite's commit (default: git rev-parse HEAD).";

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            return args.FirstOrDefault() switch
            {
                "publish" => RunPublish(args[1..], stdout),
                "compare" => RunCompare(args[1..], stdout),
                "--help" or "-h" => Help(stdout),
                null => throw new PublishException("no command given."),
                var other => throw new PublishException($"unknown command '{other}'."),
            };
        }
        catch (PublishException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            if (e.Message.EndsWith("given.", StringComparison.Ordinal) || e.Message.StartsWith("unknown", StringComparison.Ordinal) || e.Message.Contains("option", StringComparison.Ordinal))
            {
                stderr.WriteLine(Usage);
            }

            return BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: {e.Message} Check the folder paths and their permissions; nothing was published.");
            return BadInput;
        }
    }

    private static int Help(TextWriter stdout)
    {
        stdout.WriteLine(Usage);
        return Ok;
    }

    private static int RunPublish(string[] args, TextWriter stdout)
    {
        var (positional, options) = Parse(args, ["--out"]);
        if (positional.Count > 1)
        {
            throw new PublishException($"publish takes one REPORTS_DIR, got {positional.Count} ({string.Join(" ", positional)}); see the option list.");
        }

        var reports = positional.FirstOrDefault() ?? DefaultReports;
        var outDir = options.GetValueOrDefault("--out") ?? DefaultOut;
        var label = new RunLabel(Commit(), Machine());
        var result = Publisher.Publish(reports, outDir, label);
        stdout.WriteLine($"Published {result.Benchmarks} benchmarks ({result.Failed} failed) to {result.RunDirectory}");
        stdout.WriteLine($"Pages: {string.Join(", ", result.Pages)}; latest copy in {result.LatestDirectory}");
        return Ok;
    }

    private static int RunCompare(string[] args, TextWriter stdout)
    {
        var (positional, options) = Parse(args, ["--threshold", "--history"]);
        if (positional.Count != 2)
        {
            throw new PublishException($"compare takes BASE_DIR and DIFF_DIR, got {positional.Count} folder(s); see the option list.");
        }

        var threshold = CompareOptions.DefaultThresholdPercent;
        if (options.TryGetValue("--threshold", out var text)
            && (!double.TryParse(text.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out threshold) || threshold <= 0 || threshold >= 1000))
        {
            throw new PublishException($"--threshold takes a percentage above 0, e.g. 10 (got '{text}'); see the option list.");
        }

        var baseRun = ReportReader.ReadDirectory(positional[0]);
        var diffRun = ReportReader.ReadDirectory(positional[1]);
        var history = options.TryGetValue("--history", out var historyDir) ? RunHistory.Load(historyDir, exclude: positional[1]) : null;
        var comparison = Comparer.Compare(baseRun, diffRun, new CompareOptions(threshold), history);
        stdout.Write(Comparer.Markdown(comparison));
        return comparison.HasRegression ? Regression : Ok;
    }

    private static (List<string> Positional, Dictionary<string, string> Options) Parse(string[] args, string[] known)
    {
        var positional = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(args[i]);
                continue;
            }

            if (!known.Contains(args[i]))
            {
                throw new PublishException($"unknown option '{args[i]}' (this command takes {string.Join(", ", known)}).");
            }

            if (i + 1 >= args.Length)
            {
                throw new PublishException($"the option {args[i]} needs a value.");
            }

            options[args[i]] = args[++i];
        }

        return (positional, options);
    }

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
