using System.Text.Json.Serialization;

namespace Proxus.Core.Status;

/// <summary>
/// Source-generated JSON for <see cref="AgentStatusReport"/>: camelCase members, enums by
/// their declared names (as in the signed configuration), null members left out, unknown and duplicate members refused.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowDuplicateProperties = false,
    MaxDepth = 8)]
[JsonSerializable(typeof(AgentStatusReport))]
internal sealed partial class AgentStatusJsonContext : JsonSerializerContext;
