using System.Text.Json;
using System.Text.Json.Serialization;
using Proxus.Core.Uns;

namespace Proxus.Core.Configuration;

/// <summary>A UNS path as its text; an invalid path is a JSON error.</summary>
internal sealed class UnsPathJsonConverter : JsonConverter<UnsPath>
{
    public override UnsPath Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        UnsPath.TryParse(reader.GetString(), out var path, out var error) ? path : throw new JsonException("invalid UNS path: " + error.Message);

    public override void Write(Utf8JsonWriter writer, UnsPath value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}
