using System.ComponentModel;
using AsyncBench.Benchmarks.Harness;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.ConsoleArguments;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Parameters;
using BenchmarkDotNet.Running;

namespace AsyncBench.Benchmarks.Running;

/// <summary>
/// <c>--params Name=value[,value...] ...</c>: the reviewer's own setting, run instead of the values a class declares with
/// [Params] (BenchmarkDotNet 0.15.8 has no such option). BenchmarkDotNet compiles a case's parameter values into the
/// program it generates for it, so the cases are built here: BenchmarkConverter's cases for the run's selection, each
/// given parameter's values replacing the declared ones (the other parameters keep theirs), then the run's filters (the
/// profile's cut included) applied to the cases as they will run. A name no selected class has, or a value its
/// parameter's type cannot hold, is one error line before BenchmarkDotNet starts. Given a Count, ParallelForEachAsync is
/// swept over its degree (1, 2, 4, ... up to the Count) unless maxDegreeOfParallelism is given too.
/// </summary>
/// <param name="Settings">Each given parameter and its values, in the order given.</param>
public sealed record ParamsOverride(IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Settings)
{
    public const string Option = "--params";

    private const string Form = $"write Name=value (several values comma-separated), e.g. {Option} Count=500 LatencyMs=20";

    /// <summary>Takes <see cref="Option"/> and its Name=value pairs out of <paramref name="args"/>; null when absent. False with the error line when a pair is not one.</summary>
    public static bool TryTake(string[] args, out ParamsOverride? parameters, out string[] rest, out string error)
    {
        parameters = null;
        error = string.Empty;
        var (pairs, given) = TakePairs(args, out rest);
        if (!given)
        {
            return true;
        }

        if (pairs.Count == 0)
        {
            error = $"{Option} needs at least one parameter: {Form}.";
            return false;
        }

        var settings = new List<KeyValuePair<string, IReadOnlyList<string>>>();
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals].Trim();
            var values = equals < 0 ? [] : pair[(equals + 1)..].Split(',', StringSplitOptions.TrimEntries);
            if (equals <= 0 || name.Length == 0 || values.Any(v => v.Length == 0))
            {
                error = $"{Option} '{pair}' is not a parameter and its value: {Form}.";
                return false;
            }

            if (settings.Any(s => string.Equals(s.Key, name, StringComparison.OrdinalIgnoreCase)))
            {
                error = $"{Option}: {name} is given twice; give each parameter once, its values comma-separated (e.g. Count=100,500).";
                return false;
            }

