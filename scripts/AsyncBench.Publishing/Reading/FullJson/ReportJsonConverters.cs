using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AsyncBench.Publishing.Reading.FullJson;

/// <summary>How the full JSON is read: text where text is written (anything else reads as null), numbers as BenchmarkDotNet writes them.</summary>
public static class ReportJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new TextOrNull(), new ReportNumberConverter() },
    };

    /// <summary>
    /// How a report is written back (merge-passes): indented as BenchmarkDotNet writes it, a part the report did not
    /// have left out rather than written as null (a failed case's Statistics excepted, see <see cref="Benchmark.Statistics"/>).
    /// </summary>
    public static readonly JsonSerializerOptions Written = new(Options)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>Text, or null for a value of another kind (a number, an object, null).</summary>
public sealed class TextOrNull : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>
/// A number as BenchmarkDotNet writes it: a JSON number, or a string ("" and "NaN" for NaN, "Infinity" or "∞" and
/// their negatives, or a number in text); null when JSON null. Anything else is not a report (<see cref="NotANumberException"/>).
/// </summary>
public sealed class ReportNumberConverter : JsonConverter<double?>
{
    public override bool HandleNull => true;

    public override double? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.GetDouble();
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                var text = reader.GetString();
                return text switch
                {
                    "" or "NaN" => double.NaN,
                    "Infinity" or "∞" => double.PositiveInfinity,
                    "-Infinity" or "-∞" => double.NegativeInfinity,
                    _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
                    _ => throw new NotANumberException(JsonValueKind.String),
                };
            default:
                var kind = reader.TokenType switch
                {
                    JsonTokenType.StartObject => JsonValueKind.Object,
                    JsonTokenType.StartArray => JsonValueKind.Array,
                    JsonTokenType.True => JsonValueKind.True,
                    JsonTokenType.False => JsonValueKind.False,
                    _ => JsonValueKind.Undefined,
                };
                throw new NotANumberException(kind);
        }
    }

    /// <summary>A finite number as a JSON number; NaN as BenchmarkDotNet writes it, an empty string; infinities as text, as read above.</summary>
    public override void Write(Utf8JsonWriter writer, double? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case { } v when double.IsFinite(v):
                writer.WriteNumberValue(v);
                break;
            case { } v when double.IsNaN(v):
                writer.WriteStringValue(string.Empty);
                break;
            case { } v:
                writer.WriteStringValue(v > 0 ? "Infinity" : "-Infinity");
                break;
        }
    }
}

/// <summary>A number field holding something else; <see cref="JsonException.Path"/> names the field (System.Text.Json sets it).</summary>
public sealed class NotANumberException(JsonValueKind kind) : JsonException($"a {kind}, not a number")
{
    public JsonValueKind Kind { get; } = kind;

    /// <summary>The field's name, the last part of the path (e.g. <c>$.Benchmarks[0].Statistics.Median</c>).</summary>
    public string Field => Path is { } path ? path[(path.LastIndexOf('.') + 1)..] : "a number";
}

/// <summary>An object, or null for a value of another kind (BenchmarkDotNet writes a failed case's Statistics as null).</summary>
public sealed class ObjectOrNull<T> : JsonConverter<T?>
    where T : class
{
    public override bool HandleNull => true;

    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            return JsonSerializer.Deserialize<T>(ref reader, options);
        }

        reader.Skip();
        return null;
    }

    public override void Write(Utf8JsonWriter writer, T? value, JsonSerializerOptions options) => JsonSerializer.Serialize(writer, value, options);
}

/// <summary>A list, or null for a value of another kind; an item that is not an object reads as an empty one.</summary>
public sealed class ArrayOrEmpty<T> : JsonConverter<List<T>?>
    where T : class, new()
{
    public override bool HandleNull => true;

    public override List<T>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }

        var items = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                items.Add(JsonSerializer.Deserialize<T>(ref reader, options) ?? new T());
            }
            else
            {
                reader.Skip();
                items.Add(new T());
            }
        }

        return items;
    }

    public override void Write(Utf8JsonWriter writer, List<T>? value, JsonSerializerOptions options) => JsonSerializer.Serialize(writer, value, options);
}
