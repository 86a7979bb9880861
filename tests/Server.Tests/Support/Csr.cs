using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Proxus.Server.Tests.Support;

/// <summary>What an agent does: a key pair generated locally and a PKCS#10 request over it.</summary>
public static class Csr
{
    public static (ECDsa Key, string Pem) CreateEc(string subject = "", ECCurve? curve = null)
    {
        var key = ECDsa.Create(curve ?? ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        return (key, request.CreateSigningRequestPem());
    }

    public static string CreateRsa(int bits, string subject = "")
    {
        using var key = RSA.Create(bits);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSigningRequestPem();
    }

    /// <summary>The CSR's PEM with one bit of its signature flipped.</summary>
    public static string WithBrokenSignature(string pem)
    {
        var der = PemEncoding.Find(pem) is var fields ? Convert.FromBase64String(pem[fields.Base64Data]) : [];
        der[^2] ^= 0x01;
        return PemEncoding.WriteString("CERTIFICATE REQUEST", der);
    }
}
