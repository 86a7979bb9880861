namespace Proxus.Web.Services;

/// <summary>
/// A new enrollment token: <see cref="Token"/> is shown once and never again.
/// <see cref="CaFingerprint"/> is the SHA-256 fingerprint of the server's root CA as
/// <c>proxus-agent enroll --ca-fingerprint</c> takes it (<c>AA:BB:…</c>), so that the agent trusts
/// this server from its first connection instead of on first use.
/// </summary>
public sealed record EnrollmentTokenView(Guid AgentId, string Token, DateTimeOffset ExpiresAt, string CaFingerprint);
