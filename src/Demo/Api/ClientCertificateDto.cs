namespace Proxus.Demo.Api;

/// <summary>The answer of <c>POST /api/v1/clients/{id}/certificate</c> for a CSR: the certificate and the CA chain.</summary>
public sealed record ClientCertificateDto(Guid ClientId, string SerialNumber, DateTimeOffset NotAfter, string CertificatePem, string ChainPem);
