namespace Proxus.Server.Api.Contracts;

/// <summary>An agent.</summary>
public sealed record AgentResponse(Guid Id, Guid SiteId, string Name, DateTimeOffset CreatedAt);
