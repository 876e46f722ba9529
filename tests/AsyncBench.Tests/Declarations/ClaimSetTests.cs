using AsyncBench.Benchmarks.Declarations;
using AsyncBench.Benchmarks.Files;
using AsyncBench.Benchmarks.Sqlite;
using AsyncBench.Protocol;
using BenchmarkDotNet.Attributes;

namespace AsyncBench.Tests.Declarations;

/// <summary>A claim set (<see cref="ClaimsFromAttribute"/>) states claims once for several classes, each reading them at its own setting.</summary>
public sealed class ClaimSetTests
{
    [Fact]
    public void SqliteClasses_Should_MakeTheSetsClaims_EachAtItsOwnSetting()
    {
        // Rules 1 and 5 as any target without a counter of its own states them, then SQLite's rule 10: two sets in one [ClaimsFrom].
        List<ClaimAttribute> set = [.. ClaimAttribute.Of(typeof(IoTargetClaims)), .. ClaimAttribute.Of(typeof(SqliteClaims))];

        Assert.Equal(6, set.Count);
        Assert.All(ClaimAttribute.Of(typeof(SqliteInsertBenchmarks)), c => Assert.Equal("Count=100", c.Setting));
        Assert.All(ClaimAttribute.Of(typeof(SqlitePointLookupBenchmarks)), c => Assert.Equal("Count=100", c.Setting));
        Assert.All(ClaimAttribute.Of(typeof(SqliteRangeScanBenchmarks)), c => Assert.Equal("Count=10", c.Setting));
        Assert.Equal(set.Select(c => (c.Rule, c.Id)), ClaimAttribute.Of(typeof(SqliteRangeScanBenchmarks)).Select(c => (c.Rule, c.Id)));
        Assert.All(set, c => Assert.Equal(string.Empty, c.Setting)); // the set's own attributes are not changed by a class reading them
    }

    [Fact]
    public void FileClasses_Should_ShareRules1And5WithSqlite_AndAddRule9_EachAtItsOwnSetting()
    {
        var shared = ClaimAttribute.Of(typeof(IoTargetClaims)).Select(c => (c.Rule, c.Id)).ToList();

        foreach (var (type, setting) in new[] { (typeof(FileReadBenchmarks), "Count=100&SizeBytes=4096&Api=FileStream"), (typeof(FileWriteBenchmarks), "Count=100&SizeBytes=4096&FlushToDisk=True") })
        {
            var claims = ClaimAttribute.Of(type);
            Assert.Equal(shared, claims.Take(shared.Count).Select(c => (c.Rule, c.Id)));
            Assert.Equal([9, 9], claims.Skip(shared.Count).Select(c => c.Rule));
            Assert.All(claims, c => Assert.Equal(setting, c.Setting));
            Assert.DoesNotContain(ClaimValidator.Problems(type), p => !p.Contains("is not stated by an assembly [Rule", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void DeclarationsExporter_Should_WriteTheSetsClaims_UnderEachClass()
    {
        var claims = DeclarationsExporter.Claims([typeof(SqliteRangeScanBenchmarks)]);

        Assert.Equal(6, claims.Count);
        Assert.All(claims, c => Assert.Equal((typeof(SqliteRangeScanBenchmarks).FullName, "Count=10", "SQLite range scans of 20,000 rows (a SQLite file)"), (c.Class, c.Setting, c.Target)));
    }

    [Theory]
    [InlineData(typeof(SetWithItsOwnSetting), "of the set SetClaimingASetting names the setting 'Count=10'")]
    [InlineData(typeof(SetWithoutClaims), "[ClaimsFrom(typeof(EmptySet))] names a type with no [Claim]s")]
    [InlineData(typeof(SetAtAMissingSetting), "the class runs no case at 'Count=7'")]
    public void Validator_Should_RefuseAWrongSet(Type type, string problem)
    {
        Assert.Contains(ClaimValidator.Problems(type), p => p.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void Validator_Should_PassAClassReadingASetAtARunSetting()
    {
        Assert.DoesNotContain(ClaimValidator.Problems(typeof(SetAtARunSetting)), p => !p.Contains("is not stated by an assembly [Rule", StringComparison.Ordinal));
    }

    [Claim(1, "slow-is-slower", ClaimMeasure.Ratio, nameof(SetTestBenchmarks.Slow), nameof(SetTestBenchmarks.Fast),
        Question = "Is it slower?", Thresholds = [1.1], Answers = [Answer.No, Answer.Yes])]
    public static class GoodSet
    {
    }

    [Claim(1, "slow-is-slower", ClaimMeasure.Ratio, nameof(SetTestBenchmarks.Slow), nameof(SetTestBenchmarks.Fast), Setting = "Count=10",
        Question = "Is it slower?", Thresholds = [1.1], Answers = [Answer.No, Answer.Yes])]
    public static class SetClaimingASetting
    {
    }

    public static class EmptySet
    {
    }

    public abstract class SetTestBenchmarks
    {
        [Params(10, 100)]
        public int Count { get; set; }

        [Benchmark(Baseline = true)]
        [InWords("the slow way")]
        public int Slow() => Count;

        [Benchmark]
        [InWords("the fast way")]
        public int Fast() => Count + 1;
    }

    [ClaimTarget("nothing")]
    [ClaimsFrom(typeof(GoodSet), Setting = "Count=10")]
    public class SetAtARunSetting : SetTestBenchmarks;

    [ClaimTarget("nothing")]
    [ClaimsFrom(typeof(SetClaimingASetting), Setting = "Count=10")]
    public class SetWithItsOwnSetting : SetTestBenchmarks;

    [ClaimTarget("nothing")]
    [ClaimsFrom(typeof(EmptySet), Setting = "Count=10")]
    public class SetWithoutClaims : SetTestBenchmarks;

    [ClaimTarget("nothing")]
    [ClaimsFrom(typeof(GoodSet), Setting = "Count=7")]
    public class SetAtAMissingSetting : SetTestBenchmarks;
}
