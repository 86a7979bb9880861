using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Proxus.Server.Pki;

public sealed partial class CertificateAuthority
{
    /// <summary>Signs a probe with the issuing key and verifies it with the issuing certificate: the key is there and is the right one.</summary>
    internal bool IsIssuingKeyUsable()
    {
        var state = _state;
        if (state is null)
        {
            return false;
        }

        using var publicKey = state.Issuing.GetECDsaPublicKey();
        if (publicKey is null)
        {
            return false;
        }

        Span<byte> probe = stackalloc byte[32];
        RandomNumberGenerator.Fill(probe);
        try
        {
            var signature = state.IssuingKey.SignData(probe, Hash);
            return publicKey.VerifyData(probe, signature, Hash);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
