using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography.X509Certificates;

namespace Proxus.Server.Pki;

/// <summary>The outcome of checking a PKCS#10 request: its public key, or why it was refused.</summary>
public sealed record CsrValidationResult(PublicKey? PublicKey, string? Error)
{
    [MemberNotNullWhen(true, nameof(PublicKey))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => PublicKey is not null;

    public static CsrValidationResult Invalid(string error) => new(null, error);
}
