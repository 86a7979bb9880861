namespace Proxus.Web.Services;

/// <summary>A connection in both versions whose settings differ.</summary>
public sealed record ConnectionChangeView(string Id, IReadOnlyList<FieldChangeView> Fields);
