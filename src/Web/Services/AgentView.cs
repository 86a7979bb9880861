namespace Proxus.Web.Services;

/// <summary>
/// An agent as lists show it; <see cref="CertificateExpiresAt"/> is the expiry of its newest live
/// certificate, or null when it holds none (never enrolled, or revoked); <see cref="Health"/> is its
/// latest status report, or null when it never reported.
/// </summary>
public sealed record AgentView(Guid Id, Guid SiteId, string Name, DateTimeOffset CreatedAt, DateTimeOffset? CertificateExpiresAt, AgentHealthView? Health);
