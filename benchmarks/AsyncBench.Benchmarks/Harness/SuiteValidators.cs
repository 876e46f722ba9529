using System.Reflection;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Validators;

namespace AsyncBench.Benchmarks.Harness;

/// <summary>
/// Every benchmark class declares a category (as dotnet/performance's MandatoryCategoryValidator requires):
/// <c>--anyCategories</c> and the published pages select by it.
/// </summary>
public sealed class MandatoryCategoryValidator : IValidator
{
    public static MandatoryCategoryValidator Instance { get; } = new();

    public bool TreatsWarningsAsErrors => true;

    public IEnumerable<ValidationError> Validate(ValidationParameters validationParameters) =>
        validationParameters.Benchmarks
            .Where(b => b.Descriptor.Categories.Length == 0)
            .Select(b => b.Descriptor.Type)
            .Distinct()
            .Select(type => new ValidationError(true, $"{type.FullName} has no category: add [BenchmarkCategory(Category)] to the class, with its Category const in the class or its folder."));
}

/// <summary>
/// A <see cref="StrategyBenchmarks"/> class declares its <see cref="StrategyBenchmarks.Count"/> values with [Params]:
/// without them Count is 0 and every strategy measures an empty batch.
/// </summary>
public sealed class CountParamsValidator : IValidator
{
    public static CountParamsValidator Instance { get; } = new();

    public bool TreatsWarningsAsErrors => true;

    public IEnumerable<ValidationError> Validate(ValidationParameters validationParameters) =>
        validationParameters.Benchmarks
            .Select(b => b.Descriptor.Type)
            .Distinct()
            .Where(type => typeof(StrategyBenchmarks).IsAssignableFrom(type) && !DeclaresCount(type))
            .Select(type => new ValidationError(true, $"{type.FullName} declares no [Params] on Count, so every batch would be empty: add [Params(...)] to its Count override."));

    public static bool DeclaresCount(Type type)
    {
        var count = type.GetProperty(nameof(StrategyBenchmarks.Count));
        return count is not null
            && (count.IsDefined(typeof(ParamsAttribute), inherit: true)
                || count.IsDefined(typeof(ParamsSourceAttribute), inherit: true)
                || count.IsDefined(typeof(ParamsAllValuesAttribute), inherit: true));
    }
}
