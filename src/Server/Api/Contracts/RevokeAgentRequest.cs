namespace Proxus.Server.Api.Contracts;

/// <summary>Body of <c>POST /api/v1/agents/{id}/revoke</c>: an RFC 5280 reason name (default <c>CessationOfOperation</c>).</summary>
public sealed record RevokeAgentRequest(string? Reason);
