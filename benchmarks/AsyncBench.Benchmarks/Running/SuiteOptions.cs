using System.CommandLine;

namespace AsyncBench.Benchmarks.Running;

/// <summary>
/// The options the suite reads on BenchmarkDotNet's command line, parsed with System.CommandLine (as the publisher's
/// verbs are): <see cref="Profiles.Option"/>, which the suite takes out before BenchmarkDotNet sees the rest, and
/// BenchmarkDotNet's own <see cref="Job"/>, whose name is checked first so a wrong one is one error line. Each is
/// parsed on its own and every other token is left to BenchmarkDotNet unchanged: System.CommandLine's own help,
/// version, directives and response files are off.
/// </summary>
public static class SuiteOptions
{
    /// <summary>BenchmarkDotNet's --job option and its alias.</summary>
    public static readonly string[] Job = ["--job", "-j"];

    /// <summary>
    /// The value of each occurrence of the option <paramref name="names"/> (its name, then aliases) in <paramref name="args"/>,
    /// in order ("" for one given without a value), and every other token, in order.
    /// </summary>
    public static (IReadOnlyList<string> Values, string[] Others) Take(IReadOnlyList<string> args, params string[] names)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentOutOfRangeException.ThrowIfZero(names.Length);
        // Zero or more values, one per occurrence: a missing value is not System.CommandLine's error but ours (see callers).
        var option = new Option<string[]>(names[0], names[1..]) { Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };
        var root = new RootCommand { TreatUnmatchedTokensAsErrors = false };
        root.Options.Clear();    // no --help or --version of System.CommandLine's: BenchmarkDotNet answers those
        root.Directives.Clear(); // no [diagram] or [suggest]
        root.Options.Add(option);
        var parsed = root.Parse([.. args], new ParserConfiguration { ResponseFileTokenReplacer = null }); // "@file" is BenchmarkDotNet's to read
        var values = parsed.GetResult(option) is { } given
            ? given.Tokens.Count == 0 ? [string.Empty] : given.Tokens.Select(t => t.Value).ToList()
            : [];
        return (values, [.. parsed.UnmatchedTokens]);
    }
}
