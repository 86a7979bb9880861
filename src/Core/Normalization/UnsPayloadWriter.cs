using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Proxus.Core.Normalization;

/// <summary>
/// Writes <see cref="UnsPayload"/> as compact UTF-8 JSON with <see cref="Utf8JsonWriter"/>: member
/// names are pre-encoded and timestamps are formatted on the stack, so a reused writer allocates
/// nothing per message apart from the caller's buffer growth.
/// </summary>
public static class UnsPayloadWriter
{
    internal const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    private static readonly JsonEncodedText ValueName = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText UnitName = JsonEncodedText.Encode("unit");
    private static readonly JsonEncodedText QualityName = JsonEncodedText.Encode("quality");
    private static readonly JsonEncodedText ReasonName = JsonEncodedText.Encode("reason");
    private static readonly JsonEncodedText TimestampName = JsonEncodedText.Encode("timestamp");
    private static readonly JsonEncodedText SourceName = JsonEncodedText.Encode("source");
    private static readonly JsonEncodedText SequenceName = JsonEncodedText.Encode("seq");
    private static readonly JsonEncodedText Good = JsonEncodedText.Encode("good");
    private static readonly JsonEncodedText Uncertain = JsonEncodedText.Encode("uncertain");
    private static readonly JsonEncodedText Bad = JsonEncodedText.Encode("bad");

    /// <summary>Writes one payload object to the writer (and flushes it).</summary>
    public static void Write(Utf8JsonWriter writer, in UnsPayload payload)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WritePropertyName(ValueName);
        WriteValue(writer, payload.Value);
        if (payload.Unit is not null)
        {
            writer.WriteString(UnitName, payload.Unit);
        }

        writer.WriteString(QualityName, payload.Quality.Level switch
        {
            QualityLevel.Good => Good,
            QualityLevel.Uncertain => Uncertain,
            _ => Bad,
        });
        if (payload.Quality.Reason is not null)
        {
            writer.WriteString(ReasonName, payload.Quality.Reason);
        }

        Span<byte> timestamp = stackalloc byte[32];
        payload.Timestamp.UtcDateTime.TryFormat(timestamp, out var written, TimestampFormat, CultureInfo.InvariantCulture);
        writer.WriteString(TimestampName, timestamp[..written]);
        writer.WriteString(SourceName, payload.Source);
        writer.WriteNumber(SequenceName, payload.Sequence);
        writer.WriteEndObject();
        writer.Flush();
    }

    /// <summary>Appends one payload to a buffer.</summary>
    public static void Write(IBufferWriter<byte> output, in UnsPayload payload)
    {
        using var writer = new Utf8JsonWriter(output);
        Write(writer, payload);
    }

    /// <summary>The payload as a new byte array.</summary>
    public static byte[] ToUtf8Bytes(in UnsPayload payload)
    {
        var buffer = new ArrayBufferWriter<byte>(160);
        Write(buffer, payload);
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteValue(Utf8JsonWriter writer, TagValue value)
    {
        switch (value.Kind)
        {
            case TagValueKind.Bool:
                writer.WriteBooleanValue(value.AsBool);
                break;
            case TagValueKind.Int64:
                writer.WriteNumberValue(value.AsInt64);
                break;
            case TagValueKind.UInt64:
                writer.WriteNumberValue(value.AsUInt64);
                break;
            case TagValueKind.Double when double.IsFinite(value.AsDouble):
                writer.WriteNumberValue(value.AsDouble);
                break;
            case TagValueKind.String:
                writer.WriteStringValue(value.AsString);
                break;
            case TagValueKind.DateTime:
                Span<byte> text = stackalloc byte[32];
                value.AsDateTime.TryFormat(text, out var written, TimestampFormat, CultureInfo.InvariantCulture);
                writer.WriteStringValue(text[..written]);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
