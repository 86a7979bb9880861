namespace Proxus.Core.TagMaps;

/// <summary>One field of a tag that differs between two versions, as its tag-map text (null: empty).</summary>
public sealed record FieldChange(string Field, string? Before, string? After);
