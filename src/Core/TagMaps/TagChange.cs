using Proxus.Core.Model;

namespace Proxus.Core.TagMaps;

/// <summary>A tag present in both versions whose fields differ.</summary>
public sealed record TagChange(Tag Before, Tag After, IReadOnlyList<FieldChange> Fields);
