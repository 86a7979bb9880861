namespace Proxus.Demo.Api;

/// <summary>An agent as <c>GET /api/v1/sites/{id}/agents</c> answers it.</summary>
public sealed record AgentDto(Guid Id, Guid SiteId, string Name);
