using AsyncBench.Publishing.Commands;

namespace AsyncBench.Publish.Tests;

/// <summary>The publisher's command line, run in the test process: its exit code and what it wrote to each stream.</summary>
public static class PublishCli
{
    public static (int Exit, string Out, string Error) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = Cli.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
