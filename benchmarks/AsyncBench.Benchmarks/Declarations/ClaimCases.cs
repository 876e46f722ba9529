using System.Collections.Concurrent;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Running;

namespace AsyncBench.Benchmarks.Declarations;

/// <summary>
/// The cases the rules' claims read, from their declarations (<see cref="ClaimAttribute.Of"/>): a case is kept where one
/// of its class's claims names its method and arguments as a side, the versus side or the premise side (a mechanism is
/// observed on both sides, so it adds none), and its [Params] are the claim's <see cref="ClaimAttribute.Setting"/>. A case
/// no claim reads, and every case of a class with no claims, is left out. The evidence profile's cut (<see cref="Running.Profiles.Evidence"/>).
/// </summary>
public static class ClaimCases
{
    public static IFilter Filter { get; } = new SimpleFilter(IsRead);

    private static readonly ConcurrentDictionary<Type, IReadOnlyList<Read>> ByClass = new();

    /// <summary>True when a claim of the case's class reads <paramref name="benchmark"/>.</summary>
    public static bool IsRead(BenchmarkCase benchmark)
    {
        ArgumentNullException.ThrowIfNull(benchmark);
        var parameters = benchmark.Parameters.Items.Where(p => !p.IsArgument).ToDictionary(p => p.Name, p => p.ToDisplayText());
        var arguments = benchmark.Parameters.Items.Where(p => p.IsArgument).ToDictionary(p => p.Name, p => p.ToDisplayText());
        var method = benchmark.Descriptor.WorkloadMethod.Name;
        return ByClass.GetOrAdd(benchmark.Descriptor.Type, ReadsOf).Any(read =>
            read.Method == method && ClaimValidator.SameValues(arguments, read.Arguments) && ClaimValidator.SameValues(parameters, read.Setting));
    }

    /// <summary>Every side of every claim of <paramref name="type"/>, at the claim's setting; a side the validator would refuse reads nothing.</summary>
    private static IReadOnlyList<Read> ReadsOf(Type type) =>
        [.. ClaimAttribute.Of(type).SelectMany(claim => new[] { claim.Side, claim.Versus, claim.PremiseSide }
            .OfType<string>()
            .Select(side => ClaimValidator.TryParseSide(side, out var method, out var arguments) && ClaimValidator.TryParsePairs(claim.Setting, '&', out var setting)
                ? new Read(method, arguments, setting)
                : null)
            .OfType<Read>())];

    private sealed record Read(string Method, IReadOnlyDictionary<string, string> Arguments, IReadOnlyDictionary<string, string> Setting);
}
