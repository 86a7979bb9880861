namespace Proxus.Web.Services;

/// <summary>A site as the tag-map pages show it: its UNS namespace (null: not set) and current version (null: no tag map yet).</summary>
public sealed record TagMapSiteView(Guid SiteId, string SiteName, string? Namespace, TagMapVersionView? Current);
