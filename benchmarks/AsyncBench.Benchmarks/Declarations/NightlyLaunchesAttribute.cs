using System.Reflection;

namespace AsyncBench.Benchmarks.Declarations;

/// <summary>
/// How many launches (processes) a night gives this class's cases when it runs as passes (<c>scripts/nightly.sh</c> with
/// <c>NIGHTLY_PASSES</c> above 1; <see cref="Running.NightPass"/>): the class takes part in that many passes instead of the night's.
/// Repeat at the level where the variance is, as often as a pilot says (Kalibera and Jones): more launches where a case's
/// launches differ so much that the night's passes cannot show a 15 % slowdown, fewer where they agree and each launch is
/// long. Each use states the spread it was sized from. The nightly profile's launches back to back (<c>NIGHTLY_PASSES=1</c>)
/// stay <see cref="Running.Profiles.NightlyLaunchCount"/> for every class.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class NightlyLaunchesAttribute(int launches) : Attribute
{
    public int Launches { get; } = launches;

    /// <summary>The launches <paramref name="benchmarkClass"/> declares, or null when it declares none.</summary>
    public static int? Of(Type benchmarkClass) => benchmarkClass.GetCustomAttribute<NightlyLaunchesAttribute>(inherit: true)?.Launches;
}
