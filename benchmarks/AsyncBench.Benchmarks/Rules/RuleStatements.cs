using AsyncBench.Benchmarks.Declarations;

// The ten rules of the Python post (shared/RULES.md) and their .NET counterparts, stated once here.
// The declarations exporter carries them into every report's sidecar; the classes that answer a rule
// declare how with [RuleComparison].
[assembly: Rule(1, "Make I/O-bound work asynchronous; CPU-bound work gains little.",
    "Every I/O workload under a blocking loop and the async API with WhenAll; Rules.CpuBoundBenchmarks as the CPU-bound control.")]
[assembly: Rule(2, "Define an async function with `async def`.",
    "`async Task` / `async ValueTask` methods, completing synchronously or suspending (Rules.AsyncMethodBenchmarks).")]
[assembly: Rule(3, "Run it with `await`; without it a coroutine never runs.",
    "C# tasks are hot: calling an async method starts it; an unawaited task loses its result and exception, not its run.",
    Evidence = "tests, not benchmarks: tests/AsyncBench.Tests/Rules/HotTaskTests.cs")]
[assembly: Rule(4, "From sync code use `asyncio.run()`; nesting it is an error.",
    "Sync-over-async: `.GetAwaiter().GetResult()` and `.Result` versus `await`, from pool threads (Rules.SyncOverAsyncBenchmarks); the deadlock under a single-threaded SynchronizationContext is a test.")]
[assembly: Rule(5, "Run many calls together with `asyncio.gather()`.",
    "`Task.WhenAll` versus awaiting one at a time in every I/O workload; `Parallel.ForEachAsync` at its default degree (Rules.DegreeOfParallelismBenchmarks).")]
[assembly: Rule(6, "Wrap sync functions with `sync_to_async`; inside they still run one after another.",
    "`Task.Run(() => SyncCall())` versus the native async API and versus a blocking loop (Rules.TaskRunWrappingBenchmarks).")]
[assembly: Rule(7, "Wait with `asyncio.sleep()`, never `time.sleep()`, in async code.",
    "`Thread.Sleep` versus `await Task.Delay` inside async units under fan-out (Rules.BlockingInAsyncBenchmarks).")]
[assembly: Rule(8, "Use an async HTTP client; throttle bursts so a host does not ban you.",
    "Async `HttpClient` versus blocking `Send` on a thread each (Http.HttpBenchmarks); bounded versus unbounded bursts against a refusing server (Rules.PolitenessBenchmarks).")]
[assembly: Rule(9, "Use an async file library instead of blocking file calls.",
    "Async versus blocking .NET file APIs under the same strategy: one at a time, and all at once (Files.*).")]
[assembly: Rule(10, "A synchronous ORM must not hand lazy query objects out of async code.",
    "Microsoft.Data.Sqlite's async versus blocking methods under the same strategy (Sqlite.*); the lazy-reader half is a test (LazyReaderTests).")]
