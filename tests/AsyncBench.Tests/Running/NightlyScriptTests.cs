using System.Diagnostics;
using AsyncBench.Benchmarks.Running;

namespace AsyncBench.Tests.Running;

/// <summary>
/// scripts/nightly.sh's bad input, in a throwaway git repository holding the script: an unknown base ref, an anchor
/// that is not an ancestor of head, a base that does not build. Each is one error line, exit 2, nothing published.
/// </summary>
public sealed class NightlyScriptTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("asyncbench-nightly-test-");

    private string Repository => Path.Combine(folder.FullName, "repo");

    private string Results => Path.Combine(folder.FullName, "results");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public void Nightly_Should_Refuse_AnUnknownBaseRef()
    {
        MakeRepository();

        var (exit, stderr) = Nightly(new() { ["NIGHTLY_BASE"] = "no-such-ref" });

        AssertRefused(exit, stderr, "NIGHTLY_BASE='no-such-ref' is not a commit of this repository");
    }

    [Fact]
    public void Nightly_Should_Refuse_AnAnchorThatIsNotAnAncestorOfHead()
    {
        var (_, _, aside) = MakeRepository();

        var (exit, stderr) = Nightly(new() { ["NIGHTLY_BASE"] = "HEAD", ["NIGHTLY_ANCHOR"] = aside });

        AssertRefused(exit, stderr, "is not an ancestor of head");
    }

    [Fact]
    public void Nightly_Should_Refuse_ABaseThatDoesNotBuild()
    {
        var (first, _, _) = MakeRepository();

        var (exit, stderr) = Nightly(new() { ["NIGHTLY_BASE"] = first });

        AssertRefused(exit, stderr, $"the base {first[..12]} (NIGHTLY_BASE: {first}) does not build");
    }

    [Fact]
    public void Nightly_Should_Refuse_ABadSetting()
    {
        MakeRepository();

        var (exit, stderr) = Nightly(new() { ["NIGHTLY_SLOTS"] = "two" });

        AssertRefused(exit, stderr, "NIGHTLY_SLOTS='two' must be a whole number from 1");
    }

    private void AssertRefused(int exit, string stderr, string expected)
    {
        Assert.Equal(2, exit);
        var errors = stderr.Split('\n').Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 1, stderr);
        Assert.Contains(expected, errors[0], StringComparison.Ordinal);
        Assert.False(Directory.Exists(Results) && Directory.EnumerateFiles(Results, "*", SearchOption.AllDirectories).Any(), "something was published");
    }

    /// <summary>A repository with the nightly's scripts: two commits on main (the first without a buildable suite) and one aside.</summary>
    private (string First, string Second, string Aside) MakeRepository()
    {
        var root = PublishCommand.FindCheckout(AppContext.BaseDirectory)!;
        Directory.CreateDirectory(Path.Combine(Repository, "scripts", "lib"));
        File.Copy(Path.Combine(root, "scripts", "nightly.sh"), Path.Combine(Repository, "scripts", "nightly.sh"));
        File.Copy(Path.Combine(root, "scripts", "lib", "results.sh"), Path.Combine(Repository, "scripts", "lib", "results.sh"));
        Git("init", "--quiet", "--initial-branch=main");
        Git("add", "-A");
        Git("commit", "--quiet", "-m", "first");
        var first = Git("rev-parse", "HEAD");
        Git("checkout", "--quiet", "-b", "aside");
        File.WriteAllText(Path.Combine(Repository, "aside.txt"), "aside");
        Git("add", "-A");
        Git("commit", "--quiet", "-m", "aside");
        var aside = Git("rev-parse", "HEAD");
        Git("checkout", "--quiet", "main");
        File.WriteAllText(Path.Combine(Repository, "second.txt"), "second");
        Git("add", "-A");
        Git("commit", "--quiet", "-m", "second");
        return (first, Git("rev-parse", "HEAD"), aside);
    }

    private string Git(params string[] args)
    {
        var (exit, stdout, stderr) = Run("git", ["-c", "user.name=test", "-c", "user.email=test@example.com", .. args], []);
        Assert.True(exit == 0, $"git {string.Join(' ', args)}: {stderr}");
        return stdout.Trim();
    }

    private (int Exit, string StandardError) Nightly(Dictionary<string, string> environment)
    {
        environment["NIGHTLY_RESULTS"] = Results;
        environment["NIGHTLY_WORK"] = Path.Combine(folder.FullName, "work");
        environment["ASYNCBENCH_MACHINE"] = "test-machine";
        var (exit, _, stderr) = Run("bash", [Path.Combine(Repository, "scripts", "nightly.sh")], environment);
        return (exit, stderr);
    }

    private (int Exit, string StandardOutput, string StandardError) Run(string program, string[] args, Dictionary<string, string> environment)
    {
        var startInfo = new ProcessStartInfo(program) { WorkingDirectory = Directory.Exists(Repository) ? Repository : folder.FullName, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        foreach (var name in startInfo.Environment.Keys.Where(k => k.StartsWith("NIGHTLY_", StringComparison.Ordinal) || k.StartsWith("ASYNCBENCH_", StringComparison.Ordinal)).ToList())
        {
            startInfo.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within 5 min.");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
