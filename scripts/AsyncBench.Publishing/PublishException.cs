
namespace AsyncBench.Publishing;

/// <summary>
/// Bad input the user can fix: a missing folder, no reports, a malformed report, reports of another
/// project, runs with nothing in common. The console app prints the message alone, without a stack trace.
/// </summary>
public sealed class PublishException(string message, Exception? inner = null) : Exception(message, inner);
