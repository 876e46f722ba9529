using AsyncBench.Benchmarks.Declarations;

// The ten rules of the Python post (shared/RULES.md) and their .NET counterparts, stated once here.
// The declarations exporter carries them into every report's sidecar; the classes that answer a rule
// declare how with [Claim].
[assembly: Rule(1, "Make I/O-bound work asynchronous; CPU-bound work gains little.",
    "Every I/O workload under a blocking loop and the async API with WhenAll; Rules.CpuBoundBenchmarks as the CPU-bound control.")]
[assembly: Rule(2, "Define an async function with `async def`.",
    "`async Task` / `async ValueTask` methods, completing synchronously or suspending (Rules.AsyncMethodBenchmarks).")]
[assembly: Rule(3, "Run it with `await`; without it a coroutine never runs.",
    "C# tasks are hot: calling an async method starts it; an unawaited task loses its result and exception, not its run (Rules.HotTaskBenchmarks counts what ran and what was lost; HotTaskTests shows each step).")]
[assembly: Rule(4, "From sync code use `asyncio.run()`; nesting it is an error.",
    "Sync-over-async: `.GetAwaiter().GetResult()` and `.Result` versus `await`, from pool threads, errors counted (Rules.SyncOverAsyncBenchmarks); blocking on a task versus `Thread.Sleep` in the same shape (Rules.BlockingInAsyncBenchmarks); the deadlock under a single-threaded SynchronizationContext is a test.")]
[assembly: Rule(5, "Run many calls together with `asyncio.gather()`.",
    "`Task.WhenAll` versus awaiting one at a time in every I/O workload; `Parallel.ForEachAsync` at its default degree (Rules.DegreeOfParallelismBenchmarks).")]
[assembly: Rule(6, "Wrap sync functions with `sync_to_async`; inside they still run one after another.",
    "`Task.Run(() => SyncCall())` versus the native async API and versus a blocking loop (Rules.TaskRunWrappingBenchmarks).")]
[assembly: Rule(7, "Wait with `asyncio.sleep()`, never `time.sleep()`, in async code.",
    "`Thread.Sleep` versus `await Task.Delay` inside async units under fan-out, from the same starting pool (Rules.BlockingInAsyncBenchmarks).")]
[assembly: Rule(8, "Use an async HTTP client; throttle bursts so a host does not ban you.",
    "Async `HttpClient` versus blocking `Send` at the same concurrency on threads started beforehand, thread start-up apart (Http.HttpBenchmarks); bounded versus unbounded bursts against a refusing server (Rules.PolitenessBenchmarks).")]
[assembly: Rule(9, "Use an async file library instead of blocking file calls.",
    "Async versus blocking .NET file APIs at the same concurrency: one at a time, and all at once on threads started beforehand (Files.*).")]
[assembly: Rule(10, "A synchronous ORM must not hand lazy query objects out of async code.",
    "A lazy reader handed out of an async method after its connection closed, versus a materialized list (Rules.LazyReaderBenchmarks, LazyReaderTests); whether Microsoft.Data.Sqlite's async methods bring concurrency (Sqlite.*).")]
