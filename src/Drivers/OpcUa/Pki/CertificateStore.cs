using System.Formats.Asn1;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Proxus.Drivers.OpcUa.Pki;

/// <summary>
/// The client's PKI directory (Part 12 section 7 layout): <c>own/</c> holds the application instance
/// certificate, created on first use (RSA 2048, SHA-256, application URI in the subject alternative
/// name) with its private key; <c>trusted/certs</c> holds the server certificates (or their CAs) that
/// an operator has trusted; a server certificate that is not trusted is copied to
/// <c>rejected/certs</c> and refused — there is no silent trust on first use.
/// </summary>
internal sealed class CertificateStore
{
    private const string CertificateFile = "proxus-client.der";
    private const string KeyFile = "proxus-client.key.pem";

    public CertificateStore(string root)
    {
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    public string TrustedDirectory => Path.Combine(Root, "trusted", "certs");

    public string RejectedDirectory => Path.Combine(Root, "rejected", "certs");

    private string OwnCertificatePath => Path.Combine(Root, "own", "certs", CertificateFile);

    private string OwnKeyPath => Path.Combine(Root, "own", "private", KeyFile);

    /// <summary>Loads the application instance certificate, creating it (and the directories) on first use.</summary>
    public X509Certificate2 LoadOrCreateApplicationCertificate(string applicationUri, string applicationName)
    {
        Directory.CreateDirectory(TrustedDirectory);
        Directory.CreateDirectory(RejectedDirectory);
        if (File.Exists(OwnCertificatePath) && File.Exists(OwnKeyPath))
        {
            var existing = Load();
            if (existing.NotAfter > DateTime.UtcNow && string.Equals(GetApplicationUri(existing), applicationUri, StringComparison.Ordinal))
            {
                return existing;
            }

            existing.Dispose();
        }

        return Create(applicationUri, applicationName);
    }

    /// <summary>
    /// Checks a server certificate: within its validity period, issued for the expected application URI,
    /// and trusted (itself or an issuing CA in <see cref="TrustedDirectory"/>).
    /// </summary>
    public void ValidateServerCertificate(X509Certificate2 certificate, string? expectedApplicationUri)
    {
        var now = DateTime.UtcNow;
        if (now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime())
        {
            throw new OpcUaException(StatusCode.BadCertificateTimeInvalid, $"The server certificate '{certificate.Subject}' is valid from {certificate.NotBefore:u} to {certificate.NotAfter:u} only.");
        }

        var uri = GetApplicationUri(certificate);
        if (expectedApplicationUri is not null && !string.Equals(uri, expectedApplicationUri, StringComparison.Ordinal))
        {
            throw new OpcUaException(StatusCode.BadCertificateUriInvalid, $"The server certificate is issued for '{uri}', but the server calls itself '{expectedApplicationUri}'.");
        }

        if (!IsTrusted(certificate))
        {
            var rejected = Path.Combine(RejectedDirectory, certificate.Thumbprint + ".der");
            Directory.CreateDirectory(RejectedDirectory);
            File.WriteAllBytes(rejected, certificate.RawData);
            throw new OpcUaException(StatusCode.BadCertificateUntrusted, $"The server certificate '{certificate.Subject}' (SHA-1 {certificate.Thumbprint}) is not trusted. To trust it, move {rejected} into {TrustedDirectory}.");
        }
    }

    /// <summary>Reads the URI from the subject alternative name extension (OID 2.5.29.17, GeneralName [6]).</summary>
    internal static string? GetApplicationUri(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions["2.5.29.17"];
        if (extension is null)
        {
            return null;
        }

        try
        {
            var reader = new AsnReader(extension.RawData, AsnEncodingRules.DER);
            var names = reader.ReadSequence();
            var uriTag = new Asn1Tag(TagClass.ContextSpecific, 6);
            while (names.HasData)
            {
                if (names.PeekTag() == uriTag)
                {
                    return names.ReadCharacterString(UniversalTagNumber.IA5String, uriTag);
                }

                names.ReadEncodedValue();
            }
        }
        catch (AsnContentException)
        {
            return null;
        }

        return null;
    }

    private bool IsTrusted(X509Certificate2 certificate)
    {
        var trusted = LoadTrusted();
        try
        {
            if (trusted.Any(t => t.RawData.AsSpan().SequenceEqual(certificate.RawData)))
            {
                return true;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.CustomTrustStore.AddRange(trusted.ToArray());
            chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreWrongUsage;
            return trusted.Count > 0 && chain.Build(certificate) && chain.ChainElements.Count > 1;
        }
        finally
        {
            foreach (var t in trusted)
            {
                t.Dispose();
            }
        }
    }

    private List<X509Certificate2> LoadTrusted()
    {
        var result = new List<X509Certificate2>();
        if (!Directory.Exists(TrustedDirectory))
        {
            return result;
        }

        foreach (var file in Directory.EnumerateFiles(TrustedDirectory))
        {
            try
            {
                result.Add(X509CertificateLoader.LoadCertificateFromFile(file));
            }
            catch (CryptographicException)
            {
                // Not a certificate (e.g. a README): ignore it.
            }
        }

        return result;
    }

    private X509Certificate2 Load()
    {
        using var certificate = X509CertificateLoader.LoadCertificateFromFile(OwnCertificatePath);
        using var key = RSA.Create();
        key.ImportFromPem(File.ReadAllText(OwnKeyPath));
        return certificate.CopyWithPrivateKey(key);
    }

    private X509Certificate2 Create(string applicationUri, string applicationName)
    {
        using var key = RSA.Create(2048);
        var subject = new X500DistinguishedName($"CN={applicationName}, O=Proxus, DC={Dns.GetHostName()}");
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddUri(new Uri(applicationUri));
        san.AddDnsName(Dns.GetHostName());
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment | X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(2));
        Directory.CreateDirectory(Path.GetDirectoryName(OwnCertificatePath)!);
        Directory.CreateDirectory(Path.GetDirectoryName(OwnKeyPath)!);
        File.WriteAllBytes(OwnCertificatePath, created.RawData);
        File.WriteAllText(OwnKeyPath, key.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(OwnKeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        using var publicOnly = X509CertificateLoader.LoadCertificate(created.RawData);
        return publicOnly.CopyWithPrivateKey(key);
    }
}
