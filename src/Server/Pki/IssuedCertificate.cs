using System.Security.Cryptography.X509Certificates;

namespace Proxus.Server.Pki;

/// <summary>Every certificate the issuing CA signed: the serial register, and the source of the CRL.</summary>
public sealed class IssuedCertificate
{
    public const int MaxSubjectLength = 500;

    /// <summary>Upper-case hex, as <see cref="X509Certificate2.SerialNumber"/> prints it; unique.</summary>
    public required string SerialNumber { get; set; }

    public CertificateKind Kind { get; set; }

    public Guid? AgentId { get; set; }

    /// <summary>The OAuth2 machine client of a <see cref="CertificateKind.MachineClient"/> certificate.</summary>
    public Guid? MachineClientId { get; set; }

    public required string Subject { get; set; }

    public DateTimeOffset NotBefore { get; set; }

    public DateTimeOffset NotAfter { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    public required byte[] Der { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public X509RevocationReason? RevocationReason { get; set; }
}
