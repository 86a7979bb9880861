namespace Proxus.Agent.Identity;

/// <summary>The body of <c>POST /api/v1/enrollment</c>.</summary>
internal sealed record EnrollmentRequestBody(string Token, string Csr);

/// <summary>The body of <c>POST /api/v1/certificates/renewal</c>.</summary>
internal sealed record RenewalRequestBody(string Csr);

/// <summary>The server's answer to an enrollment or a renewal.</summary>
internal sealed record CertificateResponseBody(
    Guid AgentId,
    Guid SiteId,
    string SerialNumber,
    DateTimeOffset NotAfter,
    string CertificatePem,
    string ChainPem,
    string ConfigurationSigningPublicKeyPem);

/// <summary>The body of <c>POST /api/v1/agent/config/applied</c>.</summary>
internal sealed record ConfigReportBody(long Version, string Status, string? Reason);
