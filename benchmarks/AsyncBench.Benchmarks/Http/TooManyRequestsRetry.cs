using System.Net;

namespace AsyncBench.Benchmarks.Http;

/// <summary>
/// A polite client's GET against a server that refuses load: a 429 is retried after a backoff (exponential from
/// <see cref="FirstBackoffMs"/>, capped at <see cref="MaxBackoffMs"/>, half of it jittered from a seed fixed per unit and
/// attempt, so the same on every run), and a GET refused <see cref="MaxAttempts"/> times fails. Shared by the politeness
/// workload (rule 8) and the HTTP workload under <c>--server-limit</c>; the server counts the refusals.
/// </summary>
public static class TooManyRequestsRetry
{
    public const int MaxAttempts = 50;
    public const int FirstBackoffMs = 5;
    public const int MaxBackoffMs = 200;

    /// <summary>The backoff before retry number <paramref name="attempt"/> + 1 of <paramref name="unit"/>: the same on every run.</summary>
    public static TimeSpan Backoff(int unit, int attempt)
    {
        var ceiling = (int)Math.Min(MaxBackoffMs, FirstBackoffMs * Math.Pow(2, attempt));
        var jitter = new Random((unit * 1_000) + attempt).Next(0, (ceiling / 2) + 1);
        return TimeSpan.FromMilliseconds((ceiling / 2) + jitter);
    }

    /// <summary>
    /// GET <paramref name="uri"/> with async calls, retrying 429s; the first other reply's status and whole body. With
    /// <paramref name="retry"/> false, one attempt whatever it answers (a client of a server without a limit).
    /// </summary>
    public static async Task<(HttpStatusCode Status, string Body)> GetAsync(HttpClient client, Uri uri, int unit, bool retry = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.TooManyRequests || !retry)
            {
                return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            }

            ThrowIfLastAttempt(uri, attempt);
            await Task.Delay(Backoff(unit, attempt), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>As <see cref="GetAsync"/>, with blocking calls (<see cref="HttpClient.Send(HttpRequestMessage)"/>).</summary>
    public static (HttpStatusCode Status, string Body) Get(HttpClient client, Uri uri, int unit, bool retry = true)
    {
        ArgumentNullException.ThrowIfNull(client);
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            using var response = client.Send(request, HttpCompletionOption.ResponseContentRead);
            if (response.StatusCode != HttpStatusCode.TooManyRequests || !retry)
            {
                using var reader = new StreamReader(response.Content.ReadAsStream());
                return (response.StatusCode, reader.ReadToEnd());
            }

            ThrowIfLastAttempt(uri, attempt);
            Thread.Sleep(Backoff(unit, attempt));
        }
    }

    private static void ThrowIfLastAttempt(Uri uri, int attempt)
    {
        if (attempt + 1 >= MaxAttempts)
        {
            throw new Harness.WorkloadCheckException($"GET {uri} was refused with 429 {MaxAttempts} times; giving up.");
        }
    }
}
