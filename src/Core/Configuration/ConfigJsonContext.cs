using System.Text.Json.Serialization;

namespace Proxus.Core.Configuration;

/// <summary>
/// Source-generated JSON for the signed configuration: camelCase members in declaration order,
/// enum names as strings, null members left out, unknown and duplicate members refused, required
/// and non-nullable members enforced.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowDuplicateProperties = false,
    MaxDepth = 16,
    Converters = [typeof(UnsPathJsonConverter), typeof(MillisecondsJsonConverter), typeof(UtcSecondsJsonConverter)])]
[JsonSerializable(typeof(AgentConfiguration))]
[JsonSerializable(typeof(ConfigEnvelopeHeader))]
internal sealed partial class ConfigJsonContext : JsonSerializerContext;
