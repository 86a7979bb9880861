namespace Proxus.Server.Enrollment;

/// <summary>What an enrolled (or renewed) agent receives.</summary>
/// <param name="AgentId">The agent the certificate is bound to (its CN and URI name).</param>
/// <param name="SiteId">The agent's site (in the URI name).</param>
/// <param name="SerialNumber">Upper-case hex serial, for revocation.</param>
/// <param name="NotAfter">When the certificate expires; renew well before.</param>
/// <param name="CertificatePem">The agent's client certificate.</param>
/// <param name="ChainPem">Issuing CA then root: the trust anchors for the server's certificate too.</param>
/// <param name="ConfigurationSigningPublicKeyPem">Verifies the configurations and commands the server signs.</param>
public sealed record EnrollmentResponse(
    Guid AgentId,
    Guid SiteId,
    string SerialNumber,
    DateTimeOffset NotAfter,
    string CertificatePem,
    string ChainPem,
    string ConfigurationSigningPublicKeyPem);
