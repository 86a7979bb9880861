using System.Text.Json;
using System.Text.Json.Serialization;

namespace Proxus.Core.Configuration;

/// <summary>A duration as a whole number of milliseconds.</summary>
internal sealed class MillisecondsJsonConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TryGetInt64(out var milliseconds) && milliseconds is >= 0 and <= int.MaxValue
            ? TimeSpan.FromMilliseconds(milliseconds)
            : throw new JsonException("a duration must be a whole number of milliseconds");

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value.Ticks / TimeSpan.TicksPerMillisecond);
}
