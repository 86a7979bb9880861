using System.Text.Json;

namespace Proxus.Core.Configuration;

/// <summary>
/// The canonical bytes of an agent configuration (docs/signed-config.md): UTF-8 JSON without
/// insignificant whitespace, members in schema order, null members left out, numbers in invariant
/// shortest round-trip form, non-ASCII escaped. Reading is strict and accepts only canonical bytes.
/// </summary>
public static class CanonicalConfigJson
{
    public static byte[] Serialize(AgentConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return JsonSerializer.SerializeToUtf8Bytes(configuration, ConfigJsonContext.Default.AgentConfiguration);
    }

    /// <summary>Reads canonical bytes; throws <see cref="FormatException"/> for anything else.</summary>
    public static AgentConfiguration Deserialize(ReadOnlySpan<byte> json)
    {
        AgentConfiguration? configuration;
        try
        {
            configuration = JsonSerializer.Deserialize(json, ConfigJsonContext.Default.AgentConfiguration);
        }
        catch (JsonException exception)
        {
            throw new FormatException("not an agent configuration: " + exception.Message, exception);
        }

        if (configuration is null)
        {
            throw new FormatException("not an agent configuration: null");
        }

        if (!IsSerializationOf(json, configuration))
        {
            throw new FormatException("the configuration is not in canonical form");
        }

        return configuration;
    }

    /// <summary>Whether <paramref name="json"/> is exactly what <see cref="Serialize"/> makes of <paramref name="configuration"/>, without making it.</summary>
    private static bool IsSerializationOf(ReadOnlySpan<byte> json, AgentConfiguration configuration)
    {
        var options = ConfigJsonContext.Default.Options;
        using var hashing = new HashingBufferWriter();
        using (var writer = new Utf8JsonWriter(hashing, new JsonWriterOptions { Encoder = options.Encoder, Indented = options.WriteIndented, MaxDepth = options.MaxDepth }))
        {
            JsonSerializer.Serialize(writer, configuration, ConfigJsonContext.Default.AgentConfiguration);
        }

        return hashing.WroteExactly(json);
    }

    internal static byte[] SerializeHeader(ConfigEnvelopeHeader header) =>
        JsonSerializer.SerializeToUtf8Bytes(header, ConfigJsonContext.Default.ConfigEnvelopeHeader);

    internal static ConfigEnvelopeHeader? DeserializeHeader(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, ConfigJsonContext.Default.ConfigEnvelopeHeader);
}
