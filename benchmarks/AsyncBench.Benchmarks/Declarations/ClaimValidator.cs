using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Observing;
using AsyncBench.Protocol;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Validators;

namespace AsyncBench.Benchmarks.Declarations;

/// <summary>
/// Fails a run, before anything runs, whose <see cref="ClaimAttribute"/> would make a verdict "not measured" or
/// meaningless: a side (method and arguments), a premise or a setting ([Params] names and values) that the class does
/// not run, a metric id nobody emits, malformed bands, a side without plain words; and a comparison (the same sides and
/// measure) that carries other bands in another class, which would answer one question two ways (<see cref="Disagreements"/>).
/// Sides and settings are checked against every case the class declares (not only those the filter kept), as
/// BenchmarkDotNet expands them, and the comparisons against every class of the suite.
/// </summary>
public sealed partial class ClaimValidator : IValidator
{
    public static ClaimValidator Instance { get; } = new();

    public bool TreatsWarningsAsErrors => true;

    public IEnumerable<ValidationError> Validate(ValidationParameters validationParameters)
    {
        ArgumentNullException.ThrowIfNull(validationParameters);
        var suites = validationParameters.Benchmarks.Select(b => b.Descriptor.Type.Assembly).Distinct();
        return ClassValidation.Errors(validationParameters, Problems)
            .Concat(suites.SelectMany(a => Disagreements(a.GetTypes())).Select(problem => new ValidationError(true, problem)));
    }

    /// <summary>
    /// One line per comparison (the same measure of the same sides, or the same count of the same side) whose bands or
    /// premise differ between two classes of <paramref name="types"/>, naming both: the same question must answer the
    /// same way wherever it is asked; what a rule predicts of a target is its <see cref="ClaimAttribute.HoldsIf"/>.
    /// The same two sides the other way round (B ÷ A against A ÷ B) are the same comparison: their bands must mirror
    /// (1.1 becomes 1/1.1, a difference's 100 becomes -100, the answers in reverse order), else one value answers two ways.
    /// </summary>
    public static IEnumerable<string> Disagreements(IEnumerable<Type> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        var claims = types.Where(t => t is { IsClass: true, IsAbstract: false })
            .SelectMany(t => ClaimAttribute.Of(t).Select(c => (Type: t, Claim: c, Canonical: Canonical(c))))
            .GroupBy(c => c.Canonical.Comparison, StringComparer.Ordinal);
        foreach (var comparison in claims)
        {
            var first = comparison.First();
            if (comparison.FirstOrDefault(c => Bands(c.Canonical) != Bands(first.Canonical)) is { Type: not null } other)
            {
                var reversed = other.Claim.Comparison != first.Claim.Comparison ? $", read the other way round as {other.Claim.Comparison}" : string.Empty;
                yield return $"the comparison {first.Claim.Comparison} answers differently in {first.Type.FullName} (rule {first.Claim.Rule} {first.Claim.Id}: {Bands(first.Claim)}) " +
                    $"and in {other.Type.FullName} (rule {other.Claim.Rule} {other.Claim.Id}{reversed}: {Bands(other.Claim)}); give both the same question, bands and premise, " +
                    $"and say with {nameof(ClaimAttribute.HoldsIf)} where the rule predicts \"no\".";
            }
        }
    }

    /// <summary>
    /// The claim with its two sides in ordinal order: as declared, or (Versus before Side) swapped with its bands mirrored,
    /// so A ÷ B and B ÷ A are compared as one comparison.
    /// </summary>
    private static ClaimAttribute Canonical(ClaimAttribute claim)
    {
        if (claim.Measure is not (ClaimMeasure.Ratio or ClaimMeasure.Difference) || claim.Versus is null
            || string.CompareOrdinal(claim.Side, claim.Versus) <= 0)
        {
            return claim;
        }

        Func<double, double> mirror = claim.Measure == ClaimMeasure.Ratio ? t => 1 / t : t => -t;
        return new ClaimAttribute(claim.Rule, claim.Id, claim.Measure, claim.Versus, claim.Side)
        {
            Thresholds = [.. claim.Thresholds.Reverse().Select(mirror)],
            Answers = [.. claim.Answers.Reverse()],
            PremiseSide = claim.PremiseSide,
            PremiseMetric = claim.PremiseMetric,
            PremiseAtLeast = claim.PremiseAtLeast,
            WithoutPremise = claim.WithoutPremise,
        };
    }

