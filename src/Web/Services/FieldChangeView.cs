namespace Proxus.Web.Services;

/// <summary>A field that differs between two versions, as text before and after (null: empty).</summary>
public sealed record FieldChangeView(string Field, string? Before, string? After);
