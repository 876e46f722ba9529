namespace AsyncBench.Benchmarks.Rules;

/// <summary>
/// Category names of the rules classes for <c>--anyCategories</c> / <c>--allCategories</c>: <see cref="Rules"/> on every one,
/// and one per class. A target's category is declared in its own folder (<c>HttpBenchmarks.Category</c>, ...).
/// </summary>
public static class RuleCategories
{
    public const string Rules = "Rules";
    public const string CpuBound = "CpuBound";
    public const string BlockingInAsync = "BlockingInAsync";
    public const string SyncOverAsync = "SyncOverAsync";
    public const string TaskRunWrapping = "TaskRunWrapping";
    public const string Politeness = "Politeness";
    public const string DegreeOfParallelism = "DegreeOfParallelism";
    public const string AsyncMethod = "AsyncMethod";
    public const string HotTask = "HotTask";
    public const string LazyReader = "LazyReader";
}