    /// <summary>"&lt; 1.1: No · ≥ 1.1: Yes; premise: WhenAll AsyncBench.Units.PeakInFlight ≥ 2, else No".</summary>
    private static string Bands(ClaimAttribute claim)
    {
        // Nine digits, so a mirrored 1 / (1 / 1.1) reads as the declared 1.1: bands are declared to a few digits.
        var cuts = claim.Thresholds.Select(t => t.ToString("G9", CultureInfo.InvariantCulture)).ToList();
        var bands = string.Join(" · ", claim.Answers.Select((a, i) => $"{(i == 0 ? "< " + cuts.FirstOrDefault() : "≥ " + cuts[i - 1])}: {a}"));
        return claim.PremiseSide is null ? bands
            : $"{bands}; premise: {claim.PremiseSide} {claim.PremiseMetric} ≥ {claim.PremiseAtLeast.ToString(CultureInfo.InvariantCulture)}, else {claim.WithoutPremise}";
    }

    /// <summary>What is wrong with <paramref name="type"/>'s claims, one sentence each; empty when nothing is.</summary>
    public static IEnumerable<string> Problems(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        foreach (var set in type.GetCustomAttributes<ClaimsFromAttribute>(inherit: false).SelectMany(from => from.Sets))
        {
            var ofSet = set.GetCustomAttributes<ClaimAttribute>(inherit: false).ToList();
            if (ofSet.Count == 0)
            {
                yield return $"[ClaimsFrom(typeof({set.Name}))] names a type with no [Claim]s.";
            }

            foreach (var own in ofSet.Where(c => c.Setting.Length > 0))
            {
                yield return $"claim {own.Rule}/{own.Id} of the set {set.Name} names the setting '{own.Setting}'; a set's claims are read at the setting each class gives in [ClaimsFrom(..., Setting = ...)].";
            }
        }

        var claims = ClaimAttribute.Of(type);
        if (claims.Count == 0)
        {
            yield break;
        }

        if (type.GetCustomAttribute<ClaimTargetAttribute>(inherit: false) is null)
        {
            yield return "it declares claims but no [ClaimTarget(...)] saying what it measures (for the verdicts' scope).";
        }

        var cases = Cases(type);
        var stated = type.Assembly.GetCustomAttributes<RuleAttribute>().Select(r => r.Number).ToHashSet();

        foreach (var duplicate in claims.GroupBy(c => (c.Rule, c.Id)).Where(g => g.Count() > 1))
        {
            yield return $"rule {duplicate.Key.Rule} declares the claim '{duplicate.Key.Id}' {duplicate.Count()} times; ids are unique per class and rule.";
        }

        foreach (var claim in claims)
        {
            foreach (var problem in Problems(type, claim, cases, stated))
            {
                yield return $"claim {claim.Rule}/{claim.Id}: {problem}";
            }
        }
    }

    private static IEnumerable<string> Problems(Type type, ClaimAttribute claim, IReadOnlyList<Case> cases, IReadOnlySet<int> statedRules)
    {
        if (!statedRules.Contains(claim.Rule))
        {
            yield return $"rule {claim.Rule} is not stated by an assembly [Rule(...)].";
        }

        if (!KebabCase().IsMatch(claim.Id))
        {
            yield return $"the id '{claim.Id}' is not kebab-case (lower-case words joined by '-').";
        }

        if (string.IsNullOrWhiteSpace(claim.Question))
        {
            yield return "it has no Question.";
        }

        if (SettingProblem(claim.Setting, cases) is { } setting)
        {
            yield return setting;
        }
        else
        {
            if (SideProblem("side", claim.Side, claim.Setting, cases) is { } side)
            {
                yield return side;
            }

            if (claim.Measure is ClaimMeasure.Ratio or ClaimMeasure.Difference && SideProblem("versus side", claim.Versus, claim.Setting, cases) is { } versus)
            {
                yield return versus;
            }

            if (claim.PremiseSide is { } premise && SideProblem("premise side", premise, claim.Setting, cases) is { } premiseSide)
            {
                yield return premiseSide;
            }
        }

        foreach (var words in WordProblems(type, claim))
        {
            yield return words;
        }

        foreach (var premise in PremiseProblems(claim))
        {
            yield return premise;
        }

        if (claim.Measure == ClaimMeasure.Metric)
        {
            if (!IsKnownMetric(claim.MetricId))
            {
                yield return $"the metric '{claim.MetricId}' is not one the suite emits (one a type of the suite declares, IDeclaresMetrics, or one of BenchmarkDotNet's: {MetricIds.CompletedWorkItems}, {MetricIds.AllocatedBytes}).";
            }

            if (claim.PerUnit && !cases.Any(c => c.Parameters.ContainsKey(CaseFacts.CountParameter)))
            {
                yield return "it is PerUnit, but the class has no Count parameter to divide by.";
            }
        }
        else if (claim.Measure == ClaimMeasure.OverFloor)
        {
            if (claim.Versus is not null)
            {
                yield return "it is read over its side's own floor and names a versus side too.";
            }

            if (!typeof(IDeclaresFloor).IsAssignableFrom(type))
            {
                yield return $"it is read over its side's floor, but the class declares none ({nameof(IDeclaresFloor)}).";
            }
        }
        else if (claim.Side == claim.Versus)
        {
            yield return $"it compares '{claim.Side}' with itself.";
        }

        foreach (var unknown in claim.Mechanism.Where(id => !IsKnownMetric(id)))
        {
            yield return $"the mechanism metric '{unknown}' is not one the suite emits.";
        }

        foreach (var band in BandProblems(claim))
        {
            yield return band;
        }
    }