            settings.Add(new(name, values));
        }

        parameters = new ParamsOverride(settings);
        return true;
    }

    /// <summary>
    /// The values after each <see cref="Option"/> (or in <c>--params=Name=value</c>) up to the next option, as BenchmarkDotNet
    /// reads --filter's patterns, and every other token in order; whether the option was given at all.
    /// </summary>
    private static (List<string> Pairs, bool Given) TakePairs(string[] args, out string[] rest)
    {
        var pairs = new List<string>();
        var others = new List<string>();
        var given = false;
        var taking = false;
        foreach (var arg in args)
        {
            if (arg == Option || arg.StartsWith(Option + "=", StringComparison.Ordinal))
            {
                given = taking = true;
                if (arg.Length > Option.Length)
                {
                    pairs.Add(arg[(Option.Length + 1)..]);
                }

                continue;
            }

            taking &= !arg.StartsWith('-');
            (taking ? pairs : others).Add(arg);
        }

        rest = [.. others];
        return (pairs, given);
    }

    /// <summary>
    /// The run's cases at this setting: BenchmarkDotNet's options <paramref name="args"/> read into <paramref name="config"/>
    /// as BenchmarkSwitcher reads them, each of <paramref name="classes"/>' cases built, then <see cref="Apply"/>.
    /// </summary>
    public BenchmarkRunInfo[]? Plan(string[] args, IConfig config, IEnumerable<Type> classes, out string error)
    {
        ArgumentNullException.ThrowIfNull(classes);
        var (parsed, parsedConfig, _) = ConfigParser.Parse(args, NullLogger.Instance, config);
        if (!parsed)
        {
            error = $"BenchmarkDotNet could not read the other options ({string.Join(' ', args)}); run once without {Option} to see its message.";
            return null;
        }

        // As BenchmarkSwitcher does: the suite's config (profile job, cut, exporters) joined with what the options add.
        var effective = ManualConfig.Union(config, parsedConfig);
        return Apply([.. classes.Select(t => BenchmarkConverter.TypeToBenchmarks(t, effective))], out error);
    }

    /// <summary>
    /// The cases of <paramref name="runs"/> at this setting, the run's filters applied to them as they will run; null with
    /// the error line when a parameter is not one of the selected classes' or a value is outside its type.
    /// </summary>
    public BenchmarkRunInfo[]? Apply(IReadOnlyList<BenchmarkRunInfo> runs, out string error)
    {
        ArgumentNullException.ThrowIfNull(runs);
        error = string.Empty;
        var selected = runs.Where(r => r.BenchmarksCases.Length > 0).ToList();
        var definitions = selected.SelectMany(r => r.BenchmarksCases).SelectMany(c => c.Parameters.Items).Select(p => p.Definition).DistinctBy(d => (d.Name, d.ParameterType)).ToList();
        foreach (var (name, values) in Settings)
        {
            var matching = definitions.Where(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
            if (matching.Count == 0)
            {
                var classes = string.Join(", ", selected.Select(r => r.Type.Name));
                var known = string.Join(", ", definitions.Select(d => d.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
                error = selected.Count == 0
                    ? $"{Option} {name}=...: the run selects no benchmark to set it on; widen --filter."
                    : $"{Option} {name}=...: none of the selected classes ({classes}) has a parameter {name}; theirs are: {known}.";
                return null;
            }

            foreach (var definition in matching)
            {
                foreach (var value in values)
                {
                    if (!TryConvert(value, definition.ParameterType, out _))
                    {
                        error = $"{Option} {name}={value}: '{value}' is not a value of {definition.Name}'s type ({definition.ParameterType.Name}); give e.g. {definition.Name}={Example(definition)}.";
                        return null;
                    }
                }
            }
        }

        return [.. selected.Select(r => new BenchmarkRunInfo([.. Rebuild(r)], r.Type, r.Config))];
    }

    /// <summary>Each descriptor and job of <paramref name="run"/> once per combination of its other parameters, at the given values; the run's filters applied.</summary>
    private IEnumerable<BenchmarkCase> Rebuild(BenchmarkRunInfo run)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var benchmark in run.BenchmarksCases)
        {
            IEnumerable<ParameterInstance[]> combinations = [[]];
            foreach (var parameter in benchmark.Parameters.Items)
            {
                var given = Settings.FirstOrDefault(s => string.Equals(s.Key, parameter.Name, StringComparison.OrdinalIgnoreCase)).Value;
                combinations = combinations.SelectMany(c => Values(benchmark, parameter, given, c)
                    .Select(v => (ParameterInstance[])[.. c, v is null ? parameter : new ParameterInstance(parameter.Definition, v, run.Config.SummaryStyle)]));
            }

            foreach (var combination in combinations)
            {
                var rebuilt = BenchmarkCase.Create(benchmark.Descriptor, benchmark.Job, new ParameterInstances(combination), run.Config);
                if (seen.Add(rebuilt.DisplayInfo) && run.Config.GetFilters().All(f => f.Predicate(rebuilt)))
                {
                    yield return rebuilt;
                }
            }
        }
    }

    /// <summary>
    /// The values <paramref name="parameter"/> takes in the rebuilt cases (null: its declared instance): the given ones; for
    /// ParallelForEachAsync's degree, not given while the combination's Count was, the sweep up to that Count
    /// (<see cref="StrategyBenchmarks.DegreeSweep"/>); else the declared one.
    /// </summary>
    private IEnumerable<object?> Values(BenchmarkCase benchmark, ParameterInstance parameter, IReadOnlyList<string>? given, ParameterInstance[] combination)
    {
        if (given is not null)
        {
            return given.Select(v => Convert(v, parameter.Definition.ParameterType));
        }

        var sweeps = parameter.IsArgument
            && benchmark.Descriptor.WorkloadMethod.Name == nameof(StrategyBenchmarks.ParallelForEachAsync)
            && typeof(StrategyBenchmarks).IsAssignableFrom(benchmark.Descriptor.Type)
            && Settings.Any(s => s.Key.Equals(nameof(StrategyBenchmarks.Count), StringComparison.OrdinalIgnoreCase));
        return sweeps && combination.FirstOrDefault(p => p.Name == nameof(StrategyBenchmarks.Count))?.Value is int count
            ? StrategyBenchmarks.DegreeSweep(count).Cast<object?>()
            : [null];
    }

    private static object Convert(string text, Type type) =>
        TryConvert(text, type, out var value) ? value! : throw new InvalidOperationException($"'{text}' was checked as a {type.Name}.");

    private static bool TryConvert(string text, Type type, out object? value)
    {
        try
        {
            value = TypeDescriptor.GetConverter(type).ConvertFromInvariantString(text);
            return value is not null;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException or NotSupportedException)
        {
            value = null;
            return false;
        }
    }

    private static string Example(ParameterDefinition definition) =>
        definition.Values.FirstOrDefault() is IFormattable formattable ? formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture) : definition.Values.FirstOrDefault()?.ToString() ?? "...";
}
