using AsyncBench.Tests.Running;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("AsyncBench.Tests.BenchmarkRunsFirst", "AsyncBench.Tests")]

namespace AsyncBench.Tests;

/// <summary>
/// Starts the collection that runs the benchmark program (<see cref="BenchmarkProgramCollection"/>) first: its
/// BenchmarkDotNet runs are the longest chain of the suite (each builds and launches its own processes), and they wait
/// more than they compute, so the other collections run beside them instead of after them. The rest keep their order.
/// </summary>
public sealed class BenchmarkRunsFirst : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => c.DisplayName == BenchmarkProgramCollection.Name ? 0 : 1);
}
