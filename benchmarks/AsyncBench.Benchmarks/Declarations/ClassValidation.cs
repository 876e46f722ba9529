using BenchmarkDotNet.Validators;

namespace AsyncBench.Benchmarks.Declarations;

/// <summary>What the suite's declaration validators share: each judges a benchmark class once and reports its problems as critical errors.</summary>
public static class ClassValidation
{
    /// <summary>One critical error, prefixed with the class's full name, per problem of each class the run has.</summary>
    public static IEnumerable<ValidationError> Errors(ValidationParameters validationParameters, Func<Type, IEnumerable<string>> problems)
    {
        ArgumentNullException.ThrowIfNull(validationParameters);
        ArgumentNullException.ThrowIfNull(problems);
        var types = validationParameters.Benchmarks.Select(b => b.Descriptor.Type).Distinct();
        return types.SelectMany(type => problems(type).Select(problem => new ValidationError(true, $"{type.FullName}: {problem}")));
    }
}
