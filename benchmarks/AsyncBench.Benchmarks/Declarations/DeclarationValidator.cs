using System.Reflection;
using AsyncBench.Benchmarks.Harness;
using AsyncBench.Benchmarks.Observing;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Validators;

namespace AsyncBench.Benchmarks.Declarations;

/// <summary>
/// Fails a run, before anything runs, whose case facts (<see cref="CaseFacts"/>) would silently go missing or be
/// wrong: a [Concurrency] naming a parameter or argument the case does not have, or a fixed one below 1; a floor
/// class (<see cref="IDeclaresFloor"/>) with a benchmark that declares no [Concurrency] or a class without the Count
/// its floor divides, or a floor that is not a finite wait of 0 or more with a bound of 1 or more; a [FixtureOnly]
/// on a property without [Params] or on a class that cannot target a real target (no <see cref="IDeclaresFloor"/>);
/// a [NightlyLaunches] below 1.
/// Without it each of these drops the Concurrency or FloorNs metric, or the quick profile's cut, without a word.
/// Every case the class declares is checked, not only those the filter kept (as <see cref="ClaimValidator"/> does).
/// </summary>
public sealed class DeclarationValidator : IValidator
{
    public static DeclarationValidator Instance { get; } = new();

    public bool TreatsWarningsAsErrors => true;

    public IEnumerable<ValidationError> Validate(ValidationParameters validationParameters) =>
        ClassValidation.Errors(validationParameters, Problems);

    /// <summary>What is wrong with <paramref name="type"/>'s declared facts, one sentence each; empty when nothing is.</summary>
    public static IEnumerable<string> Problems(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var cases = BenchmarkConverter.TypeToBenchmarks(type, ManualConfig.CreateEmpty()).BenchmarksCases;
        var declaresFloor = typeof(IDeclaresFloor).IsAssignableFrom(type) && !type.IsAbstract;
        var problems = new List<string>();

        foreach (var method in cases.Select(c => c.Descriptor.WorkloadMethod).Distinct())
        {
            var concurrency = method.GetCustomAttribute<ConcurrencyAttribute>(inherit: true);
            if (concurrency is null)
            {
                if (declaresFloor)
                {
                    problems.Add($"{method.Name} declares no [Concurrency], so its cases get no floor (the class declares one, {nameof(IDeclaresFloor)}); add [Concurrency(units)] or [Concurrency(nameof(parameter))].");
                }
            }
            else if (concurrency.Parameter is { } parameter)
            {
                var missing = cases.FirstOrDefault(c => c.Descriptor.WorkloadMethod == method && CaseFacts.ValueOf(c, parameter) is null);
                if (missing is not null)
                {
                    problems.Add($"{method.Name}'s [Concurrency(\"{parameter}\")] names no parameter or argument of its cases (they have: {string.Join(", ", missing.Parameters.Items.Select(p => p.Name))}).");
                }
            }
            else if (concurrency.Units < 1)
            {
                problems.Add($"{method.Name} declares [Concurrency({concurrency.Units})]; a strategy keeps at least 1 unit in flight.");
            }
        }

        if (declaresFloor)
        {
            if (cases.Length > 0 && cases.All(c => CaseFacts.ValueOf(c, CaseFacts.CountParameter) is null))
            {
                problems.Add($"it declares a floor ({nameof(IDeclaresFloor)}) but has no {CaseFacts.CountParameter} parameter to spread it over.");
            }

            foreach (var problem in cases.Select(FloorProblem).OfType<string>().Distinct())
            {
                problems.Add(problem);
            }
        }

        foreach (var property in type.GetProperties().Where(p => p.IsDefined(typeof(FixtureOnlyAttribute), inherit: true)))
        {
            if (!property.IsDefined(typeof(ParamsAttribute), inherit: true))
            {
                problems.Add($"[FixtureOnly] is on {property.Name}, which has no [Params]; it marks a parameter that only shapes the built-in fixture.");
            }

            if (!declaresFloor)
            {
                problems.Add($"[FixtureOnly] is on {property.Name}, but the class names no real target ({nameof(IDeclaresFloor)}.{nameof(IDeclaresFloor.RealTargetVariable)}), so it never applies.");
            }
        }

        if (NightlyLaunchesAttribute.Of(type) is < 1 and var launches)
        {
            problems.Add($"it declares [NightlyLaunches({launches})]; a night gives a class at least 1 launch.");
        }

        return problems;
    }

    private static string? FloorProblem(BenchmarkCase benchmark)
    {
        var floor = CaseFacts.FloorSource(benchmark)!.Floor(measuredTargetLatencyMs: null);
        var setting = string.Join("&", benchmark.Parameters.Items.Where(p => !p.IsArgument).Select(p => $"{p.Name}={p.ToDisplayText()}"));
        return !double.IsFinite(floor.UnitWaitMs) || floor.UnitWaitMs < 0
                ? $"its floor at {setting} waits {floor.UnitWaitMs} ms per unit; a wait is a finite number of 0 or more."
            : floor.TargetBound is < 1
                ? $"its floor at {setting} bounds the target at {floor.TargetBound} units; a bound is 1 or more (null when unbounded)."
            : null;
    }
}
