namespace AsyncBench.Benchmarks.Canaries;

/// <summary>
/// Declares every benchmark of the class a canary: a probe of the machine (CPU, memory, the kernel, the loopback
/// network) written by hand, so that no package the suite depends on, and none of the suite's own code, can
/// change what it measures. Travels in the declarations sidecar (<c>DeclaredBenchmark.Canary</c>), so a gate finds
/// the canaries without knowing their names: a run-wide shift that the canaries share says the machine changed
/// (a slower VM, a noisy neighbour, another CPU model); one they do not share says the platform or the code did.
/// Give the class the category <see cref="MachineCanaryBenchmarks.Category"/> too, for <c>--anyCategories</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class CanaryAttribute : Attribute
{
    /// <summary>Whether the benchmarks of <paramref name="type"/> are canaries.</summary>
    public static bool IsCanary(Type type) => type is not null && type.IsDefined(typeof(CanaryAttribute), inherit: true);
}
