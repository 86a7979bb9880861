using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Proxus.Server.Data;
using Proxus.Server.Fleet;

namespace Proxus.Server.Pki;

public sealed partial class CertificateAuthority
{
    /// <summary>
    /// Signs a client certificate for the agent over a public key already checked by the caller
    /// (<see cref="CertificateSigningRequestValidator"/>): subject <c>CN={agentId}</c>, the agent URI
    /// as subject alternative name, client authentication only, valid for
    /// <see cref="PkiOptions.AgentCertificateLifetime"/>. The serial is registered in
    /// <paramref name="db"/>; the caller saves it in the transaction that audits the issuance.
    /// Nothing of the request but its public key is copied.
    /// </summary>
    public X509Certificate2 IssueAgentCertificate(ProxusDbContext db, Agent agent, PublicKey publicKey)
        => IssueClientCertificate(db, agent.Id, AgentCertificateUri.Create(agent.Id, agent.SiteId), publicKey, CertificateKind.Agent);

    /// <summary>
    /// Signs a client certificate for an OAuth2 machine client (a read-only MQTT consumer) over a
    /// checked public key: subject <c>CN={clientId}</c>, the URI <c>urn:proxus:client:{clientId}</c>
    /// as its only subject alternative name, client authentication only, the agent certificates'
    /// lifetime; registered with the client's id, so that revoking the client revokes it.
    /// </summary>
    public X509Certificate2 IssueMachineClientCertificate(ProxusDbContext db, Guid clientId, PublicKey publicKey)
        => IssueClientCertificate(db, clientId, MachineClientCertificateUri.Create(clientId), publicKey, CertificateKind.MachineClient);

    private X509Certificate2 IssueClientCertificate(ProxusDbContext db, Guid id, Uri uri, PublicKey publicKey, CertificateKind kind)
    {
        var state = State;
        var now = Timestamps.Now(timeProvider);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(id.ToString("D"));
        var request = new CertificateRequest(subject.Build(), publicKey, Hash);
        var usage = X509KeyUsageFlags.DigitalSignature;
        if (publicKey.Oid.Value == PkiOids.RsaEncryption)
        {
            usage |= X509KeyUsageFlags.KeyEncipherment;
        }

        var names = new SubjectAlternativeNameBuilder();
        names.AddUri(uri);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(PkiOids.ClientAuthentication)], false));
        request.CertificateExtensions.Add(names.Build(critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(publicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(state.Issuing, true, false));
        var notAfter = Min(now + Options.AgentCertificateLifetime, state.Issuing.NotAfter);
        var certificate = request.Create(state.Issuing.SubjectName, X509SignatureGenerator.CreateForECDsa(state.IssuingKey), now - ClockSkew, notAfter, NewSerialNumber());
        if (kind == CertificateKind.Agent)
        {
            Register(db, certificate, kind, id, now);
        }
        else
        {
            Register(db, certificate, kind, agentId: null, now, machineClientId: id);
        }

        return certificate;
    }

    /// <summary>Signs a CRL with the issuing CA.</summary>
    internal byte[] SignRevocationList(CertificateRevocationListBuilder builder, long number, DateTimeOffset thisUpdate, DateTimeOffset nextUpdate)
    {
        var state = State;
        using var issuer = state.Issuing.CopyWithPrivateKey(state.IssuingKey);
        return builder.Build(issuer, number, nextUpdate, Hash, thisUpdate: thisUpdate);
    }

    /// <summary>Signs data with the configuration-signing key (ECDSA P-256, SHA-256, IEEE P1363 r||s).</summary>
    public byte[] SignConfiguration(ReadOnlySpan<byte> data)
        => State.ConfigurationSigningKey.SignData(data, Hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
}
