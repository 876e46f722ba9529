using System.Text.Json;

namespace AsyncBench.Publishing.Rules;

/// <summary>One rule's verdict words in two runs (null where a run has no verdict for it); equal when both have the same words.</summary>
public sealed record RuleWords(int Rule, string? First, bool FirstProvisional, string? Second, bool SecondProvisional)
{
    public bool Equal => First is not null && First == Second;
}

/// <summary>
/// The words verb: two published runs' verdict words per rule (rules.json "words", <see cref="Answers.VerdictWords"/>), read
/// as published. A provisional verdict counts by its words: a quick run has one launch, so its times are provisional by
/// design, and the question is whether its page says what the evidence run's says. Met when at least
/// <see cref="Replication.MinEqualShare"/> of the rules (9 of 10) have equal words.
/// </summary>
public sealed record WordsComparison(string FirstSource, string SecondSource, IReadOnlyList<RuleWords> Rules)
{
    public int Equal => Rules.Count(r => r.Equal);

    public bool Met => Rules.Count > 0 && Equal >= Replication.MinEqualShare * Rules.Count;

    /// <summary>The two runs' rules, by number: every rule either run has a verdict for.</summary>
    public static WordsComparison Of(string firstRun, string secondRun)
    {
        ArgumentNullException.ThrowIfNull(firstRun);
        ArgumentNullException.ThrowIfNull(secondRun);
        var (firstFile, first) = Read(firstRun);
        var (secondFile, second) = Read(secondRun);
        var rules = first.Keys.Union(second.Keys).Order()
            .Select(n => new RuleWords(
                n,
                first.TryGetValue(n, out var a) ? a.Words : null,
                a.Provisional,
                second.TryGetValue(n, out var b) ? b.Words : null,
                b.Provisional))
            .ToList();
        return new WordsComparison(firstFile, secondFile, rules);
    }

    /// <summary>
    /// A published run's rules.json (<paramref name="run"/>: its run folder or the file itself): each rule's words and
    /// whether they are provisional. One error naming the problem where it is not one the suite's publisher wrote for a
    /// run at the declared settings.
    /// </summary>
    private static (string File, Dictionary<int, (string Words, bool Provisional)> Rules) Read(string run)
    {
        var file = Directory.Exists(run) ? Path.Combine(run, RulesJson.FileName) : run;
        if (!File.Exists(file))
        {
            throw new PublishException(Directory.Exists(run)
                ? $"The folder '{run}' has no {RulesJson.FileName}: pass a published run folder (publish writes one per run, e.g. results/latest), or publish the run first."
                : $"The run '{run}' does not exist: pass a published run folder (e.g. results/latest) or its {RulesJson.FileName}.");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != RulesJson.Format)
            {
                throw new PublishException($"'{file}' is not a rules page's {RulesJson.FileName} (format {RulesJson.Format}); pass a published run folder.");
            }

            if (root.TryGetProperty("reviewerSetting", out var reviewer) && reviewer.ValueKind == JsonValueKind.String)
            {
                throw new PublishException($"'{file}' is a reviewer's run (at '{reviewer.GetString()}'): words compares two runs at the suite's declared settings. Pass two runs made without --params and --latency.");
            }

            var rules = new Dictionary<int, (string, bool)>();
            foreach (var rule in root.GetProperty("rules").EnumerateArray())
            {
                if (!rules.TryAdd(rule.GetProperty("number").GetInt32(), (rule.GetProperty("words").GetString() ?? string.Empty, rule.GetProperty("provisional").GetBoolean())))
                {
                    throw new PublishException($"'{file}' has rule {rule.GetProperty("number").GetInt32()} twice; a run at the declared settings has one verdict per rule.");
                }
            }

            return (file, rules);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new PublishException($"'{file}' is not a readable {RulesJson.FileName} ({e.Message.ReplaceLineEndings(" ")}); pass a published run folder.", e);
        }
    }
}
