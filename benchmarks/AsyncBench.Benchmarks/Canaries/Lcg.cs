namespace AsyncBench.Benchmarks.Canaries;

/// <summary>
/// Knuth's MMIX linear congruential generator, x ← a·x + c (mod 2⁶⁴): one multiply and one add per step, each
/// step needing the one before, so a loop of steps runs at the core's multiply-add latency whatever the compiler
/// does with it. <see cref="JumpAhead"/> computes the same result in O(log n) steps (Brown, "Random number
/// generation with arbitrary strides", 1994), the independent check of <see cref="Run"/>.
/// </summary>
public static class Lcg
{
    public const ulong Multiplier = 6364136223846793005UL;
    public const ulong Increment = 1442695040888963407UL;

    /// <summary><paramref name="steps"/> steps from <paramref name="seed"/>, one at a time.</summary>
    public static ulong Run(ulong seed, long steps)
    {
        var x = seed;
        for (var i = 0L; i < steps; i++)
        {
            x = unchecked((x * Multiplier) + Increment);
        }

        return x;
    }

    /// <summary>The value <see cref="Run"/> returns, by squaring the step: a·x + c composed with itself.</summary>
    public static ulong JumpAhead(ulong seed, long steps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        ulong totalMultiplier = 1, totalIncrement = 0;
        ulong multiplier = Multiplier, increment = Increment;
        unchecked
        {
            for (var left = (ulong)steps; left > 0; left >>= 1)
            {
                if ((left & 1) != 0)
                {
                    totalMultiplier *= multiplier;
                    totalIncrement = (totalIncrement * multiplier) + increment;
                }

                increment = (multiplier + 1) * increment;
                multiplier *= multiplier;
            }

            return (totalMultiplier * seed) + totalIncrement;
        }
    }
}
