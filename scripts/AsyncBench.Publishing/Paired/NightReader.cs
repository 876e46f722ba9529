using AsyncBench.Publishing.Reading;
using AsyncBench.Publishing.Statistics;

namespace AsyncBench.Publishing.Paired;

/// <summary>
/// Reads a night folder (<see cref="PairedManifest"/> and the reports its rounds name) into pairs: in each slot, every
/// case with a launch on both sides gives one pair, ln(head ÷ base) of the two launches' medians. A case is comparable
/// when both sides have it under the same full ID (namespace, class, method, every parameter) and declare it alike; one
/// present on one side only, declared differently by the two sides' sidecars, or listed by the paired run as not paired
/// (its declarations differ between the builds) is not comparable: listed, never judged.
/// </summary>
public static class NightReader
{
    public static PairedNight Read(string folder)
    {
        var manifest = PairedManifest.Read(folder);
        var runs = new Dictionary<string, BenchmarkRun>(StringComparer.Ordinal);
        BenchmarkRun Run(string relative, bool severalJobs)
        {
            var path = Path.GetFullPath(Path.Combine(folder, relative));
            if (!runs.TryGetValue(path, out var run))
            {
                run = ReportReader.ReadDirectory(path, severalJobs);
                runs[path] = run;
            }

            return run;
        }

        var cases = new Dictionary<BenchmarkId, PairedCase>();
        var notComparable = new Dictionary<BenchmarkId, NotComparableCase>();
        var failures = new List<FailedCase>();
        var rounds = new List<PairedRound>();
        var anchorRounds = new List<PairedRound>();
        foreach (var round in manifest.Rounds!)
        {
            var declined = (round.NotPaired ?? []).Select(n => n.Case).ToHashSet(StringComparer.Ordinal);
            var pairs = new Dictionary<BenchmarkId, List<double>>();
            var launches = 0;
            foreach (var slot in round.Slots!.OrderBy(s => s.Slot))
            {
                var (baseSide, headSide, baseDeclarations, declarations) = Sides(round, slot, Run);
                launches += baseSide.Count + headSide.Count;
                var baseById = baseSide.ToDictionary(r => r.Id);
                foreach (var head in headSide)
                {
                    var other = baseById.GetValueOrDefault(head.Id);
                    if (declined.Contains(head.FullName) && !round.IsAnchor)
                    {
                        var reason = round.NotPaired!.First(n => n.Case == head.FullName).Reason ?? "not paired by the run";
                        notComparable.TryAdd(head.Id, new NotComparableCase(head.Id, head.FullName, reason));
                        continue;
                    }

                    if (other is not null && !round.IsAnchor && DeclaredDifferently(other, baseDeclarations, head, declarations) is { } difference)
                    {
                        notComparable.TryAdd(head.Id, new NotComparableCase(head.Id, head.FullName, difference));
                        continue;
                    }

                    if (head.Failed || other is { Failed: true })
                    {
                        if (head.Failed && !round.IsAnchor)
                        {
                            failures.Add(new FailedCase(head.Id, head.FullName, other is { Failed: false }, round.Round, slot.Slot));
                        }

                        continue;
                    }

                    if (other is null)
                    {
                        if (manifest.HasBase && !round.IsAnchor)
                        {
                            notComparable.TryAdd(head.Id, new NotComparableCase(head.Id, head.FullName, "in head only (no base launch)"));
                        }

                        continue;
                    }

                    var value = NoiseModel.RunValueLog(head) - NoiseModel.RunValueLog(other);
                    if (!double.IsFinite(value))
                    {
                        continue;
                    }

                    if (!pairs.TryGetValue(head.Id, out var list))
                    {
                        pairs[head.Id] = list = [];
                    }

                    list.Add(value);
                    if (!round.IsAnchor)
                    {
                        cases.TryAdd(head.Id, new PairedCase(head.Id, head.FullName, declarations.IsCanary(head)));
                    }
                }

                var headIds = headSide.Select(h => h.Id).ToHashSet();
                foreach (var missing in round.IsAnchor ? [] : baseSide.Where(b => !headIds.Contains(b.Id)))
                {
                    notComparable.TryAdd(missing.Id, new NotComparableCase(missing.Id, missing.FullName, "in base only (no head launch)"));
                }
            }

            var read = new PairedRound(round.Round, round.Purpose ?? string.Empty, pairs.ToDictionary(p => p.Key, p => (IReadOnlyList<double>)p.Value), launches);
            (round.IsAnchor ? anchorRounds : rounds).Add(read);
        }

        // A case paired in some slot is comparable, whatever another slot missed; one never paired is not.
        foreach (var id in cases.Keys)
        {
            notComparable.Remove(id);
        }

        if (manifest.HasBase && cases.Count == 0 && rounds.Count > 0)
        {
            throw new PublishException($"The night '{folder}' has no case with a launch on both sides: base and head share no benchmark. Check that both builds ran the same classes (the round's reports and its slots' job ids).");
        }

        return new PairedNight(
            folder,
            manifest,
            [.. cases.Values.OrderBy(c => c.Id.Key, StringComparer.Ordinal)],
            rounds,
            anchorRounds,
            [.. notComparable.Values.Where(n => !cases.ContainsKey(n.Id)).OrderBy(n => n.Id.Key, StringComparer.Ordinal)],
            failures);
    }

