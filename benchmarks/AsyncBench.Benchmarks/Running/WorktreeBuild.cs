using System.Reflection;
using System.Runtime.Loader;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace AsyncBench.Benchmarks.Running;

/// <summary>
/// The other side of a paired run, as built in its worktree: its project, its built AsyncBench.Benchmarks.dll, and its
/// benchmark cases, read by reflection with BenchmarkDotNet's own converter (the assembly is loaded into a load context
/// of its own, sharing only BenchmarkDotNet and its statistics libraries with this process, so its attributes are
/// BenchmarkDotNet's). <see cref="Why"/> tells whether one of this build's cases can be paired: the generated program of
/// the other side's partition is compiled from THIS process's case (its type, method, parameter members, setup and
/// cleanup methods) against the other build, so a case the other build lacks would fail the whole partition's build.
/// </summary>
public sealed class WorktreeBuild
{
    /// <summary>The benchmarks project inside a worktree of the suite.</summary>
    public static readonly string ProjectPath = Path.Combine("benchmarks", "AsyncBench.Benchmarks", "AsyncBench.Benchmarks.csproj");

    /// <summary>Assemblies the other build's types must share with this process: their attributes and BenchmarkCase are these.</summary>
    private static readonly string[] Shared = ["BenchmarkDotNet", "Perfolizer", "Pragmastat"];

    private readonly Dictionary<string, BenchmarkCase> cases;

    private WorktreeBuild(string root, string project, string assembly, Dictionary<string, BenchmarkCase> cases)
    {
        Root = root;
        Project = project;
        Assembly = assembly;
        this.cases = cases;
    }

    public string Root { get; }

    public string Project { get; }

    /// <summary>The built AsyncBench.Benchmarks.dll (Release).</summary>
    public string Assembly { get; }

    public int CaseCount => cases.Count;

    /// <summary>This process's target framework (net10.0): the other side is built and run for the same one.</summary>
    public static string TargetFramework => $"net{Environment.Version.Major}.{Environment.Version.Minor}";

    /// <summary>A build in <paramref name="root"/> known by its cases (as <see cref="TryRead"/> finds them), without reading it.</summary>
    public static WorktreeBuild FromCases(string root, IEnumerable<BenchmarkCase> cases)
    {
        var project = Path.Combine(Path.GetFullPath(root), ProjectPath);
        return new WorktreeBuild(Path.GetFullPath(root), project, Path.Combine(Path.GetDirectoryName(project)!, "bin", "Release", TargetFramework, "AsyncBench.Benchmarks.dll"),
            cases.GroupBy(FullNameProvider.GetBenchmarkName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal));
    }

