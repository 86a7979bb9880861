namespace Proxus.Demo.Api;

/// <summary>A site as <c>GET /api/v1/sites</c> answers it.</summary>
public sealed record SiteDto(Guid Id, string Name);
