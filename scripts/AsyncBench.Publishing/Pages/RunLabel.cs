namespace AsyncBench.Publishing.Pages;

/// <summary>Facts about a run that are not in the JSON: the suite's git commit and the machine label.</summary>
public sealed record RunLabel(string Commit, string Machine);
