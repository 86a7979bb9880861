namespace Proxus.Web.Services;

/// <summary>
/// An agent as lists show it; <see cref="CertificateExpiresAt"/> is the expiry of its newest live
/// certificate, or null when it holds none (never enrolled, or revoked).
/// </summary>
public sealed record AgentView(Guid Id, Guid SiteId, string Name, DateTimeOffset CreatedAt, DateTimeOffset? CertificateExpiresAt);