    /// <summary>
    /// The slot's base and head results and what each side's sidecars declare: two jobs of the round's run (one host, one
    /// sidecar: the paired run lists a case declared differently in its base build as not paired), or two results folders.
    /// </summary>
    private static (IReadOnlyList<BenchmarkResult> Base, IReadOnlyList<BenchmarkResult> Head, RunDeclarations BaseDeclarations, RunDeclarations HeadDeclarations) Sides(
        PairedRoundEntry round, PairedSlot slot, Func<string, bool, BenchmarkRun> run)
    {
        if (slot.HeadReports is not null)
        {
            var headRun = run(slot.HeadReports, false);
            var baseRun = slot.BaseReports is null ? null : run(slot.BaseReports, false);
            return (baseRun?.Results ?? [], headRun.Results, baseRun?.Declarations ?? RunDeclarations.None, headRun.Declarations);
        }

        var roundRun = run(round.Reports!, true);
        var head = Job(roundRun, slot.HeadJob!, round);
        var bases = slot.BaseJob is { Length: > 0 } baseJob ? Job(roundRun, baseJob, round) : [];
        return (bases, head, roundRun.Declarations, roundRun.Declarations);
    }

    /// <summary>
    /// What differs between the two sides' declarations of a case that both declare (its categories, baseline, canary
    /// flag: what it compares and how it is read); null when nothing does. An injected slowdown is not looked at: the gate
    /// must not know of one.
    /// </summary>
    private static string? DeclaredDifferently(BenchmarkResult baseResult, RunDeclarations baseDeclarations, BenchmarkResult headResult, RunDeclarations headDeclarations)
    {
        if (ReferenceEquals(baseDeclarations, headDeclarations) || !baseDeclarations.Declares(baseResult) || !headDeclarations.Declares(headResult))
        {
            return null;
        }

        var differences = new List<string>();
        if (!baseDeclarations.Categories(baseResult).SequenceEqual(headDeclarations.Categories(headResult), StringComparer.Ordinal))
        {
            static string Named(IReadOnlyList<string> categories) => categories.Count == 0 ? "none" : string.Join("+", categories);
            differences.Add($"categories {Named(baseDeclarations.Categories(baseResult))} in base, {Named(headDeclarations.Categories(headResult))} in head");
        }

        if (baseDeclarations.IsBaseline(baseResult) != headDeclarations.IsBaseline(headResult))
        {
            differences.Add("a baseline on one side only");
        }

        if (baseDeclarations.IsCanary(baseResult) != headDeclarations.IsCanary(headResult))
        {
            differences.Add("a canary on one side only");
        }

        return differences.Count == 0 ? null : "declared differently: " + string.Join("; ", differences);
    }

    private static List<BenchmarkResult> Job(BenchmarkRun run, string job, PairedRoundEntry round)
    {
        var results = run.Results.Where(r => r.Job == job).ToList();
        return results.Count > 0 ? results
            : throw new PublishException($"Round {round.Round}'s reports ('{run.SourceDirectory}') hold no job '{job}' that its manifest names (jobs there: {string.Join(", ", run.Results.Select(r => r.Job).Distinct().Order(StringComparer.Ordinal).Take(6))}). The round was interrupted or the manifest names the wrong run.");
    }
}
