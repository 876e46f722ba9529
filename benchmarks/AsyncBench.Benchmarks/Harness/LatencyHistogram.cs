using System.Numerics;

namespace AsyncBench.Benchmarks.Harness;

/// <summary>
/// Counts of non-negative values (Stopwatch ticks) in fixed logarithmic buckets: exact below 16, then 16 buckets per
/// doubling, so a bucket is at most 1/16 of its lower bound wide and its midpoint within 3.2 % of any value in it
/// (HdrHistogram's layout with 4 significant bits). Recording is one <see cref="Interlocked.Increment(ref long)"/> on
/// a preallocated array: no allocation and no lock, safe from any number of threads, cheap enough for every unit.
/// </summary>
public sealed class LatencyHistogram
{
    /// <summary>Buckets per doubling, as a power of two.</summary>
    public const int SubBucketBits = 4;

    private const int SubBuckets = 1 << SubBucketBits;

    /// <summary>Enough buckets for every non-negative long.</summary>
    private const int BucketCount = (64 - SubBucketBits) * SubBuckets;

    private readonly long[] counts = new long[BucketCount];

    /// <summary>Adds one value (negative values count as 0).</summary>
    public void Record(long value) => Interlocked.Increment(ref counts[IndexOf(value)]);

    /// <summary>Forgets every value recorded. Not atomic with concurrent <see cref="Record"/>: call it while nothing records.</summary>
    public void Clear() => Array.Clear(counts);

    /// <summary>Adds every value <paramref name="other"/> holds. Call it while <paramref name="other"/> records nothing.</summary>
    public void Add(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] += Volatile.Read(ref other.counts[i]);
        }
    }

    /// <summary>How many values were recorded since the last <see cref="Clear"/>.</summary>
    public long Count
    {
        get
        {
            long total = 0;
            for (var i = 0; i < counts.Length; i++)
            {
                total += Volatile.Read(ref counts[i]);
            }

            return total;
        }
    }

    /// <summary>
    /// The <paramref name="quantile"/> (0 &lt; q ≤ 1) by nearest rank: the bucket holding the ⌈q·n⌉-th smallest value,
    /// as its midpoint (its exact value below 16). Null when nothing was recorded.
    /// </summary>
    public double? Quantile(double quantile)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantile);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantile, 1.0);
        var snapshot = new long[counts.Length];
        long total = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            snapshot[i] = Volatile.Read(ref counts[i]);
            total += snapshot[i];
        }

        if (total == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(quantile * total));
        long seen = 0;
        for (var i = 0; i < snapshot.Length; i++)
        {
            seen += snapshot[i];
            if (seen >= rank)
            {
                return Midpoint(i);
            }
        }

        return Midpoint(snapshot.Length - 1);
    }

    /// <summary>The bucket <paramref name="value"/> falls in.</summary>
    public static int IndexOf(long value)
    {
        if (value < SubBuckets)
        {
            return (int)Math.Max(0, value);
        }

        var shift = BitOperations.Log2((ulong)value) - SubBucketBits;
        var sub = (int)((value >> shift) & (SubBuckets - 1));
        return ((shift + 1) << SubBucketBits) + sub;
    }

    /// <summary>The smallest value in bucket <paramref name="index"/>.</summary>
    public static long LowerBound(int index)
    {
        if (index < SubBuckets)
        {
            return index;
        }

        var shift = (index >> SubBucketBits) - 1;
        return (long)(SubBuckets + (index & (SubBuckets - 1))) << shift;
    }

    /// <summary>One past the largest value in bucket <paramref name="index"/> (as a double: the last bucket ends at 2^63).</summary>
    public static double UpperBound(int index) => index + 1 < BucketCount ? LowerBound(index + 1) : Math.Pow(2, 63);

    private static double Midpoint(int index) => index < SubBuckets ? index : (LowerBound(index) + UpperBound(index)) / 2;
}
