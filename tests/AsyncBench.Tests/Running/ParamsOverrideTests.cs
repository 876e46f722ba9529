using AsyncBench.Benchmarks.Http;
using AsyncBench.Benchmarks.Running;
using BenchmarkDotNet.Running;

namespace AsyncBench.Tests.Running;

/// <summary>
/// --params as the suite reads it (<see cref="ParamsOverride"/>): the reviewer's values replace the declared [Params] in
/// the cases BenchmarkDotNet will run, the run's filters then apply to those cases, and every bad input is one error line.
/// </summary>
public sealed class ParamsOverrideTests
{
    private static readonly Type[] Http = [typeof(HttpBenchmarks)];

    private static ParamsOverride Take(params string[] args)
    {
        Assert.True(ParamsOverride.TryTake(args, out var parameters, out _, out var error), error);
        return parameters!;
    }

    private static List<BenchmarkCase> Cases(ParamsOverride parameters, string profile, string filter = "*HttpBenchmarks*")
    {
        var runs = parameters.Plan(["--filter", filter], BenchmarkConfig.Create(profile, reviewersParams: true), Http, out var error);
        Assert.True(runs is not null, error);
        return [.. runs.SelectMany(r => r.BenchmarksCases)];
    }

    private static string Value(BenchmarkCase benchmark, string name) =>
        Convert.ToString(benchmark.Parameters.Items.Single(p => p.Name == name).Value, System.Globalization.CultureInfo.InvariantCulture)!;

    [Fact]
    public void TryTake_Should_ReadEveryPair_AndPassTheRest()
    {
        Assert.True(ParamsOverride.TryTake(["--filter", "*Http*", "--params", "Count=500", "LatencyMs=20,5", "--job", "dry"], out var parameters, out var rest, out var error), error);

        Assert.Equal(["Count", "LatencyMs"], parameters!.Settings.Select(s => s.Key));
        Assert.Equal(["500"], parameters.Settings[0].Value);
        Assert.Equal(["20", "5"], parameters.Settings[1].Value);
        Assert.Equal(["--filter", "*Http*", "--job", "dry"], rest);
    }

    [Fact]
    public void TryTake_Should_ReadTheInlineForm_AndSeveralOccurrences()
    {
        Assert.True(ParamsOverride.TryTake(["--params=Count=500", "--filter", "*", "--params", "LatencyMs=20"], out var parameters, out var rest, out var error), error);

        Assert.Equal(["Count", "LatencyMs"], parameters!.Settings.Select(s => s.Key));
        Assert.Equal(["--filter", "*"], rest);
    }

    [Fact]
    public void TryTake_Should_LeaveTheDeclaredParams_WithoutTheOption()
    {
        Assert.True(ParamsOverride.TryTake(["--filter", "*"], out var parameters, out var rest, out _));

        Assert.Null(parameters);
        Assert.Equal(["--filter", "*"], rest);
    }