    private static IEnumerable<string> BandProblems(ClaimAttribute claim)
    {
        var thresholds = claim.Thresholds;
        if (thresholds.Length == 0)
        {
            yield return "it has no Thresholds, so it has one band and can come out only one way.";
        }

        if (thresholds.Any(t => !double.IsFinite(t)))
        {
            yield return "its Thresholds must be finite numbers.";
        }

        for (var i = 1; i < thresholds.Length; i++)
        {
            if (!(thresholds[i] > thresholds[i - 1]))
            {
                yield return $"its Thresholds are not strictly ascending ({string.Join(", ", thresholds.Select(t => t.ToString(CultureInfo.InvariantCulture)))}).";
                break;
            }
        }

        if (claim.Measure is ClaimMeasure.Ratio or ClaimMeasure.OverFloor && thresholds.Any(t => t <= 0))
        {
            yield return "a ratio's Thresholds must be above 0.";
        }

        if (claim.Answers.Length != thresholds.Length + 1)
        {
            yield return $"it declares {claim.Answers.Length} Answers for {thresholds.Length} Thresholds; one per band ({thresholds.Length + 1}) is needed.";
        }

        foreach (var answer in claim.Answers.Where(a => !Enum.IsDefined(a)).Distinct())
        {
            yield return $"the answer {(int)answer} is not Yes or No.";
        }

        if (!claim.Answers.Contains(Answer.Yes) || !claim.Answers.Contains(Answer.No))
        {
            yield return "its Answers must include both Yes and No, so the claim can come out either way.";
        }
    }

    /// <summary>A premise belongs to a time claim, counts a metric the suite emits on one of its sides, and has a finite bound.</summary>
    private static IEnumerable<string> PremiseProblems(ClaimAttribute claim)
    {
        if (claim.PremiseSide is null && claim.PremiseMetric is null)
        {
            yield break;
        }

        if (claim.Measure == ClaimMeasure.OverFloor)
        {
            yield return "it is read over its side's floor and declares a premise; only a time claim of two sides has one.";
        }

        if (claim.Measure == ClaimMeasure.Metric)
        {
            yield return "it is a count and declares a premise; a count decides by itself (only a time claim has a premise).";
        }

        if (claim.PremiseSide is null || claim.PremiseMetric is null || !double.IsFinite(claim.PremiseAtLeast))
        {
            yield return "its premise needs PremiseSide, PremiseMetric and a finite PremiseAtLeast.";
        }
        else
        {
            if (claim.PremiseSide != claim.Side && claim.PremiseSide != claim.Versus)
            {
                yield return $"its premise is counted on '{claim.PremiseSide}', which is not one of its sides.";
            }

            if (!IsKnownMetric(claim.PremiseMetric))
            {
                yield return $"the premise metric '{claim.PremiseMetric}' is not one the suite emits.";
            }
        }
    }

    /// <summary>Each side an answer names has plain words: its method's [InWords] or the claim's own.</summary>
    private static IEnumerable<string> WordProblems(Type type, ClaimAttribute claim)
    {
        foreach (var (role, side, own) in new[] { ("side", claim.Side, claim.SideWords), ("versus side", claim.Versus, claim.VersusWords), ("premise side", claim.PremiseSide, null) })
        {
            if (side is not null && string.IsNullOrWhiteSpace(own ?? InWordsAttribute.Of(type, side)))
            {
                yield return $"the {role} '{side}' has no plain words for the answers; give its method [InWords(\"...\")] or the claim {(role == "versus side" ? nameof(ClaimAttribute.VersusWords) : nameof(ClaimAttribute.SideWords))}.";
            }
        }
    }

