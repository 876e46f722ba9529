using AsyncBench.Protocol.Latency;

namespace AsyncBench.Tests.Latency;

/// <summary>Empirical latencies from a CSV of Prometheus-style cumulative buckets: what is read, and every file that is not one, refused with one sentence.</summary>
public sealed class EmpiricalLatencyTests : IDisposable
{
    private const string Buckets = "le_ms,count\n5,100\n10,400\n50,900\n200,1000\n";

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("asyncbench-latency-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public void Buckets_Should_BeRead_IntoQuantilesUniformWithinEachBucket()
    {
        var empirical = Assert.IsType<EmpiricalLatency>(LatencyDistribution.Parse("empirical:" + Write("checkout.csv", Buckets)));

        Assert.Equal([new(5, 100), new(10, 400), new(50, 900), new LatencyBucket(200, 1000)], empirical.Buckets);
        Assert.Equal(5.0, empirical.QuantileMs(0.1), 9);     // the first bucket's top: 100 of 1000 lie up to 5 ms
        Assert.Equal(2.5, empirical.QuantileMs(0.05), 9);    // halfway through [0, 5]
        Assert.Equal(10 + (40 * 0.2), empirical.MedianMs, 9); // 500th of 1000: 100 into [10, 50]'s 500
        Assert.Equal(50 + (150 * 0.9), empirical.P99Ms, 9);  // 990th: 90 into [50, 200]'s 100
        Assert.Equal(((100 * 2.5) + (300 * 7.5) + (500 * 30) + (100 * 125)) / 1000, empirical.MeanMs, 9);
    }

    [Fact]
    public void Canonical_Should_NameTheFileAndTheBucketsHash_AndChangeWithTheBuckets()
    {
        var first = LatencyDistribution.Parse("empirical:" + Write("checkout.csv", Buckets));
        var commented = LatencyDistribution.Parse("empirical:" + Write("sub/checkout.csv", "# exported from Prometheus\n\nle_ms,count\n5,100\n10,400\n50,900\n200,1000\n+Inf,1000\n"));
        var seconds = LatencyDistribution.Parse("empirical:" + Write("other/checkout.csv", "le_s,count\n0.005,100\n0.01,400\n0.05,900\n0.2,1.0e+03\n"));
        var changed = LatencyDistribution.Parse("empirical:" + Write("changed/checkout.csv", Buckets.Replace("200,1000", "250,1000", StringComparison.Ordinal)));

        Assert.Matches("^empirical:checkout.csv#[0-9a-f]{16}$", first.Canonical);
        Assert.Equal(first.Canonical, commented.Canonical);
        Assert.Equal(first.Canonical, seconds.Canonical);
        Assert.NotEqual(first.Canonical, changed.Canonical);
        Assert.Equal("empirical:" + Path.Combine(folder.FullName, "checkout.csv"), first.Spec);
        Assert.Equal(first, LatencyDistribution.Parse(first.Spec));
    }

    [Fact]
    public void RelativePath_Should_BeReadFromTheCurrentDirectory_AndKeptInFull()
    {
        var path = Write("relative.csv", Buckets);
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);

        var empirical = Assert.IsType<EmpiricalLatency>(LatencyDistribution.Parse("empirical:" + relative));

        Assert.Equal(path, empirical.SourcePath);
    }

    [Theory]
    [InlineData("", "holds no buckets")]
    [InlineData("le_ms,count\n", "holds no buckets")]
    [InlineData("bound,count\n5,10\n", "('bound,count') is not a buckets header")]
    [InlineData("5,10\n10,20\n", "('5,10') is not a buckets header")]
    [InlineData("le_ms,count\n5\n", "line 2 of bad.csv ('5') is not a bound and a count")]
    [InlineData("le_ms,count\n5,10,3\n", "is not a bound and a count")]
    [InlineData("le_ms,count\nfive,10\n", "the bound 'five' is not a number")]
    [InlineData("le_ms,count\n5,ten\n", "the count 'ten' is not a whole number")]
    [InlineData("le_ms,count\n5,1.5\n", "the count '1.5' is not a whole number")]
    [InlineData("le_ms,count\n5,-1\n", "the count '-1' is not a whole number of 0 or more")]
    [InlineData("le_ms,count\n-5,10\n", "the bound is negative")]
    [InlineData("le_ms,count\n10,10\n5,20\n", "line 3 of bad.csv ('5,20'): the bound 5 ms is not above the one before it (10 ms); list the buckets in ascending order")]
    [InlineData("le_ms,count\n10,10\n10,20\n", "is not above the one before it")]
    [InlineData("le_ms,count\n5,100\n10,40\n", "the count 40 is below the one before it (100); write cumulative counts")]
    [InlineData("le_ms,count\n5,0\n10,0\n", "count no observations")]
    [InlineData("le_ms,count\n5,10\n+Inf,12\n", "2 observations lie above the last finite bound (5 ms)")]
    [InlineData("le_ms,count\n+Inf,0\n", "holds no buckets")]
    [InlineData("le_ms,count\n5,10\n+Inf,10\n20,10\n", "comes after the +Inf bucket")]
    public void NotABucketsCsv_Should_BeRefused_WithOneSentenceThatSaysWhatToDo(string content, string expected)
    {
        var spec = "empirical:" + Write("bad.csv", content);

        Assert.False(LatencyDistribution.TryParse(spec, out var distribution, out var error));

        Assert.Null(distribution);
        LatencyDistributionTests.AssertOneSentence(error, expected);
        Assert.Contains(spec, error, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFile_Should_BeRefused_NamingItsFullPath()
    {
        var missing = Path.Combine(folder.FullName, "missing.csv");

        Assert.False(LatencyDistribution.TryParse("empirical:" + missing, out _, out var error));

        LatencyDistributionTests.AssertOneSentence(error, $"the file {missing} does not exist");
    }

    [Fact]
    public void Folder_Should_BeRefused_AsNoFile()
    {
        Assert.False(LatencyDistribution.TryParse("empirical:" + folder.FullName, out _, out var error));

        LatencyDistributionTests.AssertOneSentence(error, "does not exist");
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(folder.FullName, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }
}
