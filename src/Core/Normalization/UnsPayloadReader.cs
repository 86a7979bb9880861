using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace Proxus.Core.Normalization;

/// <summary>
/// Strict reader of the UNS JSON payload for consumers and tests: one flat object, known members
/// only, each at most once; <c>value</c>, <c>quality</c>, <c>timestamp</c>, <c>source</c> and
/// <c>seq</c> required. A date-time value reads back as a string (JSON has no date type).
/// </summary>
public static class UnsPayloadReader
{
    /// <summary>Payloads larger than this are refused before parsing.</summary>
    public const int MaxPayloadBytes = 64 * 1024;

    public static bool TryRead(ReadOnlySpan<byte> json, out UnsPayload payload, [NotNullWhen(false)] out string? error)
    {
        payload = default;
        if (json.Length > MaxPayloadBytes)
        {
            error = $"the payload is {json.Length} bytes; the limit is {MaxPayloadBytes}";
            return false;
        }

        try
        {
            return TryReadCore(json, out payload, out error);
        }
        catch (JsonException exception)
        {
            error = "malformed JSON: " + exception.Message;
            return false;
        }
    }

    /// <summary>Reads a payload or throws <see cref="FormatException"/>.</summary>
    public static UnsPayload Read(ReadOnlySpan<byte> json) =>
        TryRead(json, out var payload, out var error) ? payload : throw new FormatException(error);

    private static bool TryReadCore(ReadOnlySpan<byte> json, out UnsPayload payload, [NotNullWhen(false)] out string? error)
    {
        payload = default;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 2 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            error = "the payload is not a JSON object";
            return false;
        }

        var value = TagValue.None;
        string? unit = null, quality = null, reason = null, source = null;
        DateTimeOffset? timestamp = null;
        long? sequence = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var hasValue = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            if (!seen.Add(name))
            {
                error = $"member '{name}' appears twice";
                return false;
            }

            reader.Read();
            switch (name)
            {
                case "value":
                    hasValue = TryReadValue(ref reader, out value);
                    if (!hasValue)
                    {
                        error = "member 'value' must be a number, a boolean, a string or null";
                        return false;
                    }

                    break;
                case "unit":
                    unit = ReadString(ref reader, name);
                    break;
                case "quality":
                    quality = ReadString(ref reader, name);
                    break;
                case "reason":
                    reason = ReadString(ref reader, name);
                    break;
                case "source":
                    source = ReadString(ref reader, name);
                    break;
                case "timestamp":
                    var text = ReadString(ref reader, name);
                    if (!DateTimeOffset.TryParseExact(text, UnsPayloadWriter.TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
                    {
                        error = $"member 'timestamp' ('{text}') is not a UTC time like 2026-11-21T10:00:00.123Z";
                        return false;
                    }

                    timestamp = parsed;
                    break;
                case "seq":
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var number) || number < 0)
                    {
                        error = "member 'seq' must be a non-negative integer";
                        return false;
                    }

                    sequence = number;
                    break;
                default:
                    error = $"unknown member '{name}'";
                    return false;
            }
        }

        // The reader throws on anything after the object.
        reader.Read();

        var level = quality switch
        {
            "good" => QualityLevel.Good,
            "uncertain" => QualityLevel.Uncertain,
            "bad" => QualityLevel.Bad,
            _ => (QualityLevel?)null,
        };
        error = !hasValue ? "member 'value' is missing"
            : quality is null ? "member 'quality' is missing"
            : level is null ? $"member 'quality' ('{quality}') must be good, uncertain or bad"
            : timestamp is null ? "member 'timestamp' is missing"
            : source is null ? "member 'source' is missing"
            : sequence is null ? "member 'seq' is missing"
            : null;
        if (error is not null)
        {
            return false;
        }

        payload = new(value, unit, new Quality(level!.Value, reason), timestamp!.Value, source!, sequence!.Value);
        return true;
    }

    private static bool TryReadValue(ref Utf8JsonReader reader, out TagValue value)
    {
        value = reader.TokenType switch
        {
            JsonTokenType.True => TagValue.FromBool(true),
            JsonTokenType.False => TagValue.FromBool(false),
            JsonTokenType.String => TagValue.FromString(reader.GetString()!),
            JsonTokenType.Number when reader.TryGetInt64(out var signed) => TagValue.FromInt64(signed),
            JsonTokenType.Number when reader.TryGetUInt64(out var unsigned) => TagValue.FromUInt64(unsigned),
            JsonTokenType.Number => TagValue.FromDouble(reader.GetDouble()),
            _ => TagValue.None,
        };
        return value.Kind != TagValueKind.None || reader.TokenType == JsonTokenType.Null;
    }

    private static string ReadString(ref Utf8JsonReader reader, string name) =>
        reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException($"member '{name}' must be a string");
}
