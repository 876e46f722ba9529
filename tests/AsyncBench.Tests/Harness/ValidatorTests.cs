using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Running;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Validators;

namespace AsyncBench.Tests.Harness;

public sealed class ValidatorTests
{
    [Fact]
    public void MandatoryCategoryValidator_Should_FailAClassWithoutCategory_AndPassTheSuite()
    {
        Assert.Contains(Errors<NoCategoryBenchmarks>(MandatoryCategoryValidator.Instance), e => e.IsCritical && e.Message.Contains(nameof(NoCategoryBenchmarks), StringComparison.Ordinal));
        Assert.Empty(Errors<Benchmarks.Http.HttpBenchmarks>(MandatoryCategoryValidator.Instance));
    }

    [Fact]
    public void CountParamsValidator_Should_FailAStrategyClassWhoseCountHasNoParams_AndPassTheSuite()
    {
        Assert.Contains(Errors<NoCountParamsBenchmarks>(CountParamsValidator.Instance), e => e.IsCritical && e.Message.Contains("Count", StringComparison.Ordinal));
        Assert.All(
            typeof(SuiteRunner).Assembly.GetTypes().Where(t => !t.IsAbstract && typeof(StrategyBenchmarks).IsAssignableFrom(t)),
            t => Assert.True(CountParamsValidator.DeclaresCount(t), t.FullName));
    }

    private static List<ValidationError> Errors<T>(IValidator validator)
    {
        var benchmarks = BenchmarkConverter.TypeToBenchmarks(typeof(T), ManualConfig.CreateEmpty());
        return [.. validator.Validate(new ValidationParameters(benchmarks.BenchmarksCases, benchmarks.Config))];
    }

    public class NoCategoryBenchmarks
    {
        [Benchmark]
        public int Nothing() => 1;
    }

    [BenchmarkCategory("Test")]
    public class NoCountParamsBenchmarks : StrategyBenchmarks
    {
        public override int Count { get; set; }

        protected override Task<IWorkload> StartWorkloadAsync() => throw new NotSupportedException("Never run: only validated.");
    }
}
