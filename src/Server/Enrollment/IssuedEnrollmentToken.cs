namespace Proxus.Server.Enrollment;

/// <summary>A new enrollment token; <see cref="Token"/> is shown to the admin once and never again.</summary>
public sealed record IssuedEnrollmentToken(Guid TokenId, Guid AgentId, string Token, DateTimeOffset ExpiresAt);
