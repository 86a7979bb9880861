using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Proxus.Server.Data;

namespace Proxus.Server.Pki;

public sealed partial class CertificateAuthority
{
    /// <summary>Certificates start a little in the past so that a peer with a slow clock accepts them.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private PkiCredential CreateRoot(ProxusDbContext db, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var installation = Convert.ToHexString(RandomNumberGenerator.GetBytes(4));
        var request = new CertificateRequest($"CN=Proxus Root CA {installation}, O=Proxus", key, Hash);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 1, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var certificate = request.CreateSelfSigned(now - ClockSkew, now + Options.RootCaLifetime);
        return Store(db, PkiCredentialPurpose.RootCa, certificate, key, now);
    }

    private PkiCredential CreateIssuing(ProxusDbContext db, X509Certificate2 root, ECDsa rootKey, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var installation = root.GetNameInfo(X509NameType.SimpleName, false).Split(' ')[^1];
        var request = new CertificateRequest($"CN=Proxus Issuing CA {installation}, O=Proxus", key, Hash);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, true, false));
        var notAfter = Min(now + Options.IssuingCaLifetime, root.NotAfter);
        using var certificate = request.Create(root.SubjectName, X509SignatureGenerator.CreateForECDsa(rootKey), now - ClockSkew, notAfter, NewSerialNumber());
        return Store(db, PkiCredentialPurpose.IssuingCa, certificate, key, now);
    }

    private PkiCredential CreateSigningKey(ProxusDbContext db, PkiCredentialPurpose purpose, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var credential = new PkiCredential
        {
            Id = Guid.NewGuid(),
            Purpose = purpose,
            PublicKey = key.ExportSubjectPublicKeyInfo(),
            EncryptedPrivateKey = protector.Protect(key),
            CreatedAt = now,
        };
        db.PkiCredentials.Add(credential);
        return credential;
    }

    private PkiCredential CreateServerCredential(ProxusDbContext db, X509Certificate2 issuing, ECDsa issuingKey, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var host in ServerHostNames())
        {
            if (IPAddress.TryParse(host, out var address))
            {
                names.AddIpAddress(address);
            }
            else
            {
                names.AddDnsName(host);
            }
        }

        var commonName = Options.ServerHostNames.Count > 0 ? Options.ServerHostNames[0] : "localhost";
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(commonName);
        subject.AddOrganizationName("Proxus");
        var request = new CertificateRequest(subject.Build(), key, Hash);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(PkiOids.ServerAuthentication)], false));
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuing, true, false));
        var notAfter = Min(now + Options.ServerCertificateLifetime, issuing.NotAfter);
        using var certificate = request.Create(issuing.SubjectName, X509SignatureGenerator.CreateForECDsa(issuingKey), now - ClockSkew, notAfter, NewSerialNumber());
        Register(db, certificate, CertificateKind.Server, agentId: null, now);
        return Store(db, PkiCredentialPurpose.ServerTls, certificate, key, now);
    }

    private bool NeedsNewServerCertificate(X509Certificate2 current, DateTimeOffset now)
    {
        var remaining = new DateTimeOffset(current.NotAfter.ToUniversalTime()) - now;
        if (remaining < Options.ServerCertificateLifetime / 3)
        {
            return true;
        }

        var extension = current.Extensions.OfType<X509SubjectAlternativeNameExtension>().SingleOrDefault();
        if (extension is null)
        {
            return true;
        }

        var present = extension.EnumerateDnsNames().Concat(extension.EnumerateIPAddresses().Select(a => a.ToString()));
        return !present.ToHashSet(StringComparer.OrdinalIgnoreCase).SetEquals(ServerHostNames().Select(Normalize));

        static string Normalize(string host) => IPAddress.TryParse(host, out var address) ? address.ToString() : host;
    }

    private IEnumerable<string> ServerHostNames()
        => Options.ServerHostNames.Concat(["localhost", "127.0.0.1", "::1"]).Distinct(StringComparer.OrdinalIgnoreCase);

    private PkiCredential Store(ProxusDbContext db, PkiCredentialPurpose purpose, X509Certificate2 certificate, ECDsa key, DateTimeOffset now)
    {
        var credential = new PkiCredential
        {
            Id = Guid.NewGuid(),
            Purpose = purpose,
            Certificate = certificate.RawData,
            PublicKey = key.ExportSubjectPublicKeyInfo(),
            EncryptedPrivateKey = protector.Protect(key),
            CreatedAt = now,
            NotAfter = Timestamps.Truncate(new DateTimeOffset(certificate.NotAfter.ToUniversalTime())),
        };
        db.PkiCredentials.Add(credential);
        return credential;
    }

    private static void Register(ProxusDbContext db, X509Certificate2 certificate, CertificateKind kind, Guid? agentId, DateTimeOffset now, Guid? machineClientId = null)
        => db.IssuedCertificates.Add(new IssuedCertificate
        {
            SerialNumber = certificate.SerialNumber,
            Kind = kind,
            AgentId = agentId,
            MachineClientId = machineClientId,
            Subject = certificate.Subject,
            NotBefore = Timestamps.Truncate(new DateTimeOffset(certificate.NotBefore.ToUniversalTime())),
            NotAfter = Timestamps.Truncate(new DateTimeOffset(certificate.NotAfter.ToUniversalTime())),
            IssuedAt = now,
            Der = certificate.RawData,
        });

    /// <summary>128 random bits, positive and with a fixed length (RFC 5280 4.1.2.2: at most 20 octets).</summary>
    private static byte[] NewSerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x40);
        return serial;
    }

    private static DateTimeOffset Min(DateTimeOffset value, DateTime notAfter)
    {
        var limit = new DateTimeOffset(notAfter.ToUniversalTime());
        return value < limit ? value : limit;
    }
}
