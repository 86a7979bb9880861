namespace Proxus.Web.Services;

/// <summary>
/// A tag that may be written: its UNS path, site, the type of the value a request carries (in the
/// published unit), the limits, whether two approvals are needed, and whether its site has writes enabled.
/// </summary>
public sealed record WritableTagView(
    string Path,
    Guid SiteId,
    string SiteName,
    string ValueType,
    string? Unit,
    double? Min,
    double? Max,
    bool Critical,
    bool SiteWritesEnabled,
    string? Description)
{
    /// <summary>A Bool tag: the value is true or false.</summary>
    public bool IsBool => ValueType == "Bool";

    /// <summary>A floating-point tag (any decimal step); otherwise whole numbers.</summary>
    public bool IsFloat => ValueType is "Float32" or "Float64";
}
