using System.Text.Json;
using Proxus.Server.Data;

namespace Proxus.Server.Telemetry;

/// <summary>
/// Parses the UNS JSON payload <c>{"value", "unit", "quality", "timestamp", "source", "seq"}</c>.
/// <c>value</c> is a number, a boolean, a string or null; <c>timestamp</c> is ISO 8601 with an
/// explicit offset and required (it is half of the row's identity); <c>quality</c> defaults to
/// good; unknown members are ignored. Never throws on bad input: it returns false and a reason.
/// </summary>
internal static class TelemetryPayloadParser
{
    /// <summary>The longest unit stored (<c>telemetry_tags.unit</c>).</summary>
    public const int MaxUnitLength = 64;

    /// <summary>The longest source address stored (<c>telemetry_tags.source</c>).</summary>
    public const int MaxSourceLength = 256;

    /// <summary>Distinct units and sources kept shared (<see cref="StringPool"/>); beyond it they are allocated per value.</summary>
    public const int SharedStringCapacity = 4096;

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 8, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>Units and sources: a handful of distinct strings repeated in every value of a tag.</summary>
    private static readonly StringPool SharedStrings = new(SharedStringCapacity);

    public static bool TryParse(IngestMessage message, DateTimeOffset serverTime, TelemetryOptions limits, out TelemetryPoint? point, out string error)
    {
        point = null;
        if (!UnsTopic.IsValid(message.Topic))
        {
            error = "the topic is not a valid UNS path";
            return false;
        }

        if (message.Payload.Length > limits.MaxPayloadBytes)
        {
            error = "the payload is larger than Telemetry:MaxPayloadBytes";
            return false;
        }

        try
        {
            return TryRead(message.Topic, message.Payload.Span, serverTime, limits, out point, out error);
        }
        catch (JsonException)
        {
            error = "the payload is not valid JSON";
            return false;
        }
        catch (InvalidOperationException)
        {
            // Utf8JsonReader's accessors throw this for a token of an unexpected shape.
            error = "a member has a value of the wrong type";
            return false;
        }
    }

    private static bool TryRead(string topic, ReadOnlySpan<byte> payload, DateTimeOffset serverTime, TelemetryOptions limits, out TelemetryPoint? point, out string error)
    {
        point = null;
        var reader = new Utf8JsonReader(payload, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            error = "the payload is not a JSON object";
            return false;
        }

        double? number = null;
        bool? boolean = null;
        string? text = null;
        string? unit = null;
        string? source = null;
        long? sequence = null;
        DateTimeOffset? timestamp = null;
        var quality = TelemetryQuality.Good;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            if (reader.ValueIsEscaped)
            {
                name = System.Text.Encoding.UTF8.GetBytes(reader.GetString()!);
            }

            reader.Read();
            if (name.SequenceEqual("value"u8))
            {
                (number, boolean, text) = (null, null, null);
                switch (reader.TokenType)
                {
                    case JsonTokenType.Number:
                        if (!reader.TryGetDouble(out var parsedNumber) || !double.IsFinite(parsedNumber))
                        {
                            error = "value is not a finite number";
                            return false;
                        }

                        number = parsedNumber;
                        break;
                    case JsonTokenType.True or JsonTokenType.False:
                        boolean = reader.GetBoolean();
                        break;
                    case JsonTokenType.String:
                        if (!TryGetBoundedString(ref reader, limits.MaxTextLength, out text))
                        {
                            error = "value is a string longer than Telemetry:MaxTextLength";
                            return false;
                        }

                        break;
                    case JsonTokenType.Null:
                        break;
                    default:
                        error = "value is not a number, boolean, string or null";
                        return false;
                }
            }
            else if (name.SequenceEqual("timestamp"u8))
            {
                if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || !HasExplicitOffset(reader.ValueSpan) || !reader.TryGetDateTimeOffset(out var parsed))
                {
                    error = "timestamp is not an ISO 8601 instant with an offset";
                    return false;
                }

                timestamp = Timestamps.Truncate(parsed);
            }
            else if (name.SequenceEqual("quality"u8))
            {
                if (reader.TokenType != JsonTokenType.String || !TelemetryQualityNames.TryParse(reader.ValueSpan, out quality))
                {
                    error = "quality is not good, uncertain or bad";
                    return false;
                }
            }
            else if (name.SequenceEqual("unit"u8))
            {
                if (!TryGetOptionalString(ref reader, MaxUnitLength, out unit))
                {
                    error = "unit is not a string of at most 64 characters";
                    return false;
                }
            }
            else if (name.SequenceEqual("source"u8))
            {
                if (!TryGetOptionalString(ref reader, MaxSourceLength, out source))
                {
                    error = "source is not a string of at most 256 characters";
                    return false;
                }
            }
            else if (name.SequenceEqual("seq"u8))
            {
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var seq) || seq < 0)
                {
                    error = "seq is not a non-negative integer";
                    return false;
                }

                sequence = seq;
            }
            else
            {
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            error = "the payload is not a single JSON object";
            return false;
        }

        if (timestamp is null)
        {
            error = "timestamp is missing";
            return false;
        }

        if (timestamp.Value > serverTime + limits.MaxFutureSkew)
        {
            error = "timestamp is further in the future than Telemetry:MaxFutureSkew";
            return false;
        }

        point = new TelemetryPoint(topic, timestamp.Value, Timestamps.Truncate(serverTime), number, boolean, text, quality, unit, source, sequence);
        error = string.Empty;
        return true;
    }

    /// <summary>A null, or a string of at most <paramref name="maxLength"/> characters taken from <see cref="SharedStrings"/>.</summary>
    private static bool TryGetOptionalString(ref Utf8JsonReader reader, int maxLength, out string? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        // Unescaped, a string has at most as many characters as its UTF-8 bytes: the cheap bound first.
        var bytes = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (reader.TokenType != JsonTokenType.String || bytes > (long)maxLength * 6)
        {
            return false;
        }

        Span<char> characters = stackalloc char[(int)bytes];
        var length = reader.CopyString(characters);
        if (length > maxLength)
        {
            return false;
        }

        value = SharedStrings.Get(characters[..length]);
        return true;
    }

    private static bool TryGetBoundedString(ref Utf8JsonReader reader, int maxLength, out string? value)
    {
        // The UTF-8 length bounds the character count from above; check the cheap bound first.
        value = null;
        var bytes = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (bytes > (long)maxLength * 6)
        {
            return false;
        }

        value = reader.GetString()!;
        return value.Length <= maxLength;
    }

    /// <summary>True when an ISO 8601 text ends in <c>Z</c> or <c>±hh:mm</c>: a local time is ambiguous.</summary>
    private static bool HasExplicitOffset(ReadOnlySpan<byte> text)
        => text.Length > 6 && (text[^1] is (byte)'Z' or (byte)'z' || (text[^6] is (byte)'+' or (byte)'-' && text[^3] == (byte)':'));
}
