namespace AsyncBench.Benchmarks;

/// <summary>Category names for <c>--anyCategories</c> / <c>--allCategories</c>: one per workload.</summary>
public static class Categories
{
    public const string Http = "Http";
    public const string Sqlite = "Sqlite";
    public const string Files = "Files";
    public const string Rules = "Rules";
    public const string CpuBound = "CpuBound";
    public const string BlockingInAsync = "BlockingInAsync";
    public const string SyncOverAsync = "SyncOverAsync";
    public const string TaskRunWrapping = "TaskRunWrapping";
    public const string Politeness = "Politeness";
    public const string DegreeOfParallelism = "DegreeOfParallelism";
    public const string AsyncMethod = "AsyncMethod";
    public const string SerialPort = "SerialPort";
    public const string HotTask = "HotTask";
    public const string LazyReader = "LazyReader";

    /// <summary>Probes of the machine that no dependency of the suite can move (see Canaries.CanaryAttribute).</summary>
    public const string Canary = "Canary";
}
