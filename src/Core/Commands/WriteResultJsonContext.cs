using System.Text.Json.Serialization;

namespace Proxus.Core.Commands;

/// <summary>Source-generated JSON of results: camelCase, enum names, null members written as null, strict reading.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowDuplicateProperties = false,
    MaxDepth = 4)]
[JsonSerializable(typeof(WriteResult))]
internal sealed partial class WriteResultJsonContext : JsonSerializerContext;
