namespace Proxus.Core.TagMaps;

/// <summary>A node of the small YAML tree the tag-map reader builds: scalars, mappings and sequences only.</summary>
internal abstract record YamlNode(int Line);

/// <summary>A scalar; <see cref="Value"/> is null for a plain null (empty, ~, null).</summary>
internal sealed record YamlScalar(int Line, string? Value) : YamlNode(Line);

/// <summary>A mapping with unique text keys, in document order.</summary>
internal sealed record YamlMapping(int Line, List<KeyValuePair<string, YamlNode>> Entries) : YamlNode(Line);

/// <summary>A sequence.</summary>
internal sealed record YamlSequence(int Line, List<YamlNode> Items) : YamlNode(Line);
