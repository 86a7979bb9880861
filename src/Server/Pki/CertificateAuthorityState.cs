using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Proxus.Server.Pki;

/// <summary>The decrypted CA material in force; replaced as a whole, never mutated.</summary>
internal sealed record CertificateAuthorityState(
    X509Certificate2 Root,
    X509Certificate2 Issuing,
    ECDsa IssuingKey,
    ECDsa ConfigurationSigningKey,
    ECDsa AuditSigningKey,
    ECDsa CommandSigningKey,
    X509Certificate2 ServerCertificate);
