using System.Diagnostics.CodeAnalysis;

namespace Proxus.Server.Pki;

/// <summary>Either the identity a client certificate proves, or why it proves none.</summary>
public sealed record AgentIdentityResult(AgentIdentity? Identity, AgentCertificateRejection? Rejection)
{
    [MemberNotNullWhen(true, nameof(Identity))]
    public bool IsValid => Identity is not null;

    public static AgentIdentityResult Rejected(AgentCertificateRejection rejection) => new(null, rejection);
}
