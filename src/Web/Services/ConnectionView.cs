namespace Proxus.Web.Services;

/// <summary>A device connection of a tag map: its settings as YAML keys and text, poll groups as <c>name=interval ms</c>.</summary>
public sealed record ConnectionView(string Id, IReadOnlyDictionary<string, string> Fields);