    /// <summary>Reads the build in <paramref name="root"/>; false with the line to print after "error: " when it is no usable build of the suite.</summary>
    public static bool TryRead(string root, string option, out WorktreeBuild? build, out string error)
    {
        build = null;
        error = string.Empty;
        var full = Path.GetFullPath(root);
        var project = Path.Combine(full, ProjectPath);
        if (!File.Exists(project))
        {
            error = $"{option} '{root}' is not a worktree of the suite (no {ProjectPath}). Give the folder of a checkout of the base commit, e.g. made with 'git worktree add'.";
            return false;
        }

        var own = PublishCommand.FindCheckout(AppContext.BaseDirectory);
        if (own is not null && string.Equals(Path.GetFullPath(own).TrimEnd(Path.DirectorySeparatorChar), full.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
        {
            error = $"{option} '{root}' is this run's own worktree: both sides would build one project at once. Check the base out in a worktree of its own (git worktree add DIR REF) and build it there.";
            return false;
        }

        // The Release build, as BenchmarkDotNet builds the generated program (a Debug build of the other side is not what runs).
        var assembly = Path.Combine(Path.GetDirectoryName(project)!, "bin", "Release", TargetFramework, "AsyncBench.Benchmarks.dll");
        if (!File.Exists(assembly))
        {
            error = $"{option} '{root}' is not built: no bin/Release/{TargetFramework}/AsyncBench.Benchmarks.dll. Build it first: dotnet build -c Release '{project}'.";
            return false;
        }

        var ours = typeof(BenchmarkAttribute).Assembly.GetName().Version;
        var theirs = File.Exists(Path.Combine(Path.GetDirectoryName(assembly)!, "BenchmarkDotNet.dll"))
            ? AssemblyName.GetAssemblyName(Path.Combine(Path.GetDirectoryName(assembly)!, "BenchmarkDotNet.dll")).Version
            : null;
        if (theirs != ours)
        {
            error = $"{option} '{root}' is built with BenchmarkDotNet {theirs?.ToString() ?? "(none found)"}, this suite with {ours}: the generated program is this BenchmarkDotNet's and would not build against the other. Pair only builds of one BenchmarkDotNet version (run head alone tonight).";
            return false;
        }

        try
        {
            var context = new Context(assembly);
            var loaded = context.LoadFromAssemblyPath(assembly);
            var config = ManualConfig.CreateEmpty().AddJob(Job.Dry);
            var found = loaded.GetTypes()
                .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true } && t.GetMethods().Any(m => m.IsDefined(typeof(BenchmarkAttribute), inherit: true)))
                .SelectMany(t => BenchmarkConverter.TypeToBenchmarks(t, config).BenchmarksCases)
                .GroupBy(FullNameProvider.GetBenchmarkName, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            build = new WorktreeBuild(full, project, assembly, found);
            return true;
        }
        catch (Exception e) when (e is ReflectionTypeLoadException or FileNotFoundException or BadImageFormatException or TypeLoadException or InvalidOperationException)
        {
            error = $"{option} '{root}': could not read the benchmarks of '{assembly}' ({e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}). Rebuild it (dotnet build -c Release '{project}').";
            return false;
        }
    }

    /// <summary>Null when <paramref name="benchmark"/> (a case of this process) can be paired with the other build's; else why not.</summary>
    public string? Why(BenchmarkCase benchmark)
    {
        ArgumentNullException.ThrowIfNull(benchmark);
        if (!cases.TryGetValue(FullNameProvider.GetBenchmarkName(benchmark), out var other))
        {
            return "absent in the other build (its class, method or parameter value)";
        }

        return Identity(benchmark).Zip(Identity(other)).FirstOrDefault(p => p.First.Text != p.Second.Text) is { First.Part: { } part } differs
            ? $"declared differently in the other build: {part} ({differs.Second.Text} there, {differs.First.Text} here)"
            : null;
    }

    /// <summary>
    /// What the generated program and the case's declarations name: the class's, method's and parameter members'
    /// attributes (categories, baselines, the suite's facts and claims), the method's signature, its setup and cleanup methods.
    /// </summary>
    private static IEnumerable<(string Part, string Text)> Identity(BenchmarkCase benchmark)
    {
        var descriptor = benchmark.Descriptor;
        yield return ("class attributes", Attributes(descriptor.Type));
        yield return ("method attributes", Attributes(descriptor.WorkloadMethod));
        yield return ("signature", $"{descriptor.WorkloadMethod.ReturnType.FullName}({string.Join(", ", descriptor.WorkloadMethod.GetParameters().Select(p => p.ParameterType.FullName))})");
        foreach (var parameter in benchmark.Parameters.Items.Where(p => !p.IsArgument))
        {
            var member = descriptor.Type.GetMember(parameter.Name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static).FirstOrDefault();
            yield return ($"parameter {parameter.Name}", member is null ? "(none)" : Attributes(member));
        }

        yield return ("setup and cleanup", string.Join(", ", new[] { descriptor.GlobalSetupMethod, descriptor.GlobalCleanupMethod, descriptor.IterationSetupMethod, descriptor.IterationCleanupMethod }.Select(m => m?.Name ?? "-")));
    }

    private static string Attributes(MemberInfo member) =>
        string.Join(" ", member.GetCustomAttributesData().Select(Text).Order(StringComparer.Ordinal));

    /// <summary>An attribute as declared; [Benchmark]'s constructor arguments are where it stands in the source (line, file), not what it declares.</summary>
    private static string Text(CustomAttributeData attribute) =>
        attribute.AttributeType.FullName == typeof(BenchmarkAttribute).FullName
            ? $"[{attribute.AttributeType.FullName}({string.Join(", ", attribute.NamedArguments.Select(a => a.ToString()))})]"
            : attribute.ToString();

    /// <summary>The other build's assemblies, from its own folder; BenchmarkDotNet and its statistics from this process.</summary>
    private sealed class Context(string assembly) : AssemblyLoadContext("asyncbench-paired-other", isCollectible: false)
    {
        private readonly AssemblyDependencyResolver resolver = new(assembly);

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            if (Shared.Any(s => assemblyName.Name!.StartsWith(s, StringComparison.Ordinal)))
            {
                return null;
            }

            return resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;
        }
    }
}
