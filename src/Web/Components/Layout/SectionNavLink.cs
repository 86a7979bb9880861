using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;

namespace Proxus.Web.Components.Layout;

/// <summary>
/// A menu link whose section also owns pages under another link's prefix: the tag-map pages of a
/// site live at <c>sites/{id}/tag-map…</c> but belong to "Tag maps", not to "Sites &amp; agents".
/// </summary>
public sealed class SectionNavLink : NavLink
{
    /// <summary>A path segment (e.g. <c>/tag-map</c>) whose pages select this link wherever they are.</summary>
    [Parameter]
    public string? AlsoFor { get; set; }

    /// <summary>A path segment whose pages belong to another link, even below this link's prefix.</summary>
    [Parameter]
    public string? NotFor { get; set; }

    protected override bool ShouldMatch(string uriAbsolute)
    {
        var path = new Uri(uriAbsolute, UriKind.Absolute).AbsolutePath;
        if (NotFor is not null && path.Contains(NotFor, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return base.ShouldMatch(uriAbsolute) || (AlsoFor is not null && path.Contains(AlsoFor, StringComparison.OrdinalIgnoreCase));
    }
}
