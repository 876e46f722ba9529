using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains;
using BenchmarkDotNet.Toolchains.CsProj;
using BenchmarkDotNet.Toolchains.DotNetCli;

namespace AsyncBench.Benchmarks.Running;

/// <summary>
/// BenchmarkDotNet's .NET toolchain, building the benchmark program against ANOTHER worktree's benchmarks project:
/// the base (or anchor) side of a paired run (<see cref="PairedRun"/>). Its generator returns that worktree's
/// AsyncBench.Benchmarks.csproj where BenchmarkDotNet's returns the host's (CsProjGenerator.GetProjectFilePath, protected
/// virtual in 0.15.8), so the generated program's ProjectReference builds the other commit's code with its own
/// Directory.*.props and package versions, in that worktree's bin folder, and its children find that build's fixture
/// host (baked into its AsyncBench.Fixtures). The generated project itself is written beside that build, not the host's.
/// BenchmarkDotNet builds one partition per distinct toolchain (BenchmarkPartitioner compares toolchains with Equals):
/// equal when they build the same project, so all of one side's jobs are one build.
/// </summary>
public sealed class WorktreeToolchain : Toolchain, IEquatable<WorktreeToolchain>
{
    public WorktreeToolchain(string name, string projectFile, string builtAssembly, string targetFrameworkMoniker)
        : base(name, new OtherProjectGenerator(projectFile, builtAssembly, targetFrameworkMoniker), new DotNetCliBuilder(targetFrameworkMoniker), new DotNetCliExecutor(customDotNetCliPath: null!))
    {
        ProjectFile = projectFile;
    }

    /// <summary>The other worktree's AsyncBench.Benchmarks.csproj.</summary>
    public string ProjectFile { get; }

    public bool Equals(WorktreeToolchain? other) => other is not null && string.Equals(ProjectFile, other.ProjectFile, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as WorktreeToolchain);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ProjectFile);

    private sealed class OtherProjectGenerator(string projectFile, string builtAssembly, string targetFrameworkMoniker)
        : CsProjGenerator(targetFrameworkMoniker, cliPath: null!, packagesPath: null!, runtimeFrameworkVersion: null!)
    {
        protected override FileInfo GetProjectFilePath(Type benchmarkTarget, ILogger logger) => new(projectFile);

        protected override string GetBuildArtifactsDirectoryPath(BuildPartition buildPartition, string programName) =>
            Path.Combine(Path.GetDirectoryName(builtAssembly)!, programName);

        public override bool Equals(object? obj) => obj is OtherProjectGenerator other && string.Equals(projectFile, other.ProjectFileOf, StringComparison.Ordinal);

        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(projectFile);

        private string ProjectFileOf => projectFile;
    }
}
