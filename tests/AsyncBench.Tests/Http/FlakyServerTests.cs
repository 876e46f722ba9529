using System.Net;
using AsyncBench.FlakyServer;

namespace AsyncBench.Tests.Http;

/// <summary>The flaky server's failure schedule and options, over real sockets.</summary>
public sealed class FlakyServerTests
{
    [Fact]
    public async Task Server_Should_Answer500_ToEveryNthRequest_AndOnlyThose()
    {
        await using var server = FlakyServer.FlakyServer.Start(new FlakyServerOptions { FailEvery = 100, LatencyMs = 0 });
        using var client = new HttpClient();

        var failedAt = new List<int>();
        for (var request = 1; request <= 250; request++)
        {
            using var response = await client.GetAsync(new Uri(server.Url, "item/1"));
            var body = await response.Content.ReadAsStringAsync();
            Assert.NotEmpty(body);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
                failedAt.Add(request);
            }
        }

        Assert.Equal([100, 200], failedAt);
        Assert.Equal(250, server.Requests);
        Assert.Equal(2, server.Failed);
    }

    [Fact]
    public async Task Server_Should_FailTheStatedShare_OfConcurrentRequests()
    {
        await using var server = FlakyServer.FlakyServer.Start(new FlakyServerOptions { FailEvery = 10, LatencyMs = 5 });
        using var client = new HttpClient();

        var statuses = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            using var response = await client.GetAsync(server.Url);
            return response.StatusCode;
        }));

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.InternalServerError));
        Assert.Equal(45, statuses.Count(s => s == HttpStatusCode.OK));
    }

    [Theory]
    [InlineData(1, 100, false)]
    [InlineData(100, 100, true)]
    [InlineData(300, 100, true)]
    [InlineData(100, 0, false)] // --fail-every 0: none fails
    public void Fails_Should_FollowTheSchedule(long request, int failEvery, bool fails) =>
        Assert.Equal(fails, FlakyServer.FlakyServer.Fails(request, failEvery));

    [Fact]
    public void TryParse_Should_ReadEveryOption()
    {
        Assert.True(FlakyServerOptions.TryParse(["--fail-every", "100", "--latency-ms", "20", "--port", "8080"], out var options, out _));

        Assert.Equal(new FlakyServerOptions { FailEvery = 100, LatencyMs = 20, Port = 8080 }, options);
    }

    [Theory]
    [InlineData(new[] { "--fail-every", "x" }, "--fail-every takes a whole number from 0 to 2147483647 (got 'x').")]
    [InlineData(new[] { "--latency-ms", "-5" }, "--latency-ms takes a whole number from 0 to 2147483647 (got '-5').")]
    [InlineData(new[] { "--port", "70000" }, "--port takes a whole number from 0 to 65535 (got '70000').")]
    [InlineData(new[] { "--port" }, "--port takes a whole number from 0 to 65535.")]
    [InlineData(new[] { "--fail", "3" }, "'--fail' is not an option of the flaky server; use --fail-every N (0 = never), --latency-ms L, --port P (0 = a free one).")]
    public void TryParse_Should_RefuseBadInput_WithOneLine(string[] args, string expected)
    {
        Assert.False(FlakyServerOptions.TryParse(args, out _, out var error));

        Assert.Equal(expected, error);
    }
}
