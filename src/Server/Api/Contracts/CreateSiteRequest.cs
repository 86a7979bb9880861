namespace Proxus.Server.Api.Contracts;

/// <summary>Body of <c>POST /api/v1/sites</c>.</summary>
public sealed record CreateSiteRequest(string Name);
