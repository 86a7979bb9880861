namespace Proxus.Web.Services;

/// <summary>A tag as its tag-map fields (CSV columns, YAML keys) in text; fields without a value are absent.</summary>
public sealed record TagView(IReadOnlyDictionary<string, string> Fields)
{
    public string Path => Field("path") ?? string.Empty;

    /// <summary>The field's text, or null when the tag has no value for it.</summary>
    public string? Field(string name) => Fields.TryGetValue(name, out var value) ? value : null;
}
