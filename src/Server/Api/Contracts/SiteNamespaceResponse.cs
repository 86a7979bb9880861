namespace Proxus.Server.Api.Contracts;

/// <summary>A site's UNS namespace; <c>prefix</c> (<c>Enterprise/Site</c>) starts every tag path of the site and bounds what its agents may publish.</summary>
public sealed record SiteNamespaceResponse(Guid SiteId, string Enterprise, string Name, string Prefix, DateTimeOffset CreatedAt);
