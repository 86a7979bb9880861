using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Proxus.TestSupport;

/// <summary>
/// A throw-away PKI for TLS tests: a root CA, a server certificate for 127.0.0.1/localhost, and client
/// certificates, all ECDSA P-256. <see cref="WritePem"/> writes them for third-party peers
/// (mosquitto, paho, MQTT.js) that read PEM files.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private TestCertificates(X509Certificate2 ca, X509Certificate2 server)
    {
        Ca = ca;
        Server = server;
    }

    public X509Certificate2 Ca { get; }

    public X509Certificate2 Server { get; }

    public static TestCertificates Create(string caName = "Proxus Test CA")
    {
        var ca = CreateCa(caName);
        var server = IssueServer(ca, "127.0.0.1");
        return new TestCertificates(ca, server);
    }

    /// <summary>A self-signed CA valid from an hour ago for a year.</summary>
    public static X509Certificate2 CreateCa(string name, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(notBefore ?? DateTimeOffset.UtcNow.AddHours(-1), notAfter ?? DateTimeOffset.UtcNow.AddYears(1));
    }

    /// <summary>A TLS server certificate for 127.0.0.1 and localhost, signed by the CA.</summary>
    public static X509Certificate2 IssueServer(X509Certificate2 ca, string commonName)
    {
        var builder = new SubjectAlternativeNameBuilder();
        builder.AddIpAddress(IPAddress.Loopback);
        builder.AddDnsName("localhost");
        return Issue(ca, commonName, new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication"), builder.Build());
    }

    /// <summary>A TLS client certificate with the given common name, signed by the CA.</summary>
    public X509Certificate2 IssueClient(string commonName, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
        => Issue(Ca, commonName, new Oid("1.3.6.1.5.5.7.3.2", "Client Authentication"), null, notBefore, notAfter);

    /// <summary>Writes the CA, server and a named client as PEM files into the directory.</summary>
    public static void WritePem(X509Certificate2 certificate, string certificatePath, string keyPath)
    {
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        using var key = certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException("The certificate has no ECDSA private key.");
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
    }

    public void Dispose()
    {
        Ca.Dispose();
        Server.Dispose();
    }

    private static X509Certificate2 Issue(X509Certificate2 ca, string commonName, Oid usage, X509Extension? subjectAlternativeName, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        if (subjectAlternativeName is not null)
        {
            request.CertificateExtensions.Add(subjectAlternativeName);
        }

        var from = notBefore ?? DateTimeOffset.UtcNow.AddHours(-1);
        var to = notAfter ?? DateTimeOffset.UtcNow.AddDays(30);
        if (to > ca.NotAfter)
        {
            to = ca.NotAfter;
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issued = request.Create(ca, from, to, serial);
        return issued.CopyWithPrivateKey(key);
    }
}
