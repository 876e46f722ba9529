using AsyncBench.Fixtures.Http;
using AsyncBench.Fixtures.Serial;
using AsyncBench.Protocol;

namespace AsyncBench.Benchmarks.Observing;

/// <summary>What the mock HTTP server counted over one measured iteration, by its own count.</summary>
public sealed class HttpServerObservation(MockHttpServer server) : IObservedFixture
{
    // Blocking calls: the async form's continuations would run on pool threads, and could add one to the pool the
    // iteration is about to start from (a FreshThreadPool class's invocation must start from exactly its minimum).
    public void Reset() => server.ResetStats();

    public IReadOnlyDictionary<string, double> Take(long invocations)
    {
        var stats = server.GetStatsAsync().GetAwaiter().GetResult();
        var answered = stats.Requests - stats.Refused;
        var values = new Dictionary<string, double>
        {
            [MetricIds.HttpRequests] = (double)stats.Requests / invocations,
            [MetricIds.HttpPeakInFlight] = stats.PeakInFlight,
            [MetricIds.HttpRefused] = (double)stats.Refused / invocations,
            [MetricIds.HttpServerCpuMs] = stats.CpuMs / invocations,
        };
        if (stats.Requests > 0)
        {
            // Refusals against every attempt the server received, retries included: "348 of 448 attempts" is 78 %.
            values[MetricIds.HttpRefusedShare] = 100.0 * stats.Refused / stats.Requests;
        }

        if (answered > 0 && server.Options.LatencyMs > 0)
        {
            values[MetricIds.HttpServerWaitMs] = stats.WaitMs / answered;
        }

        return values;
    }
}

/// <summary>What the emulated serial devices counted over one measured iteration, by their own count.</summary>
public sealed class SerialDevicesObservation(VirtualSerialPair pair) : IObservedFixture
{
    /// <summary>The host's CPU total at the last device's answer in <see cref="Reset"/>; <see cref="Take"/> reads the first device's, so the iteration is bracketed closely.</summary>
    private long hostCpuMicrosecondsAtReset;

    public void Reset()
    {
        for (var device = 0; device < pair.Ports.Count; device++)
        {
            hostCpuMicrosecondsAtReset = pair.TakeStatsAsync(device).GetAwaiter().GetResult().HostCpuMicroseconds;
        }
    }

    public IReadOnlyDictionary<string, double> Take(long invocations)
    {
        var stats = Enumerable.Range(0, pair.Ports.Count).Select(device => pair.TakeStatsAsync(device).GetAwaiter().GetResult()).ToList();
        return new Dictionary<string, double>
        {
            [MetricIds.SerialConversations] = (double)stats.Sum(s => s.Requests) / invocations,
            // The first device answered with the peak across all devices and reset it; the others see what came after.
            [MetricIds.SerialPeakConcurrent] = stats.Max(s => s.PeakConcurrent),
            [MetricIds.SerialProtocolErrors] = (double)stats.Sum(s => s.Interleaved + s.Malformed) / invocations,
            [MetricIds.SerialHostCpuMs] = (stats[0].HostCpuMicroseconds - hostCpuMicrosecondsAtReset) / 1000.0 / invocations,
        };
    }
}
