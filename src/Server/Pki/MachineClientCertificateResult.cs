using System.Diagnostics.CodeAnalysis;

namespace Proxus.Server.Pki;

/// <summary>Either the machine client a client certificate proves (with its serial and expiry), or why it proves none.</summary>
public sealed record MachineClientCertificateResult(Guid? ClientId, string SerialNumber, DateTimeOffset NotAfter, AgentCertificateRejection? Rejection)
{
    [MemberNotNullWhen(true, nameof(ClientId))]
    public bool IsValid => ClientId is not null;

    public static MachineClientCertificateResult Rejected(string serialNumber, AgentCertificateRejection rejection) => new(null, serialNumber, default, rejection);
}
