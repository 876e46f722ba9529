using AsyncBench.FlakyServer;

// A real server that fails a stated share of requests (see FlakyServer), for scripts/error-budget.sh. Stops on Ctrl+C or SIGTERM.
if (!FlakyServerOptions.TryParse(args, out var options, out var error))
{
    Console.Error.WriteLine($"error: {error}");
    return 2;
}

await using var server = FlakyServer.Start(options);
Console.WriteLine(options.Describe(server.Url));
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    // stopped on purpose
}

Console.WriteLine($"flaky server: stopped after {server.Requests} requests, {server.Failed} answered 500");
return 0;
