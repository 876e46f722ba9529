using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Observing;
using StackExchange.Redis;

namespace AsyncBench.Benchmarks.Redis;

/// <summary>The Redis workload's setting: a real Redis to GET from instead of the built-in Garnet, reached and timed here.</summary>
public sealed class RedisSettings : IChecksSettings
{
    public IReadOnlyList<string> Variables { get; } = [RedisGetWorkload.TargetVariable];

    /// <summary>Null when the variable is unset or names a Redis that answers PING (its median PING time is then recorded for the floors and the quick profile's cut); otherwise the error line.</summary>
    public string? Check()
    {
        var variable = RedisGetWorkload.TargetVariable;
        if (SettingValues.Value(variable) is not { } target)
        {
            return null;
        }

        try
        {
            using var probe = ConnectionMultiplexer.Connect(RedisGetWorkload.ClientOptions(target, connectTimeoutMs: 5_000));
            var database = probe.GetDatabase();
            RealTargets.Record(variable, RealTargets.MedianMs(5, _ => database.Ping()));
            return null;
        }
        catch (ArgumentException ex)
        {
            return $"{variable}='{target}' is not a host:port or StackExchange.Redis configuration string ({ex.Message.ReplaceLineEndings(" ").TrimEnd('.')}). Set it to e.g. 127.0.0.1:6379, or unset it to use the built-in Garnet server.";
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return $"{variable}='{target}' did not answer PING ({ex.Message.ReplaceLineEndings(" ").TrimEnd('.')}). Start the server or correct host:port, or unset {variable} to use the built-in Garnet server.";
        }
    }
}
