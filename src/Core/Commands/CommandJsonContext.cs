using System.Text.Json.Serialization;
using Proxus.Core.Configuration;

namespace Proxus.Core.Commands;

/// <summary>
/// Source-generated canonical JSON of commands, with the rules of the signed configuration
/// (docs/signed-config.md): camelCase members in declaration order, enum names, instants in whole
/// UTC seconds, unknown, duplicate and missing members refused.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowDuplicateProperties = false,
    MaxDepth = 8,
    Converters = [typeof(UnsPathJsonConverter), typeof(UtcSecondsJsonConverter)])]
[JsonSerializable(typeof(WriteCommand))]
[JsonSerializable(typeof(CommandEnvelopeHeader))]
internal sealed partial class CommandJsonContext : JsonSerializerContext;
