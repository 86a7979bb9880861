namespace Proxus.Web.Services;

/// <summary>A new enrollment token: <see cref="Token"/> is shown once and never again.</summary>
public sealed record EnrollmentTokenView(Guid AgentId, string Token, DateTimeOffset ExpiresAt);
