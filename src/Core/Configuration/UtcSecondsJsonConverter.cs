using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Proxus.Core.Configuration;

/// <summary>An instant as <c>yyyy-MM-ddTHH:mm:ssZ</c> (UTC, whole seconds); nothing else is read.</summary>
internal sealed class UtcSecondsJsonConverter : JsonConverter<DateTimeOffset>
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.TryParseExact(reader.GetString(), Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : throw new JsonException("an instant must look like 2026-11-21T10:00:00Z");

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));
}
