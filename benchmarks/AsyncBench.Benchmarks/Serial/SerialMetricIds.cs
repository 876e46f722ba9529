namespace AsyncBench.Benchmarks.Serial;

/// <summary>
/// The ids of the metrics the emulated serial devices add (declared with their legends in <see cref="SerialDevicesObservation.Metrics"/>):
/// what the devices counted by their own count. An id never changes once published. Absent against real ports
/// (ASYNCBENCH_SERIAL_PORTS): a real device keeps no counts of ours.
/// </summary>
public static class SerialMetricIds
{
    /// <summary>Conversations the emulated serial devices handled per invocation (per iteration; median over iterations).</summary>
    public const string Conversations = "AsyncBench.Serial.Conversations";

    /// <summary>The most conversations in progress at one moment across all emulated devices (max over iterations).</summary>
    public const string PeakConcurrent = "AsyncBench.Serial.PeakConcurrent";

    /// <summary>Protocol errors (a request arriving while the device is busy with another conversation, or a malformed frame) per invocation (per iteration; max over iterations).</summary>
    public const string ProtocolErrors = "AsyncBench.Serial.ProtocolErrors";

    /// <summary>CPU time the serial devices' fixture-host process spent per invocation, in milliseconds (per iteration; median over iterations).</summary>
    public const string HostCpuMs = "AsyncBench.Serial.HostCpuMs";

    /// <summary>
    /// The median of the waits the emulated devices really applied, one per conversation (line time of request and reply
    /// plus the processing delay, timed around the wait), in milliseconds (per iteration; median over iterations).
    /// </summary>
    public const string AppliedDelayMedianMs = "AsyncBench.Serial.AppliedDelayMedianMs";

    /// <summary>The 99th percentile of the same waits, in milliseconds (per iteration; median over iterations).</summary>
    public const string AppliedDelayP99Ms = "AsyncBench.Serial.AppliedDelayP99Ms";
}
