namespace Proxus.Demo.Api;

/// <summary>The answer of <c>POST /api/v1/agents/{id}/enrollment-tokens</c>; the token is shown once.</summary>
public sealed record EnrollmentTokenDto(Guid TokenId, Guid AgentId, string Token, DateTimeOffset ExpiresAt);
