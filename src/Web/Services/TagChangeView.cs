namespace Proxus.Web.Services;

/// <summary>A tag in both versions whose fields differ.</summary>
public sealed record TagChangeView(string Path, IReadOnlyList<FieldChangeView> Fields);