    /// <summary>Every case <paramref name="type"/> declares, as BenchmarkDotNet expands them: its method, [Params] and arguments.</summary>
    internal static IReadOnlyList<Case> Cases(Type type) =>
        [.. BenchmarkConverter.TypeToBenchmarks(type, ManualConfig.CreateEmpty()).BenchmarksCases
            .Select(c => new Case(c.Descriptor.WorkloadMethod.Name, c.Parameters.Items.Where(p => !p.IsArgument).ToDictionary(p => p.Name, p => p.ToDisplayText()), c.Parameters.Items.Where(p => p.IsArgument).ToDictionary(p => p.Name, p => p.ToDisplayText())))];

    /// <summary>Null when <paramref name="setting"/> names every [Params] of <paramref name="cases"/> once, at values the class runs together; else what is wrong.</summary>
    internal static string? SettingProblem(string setting, IReadOnlyList<Case> cases)
    {
        if (!TryParsePairs(setting, '&', out var named))
        {
            return $"the setting '{setting}' is not Name=Value pairs joined by '&'.";
        }

        var names = cases.SelectMany(c => c.Parameters.Keys).ToHashSet(StringComparer.Ordinal);
        if (named.Keys.FirstOrDefault(n => !names.Contains(n)) is { } unknown)
        {
            return $"the setting names '{unknown}', which is not a [Params] of the class (it has: {string.Join(", ", names.Order(StringComparer.Ordinal))}).";
        }

        if (names.FirstOrDefault(n => !named.ContainsKey(n)) is { } missing)
        {
            return $"the setting '{setting}' does not name the [Params] '{missing}'; a setting is one case of the [Params], so name every one.";
        }

        if (!cases.Any(c => SameValues(c.Parameters, named)))
        {
            var values = named.Select(p => $"{p.Key}: {string.Join(", ", cases.Select(c => c.Parameters[p.Key]).Distinct())}");
            return $"the class runs no case at '{setting}' (its values: {string.Join("; ", values)}).";
        }

        return null;
    }

    private static string? SideProblem(string role, string? side, string setting, IReadOnlyList<Case> cases)
    {
        if (string.IsNullOrWhiteSpace(side))
        {
            return $"it names no {role}.";
        }

        if (!TryParseSide(side, out var method, out var arguments))
        {
            return $"the {role} '{side}' is not Method or Method(argument=value, ...).";
        }

        var ofMethod = cases.Where(c => c.Method == method).ToList();
        if (ofMethod.Count == 0)
        {
            return $"the {role} '{method}' is not a benchmark of the class (they are: {string.Join(", ", cases.Select(c => c.Method).Distinct())}).";
        }

        _ = TryParsePairs(setting, '&', out var named);
        if (!ofMethod.Any(c => SameValues(c.Arguments, arguments) && SameValues(c.Parameters, named)))
        {
            var runs = ofMethod.Where(c => SameValues(c.Parameters, named)).Select(c => c.Arguments.Count == 0 ? method : $"{method}({string.Join(", ", c.Arguments.Select(a => $"{a.Key}={a.Value}"))})").Distinct().ToList();
            return $"the {role} '{side}' is not a case the class runs at '{setting}' ({(runs.Count == 0 ? "none there" : "it runs " + string.Join(", ", runs))}).";
        }

        return null;
    }

    /// <summary>A side, "Method" or "Method(argument=value, ...)": its method and arguments; false when it is neither.</summary>
    internal static bool TryParseSide(string side, out string method, out Dictionary<string, string> arguments)
    {
        var open = side.IndexOf('(', StringComparison.Ordinal);
        method = open < 0 ? side : side[..open];
        arguments = new Dictionary<string, string>(StringComparer.Ordinal);
        return open < 0 || (side.EndsWith(')') && TryParsePairs(side[(open + 1)..^1].Replace(", ", "&", StringComparison.Ordinal), '&', out arguments));
    }

    private static bool IsKnownMetric(string? id) =>
        id is not null && (ObservedMetric.All.ContainsKey(id) || id is MetricIds.CompletedWorkItems or MetricIds.AllocatedBytes);

    internal static bool SameValues(IReadOnlyDictionary<string, string> actual, IReadOnlyDictionary<string, string> declared) =>
        actual.Count == declared.Count && actual.All(p => declared.TryGetValue(p.Key, out var value) && value == p.Value);

    internal static bool TryParsePairs(string text, char separator, out Dictionary<string, string> pairs)
    {
        pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in text.Split(separator, StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2 || pair[0].Length == 0 || !pairs.TryAdd(pair[0], pair[1]))
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();

    internal sealed record Case(string Method, Dictionary<string, string> Parameters, Dictionary<string, string> Arguments);
}
