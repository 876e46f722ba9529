using System.Text;
using AsyncBench.Protocol.Redis;

namespace AsyncBench.Tests.Redis;

/// <summary>The proxy's RESP framing: each top-level value counted once, however the stream is cut into chunks.</summary>
public sealed class RespFrameCounterTests
{
    // Seven values: a command, a nested array with a null bulk and an empty array, an integer, an error,
    // a null array, a bulk whose payload holds CRLF and type bytes, and an inline command.
    private const string Stream =
        "*2\r\n$3\r\nGET\r\n$16\r\nasyncbench:item:\r\n" +
        "*3\r\n*2\r\n:1\r\n$-1\r\n*0\r\n+OK\r\n" +
        ":42\r\n" +
        "-ERR wrong\r\n" +
        "*-1\r\n" +
        "$10\r\n*1\r\n$3\r\n:1\r\n\r\n" +
        "PING\r\n";

    private const int Values = 7;

    [Fact]
    public void Feed_Should_CountEachTopLevelValueOnce_WhenFedWhole()
    {
        var counter = new RespFrameCounter();

        var completed = counter.Feed(Encoding.ASCII.GetBytes(Stream));

        Assert.Equal(Values, completed);
        Assert.Equal(Values, counter.Frames);
    }

    [Fact]
    public void Feed_Should_CountTheSame_WhenFedOneByteAtATime()
    {
        var counter = new RespFrameCounter();
        var bytes = Encoding.ASCII.GetBytes(Stream);

        var completed = bytes.Sum(b => counter.Feed([b]));

        Assert.Equal(Values, completed);
    }

    [Fact]
    public void Feed_Should_CountTheSame_AtEverySplitPoint()
    {
        var bytes = Encoding.ASCII.GetBytes(Stream);
        for (var split = 0; split <= bytes.Length; split++)
        {
            var counter = new RespFrameCounter();

            var completed = counter.Feed(bytes.AsSpan(0, split)) + counter.Feed(bytes.AsSpan(split));

            Assert.Equal(Values, completed);
        }
    }

    [Fact]
    public void Feed_Should_NotCountAValue_UntilItsLastByteArrives()
    {
        var counter = new RespFrameCounter();
        var reply = Encoding.ASCII.GetBytes("$5\r\nhello\r\n");

        var before = counter.Feed(reply.AsSpan(0, reply.Length - 1));
        var after = counter.Feed(reply.AsSpan(reply.Length - 1));

        Assert.Equal(0, before);
        Assert.Equal(1, after);
    }

    [Fact]
    public void Feed_Should_IgnoreEmptyLines_BetweenInlineCommands()
    {
        var counter = new RespFrameCounter();

        var completed = counter.Feed(Encoding.ASCII.GetBytes("\r\n\r\nPING\r\n\nPING\n"));

        Assert.Equal(2, completed);
    }
}
