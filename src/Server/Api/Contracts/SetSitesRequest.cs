namespace Proxus.Server.Api.Contracts;

/// <summary>Body of <c>PUT /api/v1/users/{id}/sites</c>: the complete new set of assigned sites.</summary>
public sealed record SetSitesRequest(IReadOnlyList<Guid> SiteIds);
