using System.Text.Json;
using System.Text.Json.Serialization;
using AsyncBench.Publishing.Reading;

namespace AsyncBench.Publishing.Paired;

/// <summary>One case's paired spread in A/A nights: 1 σ of its per-slot log ratio around each night's own mean, and its degrees of freedom.</summary>
public sealed record PriorCase([property: JsonPropertyName("case")] string Case, string Class, string Workload, int Pairs, double SigmaLog, double DegreesOfFreedom);

/// <summary>
/// A group's paired spread in A/A nights: the pooled σ; the fitted s₀ and d₀ (<see cref="ModeratedVariance"/>: how alike its
/// cases' spreads are); and the spread of the cases' nightly means beyond what their pairs explain (two builds of one code
/// differing: √(mean of d̄² − σ² ÷ n), 0 when the pairs explain it all).
/// </summary>
public sealed record PriorGroup(string Name, int Cases, int Pairs, double PooledSigmaLog, double? FittedSigmaLog, double? FittedDegreesOfFreedom, double BuildSpreadLog);

/// <summary>
/// The paired spread of a machine learnt from A/A nights (base and head the same commit, built twice):
/// per case, per class, per workload and over all cases. Written by <c>paired-prior</c> (committed per machine on the
/// results branch), read by <c>paired</c>, <c>paired-plan</c> and <c>paired-aa-rate</c>.
/// </summary>
public sealed record PairedPrior(
    string Format,
    string? Machine,
    IReadOnlyList<string> Nights,
    IReadOnlyList<PriorCase> Cases,
    IReadOnlyList<PriorGroup> Classes,
    IReadOnlyList<PriorGroup> Workloads,
    PriorGroup All)
{
    public const string CurrentFormat = "asyncbench-paired-prior/1";

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private Dictionary<string, PriorCase>? byCase;

    public PriorCase? Case(BenchmarkId id)
    {
        ArgumentNullException.ThrowIfNull(id);
        byCase ??= Cases.ToDictionary(c => c.Case, StringComparer.Ordinal);
        return byCase.GetValueOrDefault(id.Key);
    }

    public static PairedPrior Read(string file)
    {
        if (!File.Exists(file))
        {
            throw new PublishException($"The prior file '{file}' does not exist. Write it from A/A nights with 'paired-prior NIGHT... --out FILE', or leave --prior out.");
        }

        try
        {
            var prior = JsonSerializer.Deserialize<PairedPrior>(File.ReadAllText(file), Json);
            return prior is { Format: CurrentFormat, Cases: not null } ? prior
                : throw new PublishException($"'{file}' is not a paired prior in the format {CurrentFormat}. Write it with this version's 'paired-prior'.");
        }
        catch (JsonException e)
        {
            throw new PublishException($"'{file}' is not a valid paired prior ({e.Message.Split('.')[0]}). Write it again with 'paired-prior'.", e);
        }
    }

    public string Serialize() => JsonSerializer.Serialize(this, Json);

    /// <summary>
    /// Learns the prior from A/A nights' head-base pairs: each case's pairs around each night's mean of that case (its
    /// builds' difference that night taken out), pooled over the nights. A night that is not A/A is bad input.
    /// </summary>
    public static PairedPrior Learn(IReadOnlyList<PairedNight> nights)
    {
        ArgumentNullException.ThrowIfNull(nights);
        if (nights.Count == 0)
        {
            throw new PublishException("paired-prior needs at least one A/A night folder.");
        }

        foreach (var night in nights.Where(n => !n.IsAa))
        {
            throw new PublishException($"The night '{night.Folder}' is not an A/A night (base {night.Manifest.Base?.Commit ?? "none"}, head {night.Manifest.Head?.Commit}): the prior is learnt from nights whose base and head are the same commit. Run A/A nights (NIGHTLY_BASE=HEAD) for it.");
        }

        var cases = new List<(PairedCase Case, int Pairs, double SumOfSquares, double Df, List<(double Mean, int N)> Means)>();
        foreach (var group in nights.SelectMany(n => n.Cases.Where(c => !c.Canary).Select(c => (Night: n, c))).GroupBy(x => x.c.Id))
        {
            var pairs = 0;
            var ss = 0.0;
            var df = 0.0;
            var means = new List<(double, int)>();
            foreach (var (night, c) in group)
            {
                var values = night.Rounds.SelectMany(r => r.Pairs.GetValueOrDefault(c.Id) ?? []).ToList();
                if (values.Count == 0)
                {
                    continue;
                }

                var mean = values.Average();
                pairs += values.Count;
                ss += values.Sum(v => (v - mean) * (v - mean));
                df += values.Count - 1;
                means.Add((mean, values.Count));
            }

            if (pairs > 0)
            {
                cases.Add((group.First().c, pairs, ss, df, means));
            }
        }

        if (cases.Count == 0)
        {
            throw new PublishException("The A/A nights hold no pairs of a gated case. Pass nights that ran head against base.");
        }

        PriorGroup Group(string name, IReadOnlyList<(PairedCase Case, int Pairs, double SumOfSquares, double Df, List<(double Mean, int N)> Means)> members)
        {
            var df = members.Sum(m => m.Df);
            var pooled = df > 0 ? Math.Sqrt(members.Sum(m => m.SumOfSquares) / df) : double.NaN;
            var fit = ModeratedVariance.Estimate([.. members.Where(m => m.Df > 0).Select(m => (m.SumOfSquares / m.Df, m.Df))], PairedSpreads.MinFitCases);
            var means = members.SelectMany(m => m.Means).ToList();
            var excess = double.IsFinite(pooled) && means.Count > 0 ? means.Average(x => (x.Mean * x.Mean) - (pooled * pooled / x.N)) : 0;
            return new PriorGroup(name, members.Count, members.Sum(m => m.Pairs), pooled, fit is null ? null : Math.Sqrt(fit.Variance), fit?.DegreesOfFreedom, Math.Sqrt(Math.Max(0, excess)));
        }

        return new PairedPrior(
            CurrentFormat,
            nights.Select(n => n.Manifest.Machine).FirstOrDefault(m => m is { Length: > 0 }),
            [.. nights.Select(n => n.Name)],
            [.. cases.OrderBy(c => c.Case.Id.Key, StringComparer.Ordinal).Select(c => new PriorCase(c.Case.Id.Key, c.Case.Class, c.Case.Workload, c.Pairs, c.Df > 0 ? Math.Sqrt(c.SumOfSquares / c.Df) : double.NaN, c.Df))],
            [.. cases.GroupBy(c => c.Case.Class, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Group(g.Key, [.. g]))],
            [.. cases.GroupBy(c => c.Case.Workload, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Group(g.Key, [.. g]))],
            Group(string.Empty, cases));
    }
}
