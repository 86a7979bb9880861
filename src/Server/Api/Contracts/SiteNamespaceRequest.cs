namespace Proxus.Server.Api.Contracts;

/// <summary>A site's UNS namespace: the enterprise and site level names of <c>Enterprise/Site</c>.</summary>
public sealed record SiteNamespaceRequest(string? Enterprise, string? Name);
