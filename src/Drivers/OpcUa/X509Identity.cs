using System.Security.Cryptography.X509Certificates;

namespace Proxus.Drivers.OpcUa;

/// <summary>A user certificate with its RSA private key, which signs the server's certificate and nonce.</summary>
public sealed record X509Identity(X509Certificate2 Certificate) : UserIdentity
{
    internal override UserTokenType TokenType => UserTokenType.Certificate;
}
