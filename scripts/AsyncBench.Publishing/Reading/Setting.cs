using System.Globalization;

namespace AsyncBench.Publishing.Reading;

/// <summary>
/// One setting of a benchmark class: the values of its [Params] for a case (e.g. <c>LatencyMs=20</c>), in the order the
/// report lists them, with Count or without it (Count is the units per batch: the workload tables' columns, and part of
/// a claim's declared setting). The workload tables, the claims and the trend charts group, order and name cases by it.
/// </summary>
public sealed class Setting : IEquatable<Setting>, IComparable<Setting>
{
    /// <summary>The parameter that holds a case's units per batch (throughput, the tables' columns, the charts' x axis).</summary>
    public const string CountParameter = "Count";

    public Setting(IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters;
        Key = string.Join("&", parameters.Select(p => $"{p.Key}={p.Value}"));
    }

    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; }

    /// <summary><c>LatencyMs=20&amp;Devices=4</c>: as BenchmarkDotNet writes parameters and a claim declares its setting.</summary>
    public string Key { get; }

    /// <summary><c>LatencyMs=20, Devices=4</c>; empty for a class without parameters.</summary>
    public string Text => string.Join(", ", Parameters.Select(p => $"{p.Key}={p.Value}"));

    /// <summary>The text as a heading: "all benchmarks" for a class without parameters.</summary>
    public string Title => Parameters.Count == 0 ? "all benchmarks" : Text;

    /// <summary>The case's setting: its class's parameters (<paramref name="classParameters"/>), with Count or without.</summary>
    public static Setting Of(BenchmarkId id, IReadOnlySet<string> classParameters, bool withCount)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(classParameters);
        return new([.. id.Parameters.Where(p => classParameters.Contains(p.Key) && (withCount || p.Key != CountParameter))]);
    }

    /// <summary>A setting written as <see cref="Key"/> (a claim's declared setting).</summary>
    public static Setting Parse(string key) => new(ReportReader.ParseParameters(key));

    /// <summary>This setting at one Count, Count first (a trend chart's: its setting at its largest Count).</summary>
    public Setting AtCount(long count) => new([new(CountParameter, count.ToString(CultureInfo.InvariantCulture)), .. Parameters]);

    /// <summary>The same parameters with the same values, in any order.</summary>
    public bool SameAs(Setting other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Parameters.Count == other.Parameters.Count
            && Parameters.All(p => other.Parameters.Any(o => o.Key == p.Key && o.Value == p.Value));
    }

    /// <summary>Parameters every benchmark of a class has: the class's [Params]. The rest are method arguments.</summary>
    public static IReadOnlySet<string> ClassParameters(IEnumerable<BenchmarkId> classIds)
    {
        ArgumentNullException.ThrowIfNull(classIds);
        HashSet<string>? common = null;
        foreach (var id in classIds)
        {
            var names = id.Parameters.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
            if (common is null)
            {
                common = names;
            }
            else
            {
                common.IntersectWith(names);
            }
        }

        return common ?? [];
    }

    /// <summary>Parameter by parameter: by name, then by value, numerically where both values are numbers ("LatencyMs=0" before "LatencyMs=20").</summary>
    public int CompareTo(Setting? other)
    {
        var right = other?.Parameters ?? [];
        for (var i = 0; i < Math.Min(Parameters.Count, right.Count); i++)
        {
            var byName = string.CompareOrdinal(Parameters[i].Key, right[i].Key);
            if (byName != 0)
            {
                return byName;
            }

            var (l, r) = (Parameters[i].Value, right[i].Value);
            var byValue = double.TryParse(l, CultureInfo.InvariantCulture, out var ln) && double.TryParse(r, CultureInfo.InvariantCulture, out var rn)
                ? ln.CompareTo(rn)
                : string.CompareOrdinal(l, r);
            if (byValue != 0)
            {
                return byValue;
            }
        }

        return Parameters.Count.CompareTo(right.Count);
    }

    public bool Equals(Setting? other) => other is not null && Key == other.Key;

    public override bool Equals(object? obj) => obj is Setting other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);

    public override string ToString() => Key;
}
