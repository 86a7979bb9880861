using Proxus.Core.TagMaps;

namespace Proxus.Server.Api.Contracts;

/// <summary>A tag in both versions whose fields differ: each differing field's text before and after (null: empty).</summary>
public sealed record TagChangeResponse(string Path, IReadOnlyList<FieldChange> Fields);
