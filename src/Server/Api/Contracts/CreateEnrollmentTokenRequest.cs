namespace Proxus.Server.Api.Contracts;

/// <summary>Body of <c>POST /api/v1/agents/{id}/enrollment-tokens</c>; lifetime in minutes (default 24 hours, at most 7 days).</summary>
public sealed record CreateEnrollmentTokenRequest(int? LifetimeMinutes);
