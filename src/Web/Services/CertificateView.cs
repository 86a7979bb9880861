namespace Proxus.Web.Services;

/// <summary>A certificate our CA issued to an agent.</summary>
public sealed record CertificateView(string SerialNumber, string Subject, DateTimeOffset NotBefore, DateTimeOffset NotAfter, DateTimeOffset? RevokedAt, string? RevocationReason);
