using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Observing;

namespace AsyncBench.Benchmarks.Http;

/// <summary>The HTTP workloads' setting: a real server to GET instead of the mock, reached and timed here.</summary>
public sealed class HttpSettings : IChecksSettings
{
    public IReadOnlyList<string> Variables { get; } = [HttpWorkload.ExternalUrlVariable];

    public string? Check()
    {
        var variable = HttpWorkload.ExternalUrlVariable;
        if (SettingValues.Value(variable) is not { } text)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            return $"{variable}='{text}' is not an absolute http:// or https:// URL. Set it to the URL to GET, e.g. http://127.0.0.1:8080/item, or unset it to use the mock server.";
        }

        try
        {
            RealTargets.Record(variable, HttpWorkload.MeasureLatencyMs(url));
            return null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or WorkloadCheckException)
        {
            return $"{variable}='{text}' did not answer a GET with a success and a body ({ex.Message.ReplaceLineEndings(" ")}). Start the server or correct the URL.";
        }
    }
}