    [Theory]
    [InlineData(new[] { "--params", "--job", "dry" }, "--params needs at least one parameter: write Name=value (several values comma-separated), e.g. --params Count=500 LatencyMs=20.")]
    [InlineData(new[] { "--params" }, "--params needs at least one parameter: write Name=value (several values comma-separated), e.g. --params Count=500 LatencyMs=20.")]
    [InlineData(new[] { "--params", "Count" }, "--params 'Count' is not a parameter and its value: write Name=value (several values comma-separated), e.g. --params Count=500 LatencyMs=20.")]
    [InlineData(new[] { "--params", "=5" }, "--params '=5' is not a parameter and its value: write Name=value (several values comma-separated), e.g. --params Count=500 LatencyMs=20.")]
    [InlineData(new[] { "--params", "Count=" }, "--params 'Count=' is not a parameter and its value: write Name=value (several values comma-separated), e.g. --params Count=500 LatencyMs=20.")]
    [InlineData(new[] { "--params", "Count=1", "count=2" }, "--params: count is given twice; give each parameter once, its values comma-separated (e.g. Count=100,500).")]
    public void TryTake_Should_RefuseWithOneLine(string[] args, string expected)
    {
        Assert.False(ParamsOverride.TryTake(args, out _, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("Devices=4", "--params Devices=...: none of the selected classes (HttpBenchmarks) has a parameter Devices; theirs are: Count, LatencyMs, maxDegreeOfParallelism.")]
    [InlineData("Count=many", "--params Count=many: 'many' is not a value of Count's type (Int32); give e.g. Count=1.")]
    [InlineData("Count=99999999999", "--params Count=99999999999: '99999999999' is not a value of Count's type (Int32); give e.g. Count=1.")]
    [InlineData("LatencyMs=2.5", "--params LatencyMs=2.5: '2.5' is not a value of LatencyMs's type (Int32); give e.g. LatencyMs=0.")]
    public void Plan_Should_RefuseAParameterTheClassHasNot_OrAValueOutsideItsType(string pair, string expected)
    {
        Assert.Null(Take("--params", pair).Plan(["--filter", "*HttpBenchmarks*"], BenchmarkConfig.Create(Profiles.Full), Http, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Plan_Should_RunEveryStrategyAtTheGivenSetting_InsteadOfTheDeclaredOnes()
    {
        var cases = Cases(Take("--params", "Count=500", "LatencyMs=20"), Profiles.Full);

        Assert.All(cases, c => Assert.Equal("500", Value(c, "Count")));
        Assert.All(cases, c => Assert.Equal("20", Value(c, "LatencyMs")));
        var methods = typeof(HttpBenchmarks).GetMethods().Count(m => m.IsDefined(typeof(BenchmarkDotNet.Attributes.BenchmarkAttribute), true));
        Assert.Equal(methods - 1 + 10, cases.Count); // ParallelForEachAsync swept: 1, 2, 4, ..., 256, then 500
        Assert.Equal(cases.Count, cases.Select(c => c.DisplayInfo).Distinct().Count());
    }

    [Theory]
    [InlineData("Count=16", new[] { 1, 2, 4, 8, 16 })]
    [InlineData("Count=20", new[] { 1, 2, 4, 8, 16, 20 })]
    [InlineData("Count=1", new[] { 1 })]
    public void Plan_Should_SweepTheDegreeUpToTheCount_WhenACountIsGiven(string count, int[] degrees)
    {
        var cases = Cases(Take("--params", count, "LatencyMs=20"), Profiles.Full, "*HttpBenchmarks.ParallelForEachAsync*");

        Assert.Equal(degrees.Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)), cases.Select(c => Value(c, "maxDegreeOfParallelism")));
    }

    [Fact]
    public void Plan_Should_KeepTheDeclaredDegrees_WithoutACount()
    {
        var cases = Cases(Take("--params", "LatencyMs=20"), Profiles.Full, "*HttpBenchmarks.ParallelForEachAsync*");

        Assert.Equal(["-1", "64"], cases.Select(c => Value(c, "maxDegreeOfParallelism")).Distinct());
    }

    [Fact]
    public void Plan_Should_SweepAnArgument_AndApplyTheProfilesCut_ToTheCasesAsTheyWillRun()
    {
        var sweep = Cases(Take("--params", "Count=16", "LatencyMs=20", "maxDegreeOfParallelism=1,2,4,8,16"), Profiles.Full, "*HttpBenchmarks.ParallelForEachAsync*");
        Assert.Equal(["1", "2", "4", "8", "16"], sweep.Select(c => Value(c, "maxDegreeOfParallelism")));

        // The sweep profile cuts a batch that must wait more than 2 s: a loop of 500 × 20 ms (10 s) goes, WhenAll (20 ms) stays.
        // The quick profile cuts the same way under --params: the reviewer's values replace the declared settings it cuts to.
        foreach (var profile in new[] { Profiles.Sweep, Profiles.Quick })
        {
            var cut = Cases(Take("--params", "Count=500", "LatencyMs=20"), profile);
            Assert.DoesNotContain(cut, c => c.Descriptor.WorkloadMethod.Name == nameof(HttpBenchmarks.Serial));
            Assert.Contains(cut, c => c.Descriptor.WorkloadMethod.Name == nameof(HttpBenchmarks.WhenAll));
        }
    }
}

/// <summary>A bad --params stops the run before BenchmarkDotNet builds anything; SuiteRunner.Run reads every ASYNCBENCH_* variable, so this runs alone.</summary>
[Collection(ProcessWideStateCollection.Name)]
public sealed class ParamsOverrideExitCodeTests
{
    [Theory]
    [InlineData("Devices=4")]
    [InlineData("Count=many")]
    [InlineData("Count")]
    public void Run_Should_ExitTwo_OnABadParameter(string pair)
    {
        Assert.Equal(2, SuiteRunner.Run(["--filter", "*HttpBenchmarks.WhenAll*", "--job", "dry", "--params", pair]));
    }
}
