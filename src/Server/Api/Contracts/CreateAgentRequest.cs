namespace Proxus.Server.Api.Contracts;

/// <summary>Body of <c>POST /api/v1/sites/{id}/agents</c>.</summary>
public sealed record CreateAgentRequest(string Name);
