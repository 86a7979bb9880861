using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Proxus.Agent.Identity;

/// <summary>Keys and PKCS#10 requests: the private key is generated here and never leaves the agent.</summary>
internal static class CertificateSigningRequests
{
    public static ECDsa CreateKey() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>A PEM CSR for <paramref name="key"/> with an empty subject: the CA sets the subject from the token or the current certificate.</summary>
    public static string Create(ECDsa key)
    {
        var request = new CertificateRequest(new X500DistinguishedName(string.Empty), key, HashAlgorithmName.SHA256);
        return request.CreateSigningRequestPem();
    }

    /// <summary>
    /// Checks that the issued certificate carries our public key and is for <paramref name="agentId"/>,
    /// and returns it joined with the private key.
    /// </summary>
    public static X509Certificate2 Accept(string certificatePem, ECDsa key, Guid agentId)
    {
        using var issued = X509Certificate2.CreateFromPem(certificatePem);
        using var issuedKey = issued.GetECDsaPublicKey() ?? throw new CryptographicException("The issued certificate has no EC public key.");
        if (!issuedKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo()))
        {
            throw new CryptographicException("The issued certificate is not for the key this agent generated.");
        }

        var commonName = issued.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        if (!Guid.TryParse(commonName, out var certified) || certified != agentId)
        {
            throw new CryptographicException($"The issued certificate names '{commonName}', not agent {agentId:D}.");
        }

        return issued.CopyWithPrivateKey(key);
    }
}
