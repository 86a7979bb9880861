using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Proxus.Server.Data;

namespace Proxus.Server.Pki;

/// <inheritdoc />
internal sealed class AgentCertificateValidator(
    CertificateAuthority authority,
    IDbContextFactory<ProxusDbContext> contexts,
    RevokedCertificateSet revoked,
    TimeProvider timeProvider) : IAgentIdentityResolver
{
    public AgentCertificateRejection? CheckAtHandshake(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (ValidateChain(certificate) is { } chainRejection)
        {
            return chainRejection;
        }

        if (!TryReadAgentUri(certificate, out _, out _) && !TryReadClientUri(certificate, out _))
        {
            return AgentCertificateRejection.NoAgentIdentity;
        }

        return revoked.Contains(certificate.SerialNumber) ? AgentCertificateRejection.Revoked : null;
    }

    public async Task<AgentIdentityResult> ResolveAsync(X509Certificate2 certificate, CancellationToken cancellationToken)
    {
        var chainRejection = ValidateChain(certificate);
        if (chainRejection is not null)
        {
            return AgentIdentityResult.Rejected(chainRejection.Value);
        }

        if (!TryReadAgentUri(certificate, out var agentId, out var siteId))
        {
            return AgentIdentityResult.Rejected(AgentCertificateRejection.NoAgentIdentity);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var serial = certificate.SerialNumber;
        var issued = await db.IssuedCertificates.AsNoTracking()
            .Where(c => c.SerialNumber == serial && c.Kind == CertificateKind.Agent)
            .Select(c => new { c.Der, c.AgentId, c.RevokedAt, c.NotAfter })
            .SingleOrDefaultAsync(cancellationToken);
        if (issued is null || !CryptographicOperations.FixedTimeEquals(issued.Der, certificate.RawData))
        {
            return AgentIdentityResult.Rejected(AgentCertificateRejection.UnknownSerial);
        }

        if (issued.RevokedAt is not null)
        {
            return AgentIdentityResult.Rejected(AgentCertificateRejection.Revoked);
        }

        var agentSite = await db.Agents.AsNoTracking().Where(a => a.Id == agentId).Select(a => (Guid?)a.SiteId).SingleOrDefaultAsync(cancellationToken);
        if (issued.AgentId != agentId || agentSite != siteId)
        {
            return AgentIdentityResult.Rejected(AgentCertificateRejection.NoAgentIdentity);
        }

        return new AgentIdentityResult(new AgentIdentity(agentId, siteId, serial, issued.NotAfter), null);
    }

    public async Task<MachineClientCertificateResult> ResolveMachineClientAsync(X509Certificate2 certificate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var serial = certificate.SerialNumber;
        if (ValidateChain(certificate) is { } chainRejection)
        {
            return MachineClientCertificateResult.Rejected(serial, chainRejection);
        }

        if (!TryReadClientUri(certificate, out var clientId))
        {
            return MachineClientCertificateResult.Rejected(serial, AgentCertificateRejection.NoAgentIdentity);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var issued = await db.IssuedCertificates.AsNoTracking()
            .Where(c => c.SerialNumber == serial && c.Kind == CertificateKind.MachineClient)
            .Select(c => new { c.Der, c.MachineClientId, c.RevokedAt, c.NotAfter })
            .SingleOrDefaultAsync(cancellationToken);
        if (issued is null || !CryptographicOperations.FixedTimeEquals(issued.Der, certificate.RawData))
        {
            return MachineClientCertificateResult.Rejected(serial, AgentCertificateRejection.UnknownSerial);
        }

        if (issued.RevokedAt is not null)
        {
            return MachineClientCertificateResult.Rejected(serial, AgentCertificateRejection.Revoked);
        }

        return issued.MachineClientId == clientId
            ? new MachineClientCertificateResult(clientId, serial, issued.NotAfter, null)
            : MachineClientCertificateResult.Rejected(serial, AgentCertificateRejection.NoAgentIdentity);
    }

    private AgentCertificateRejection? ValidateChain(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.Add(authority.RootCertificate);
        policy.ExtraStore.Add(authority.IssuingCertificate);
        policy.RevocationMode = X509RevocationMode.NoCheck; // The serial register is checked instead: revocation takes effect at once.
        policy.DisableCertificateDownloads = true;
        policy.VerificationTime = timeProvider.GetUtcNow().UtcDateTime;
        policy.VerificationTimeIgnored = false;
        policy.ApplicationPolicy.Add(new Oid(PkiOids.ClientAuthentication));
        if (!chain.Build(certificate))
        {
            var status = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (flags, s) => flags | s.Status);
            if ((status & (X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain | X509ChainStatusFlags.NotSignatureValid)) != 0)
            {
                return AgentCertificateRejection.UntrustedChain;
            }

            if ((status & X509ChainStatusFlags.NotTimeValid) != 0)
            {
                return AgentCertificateRejection.Expired;
            }

            return (status & X509ChainStatusFlags.NotValidForUsage) != 0 ? AgentCertificateRejection.NotClientCertificate : AgentCertificateRejection.UntrustedChain;
        }

        var elements = chain.ChainElements;
        return elements.Count == 3 && elements[1].Certificate.RawData.AsSpan().SequenceEqual(authority.IssuingCertificate.RawData)
            ? null
            : AgentCertificateRejection.UntrustedChain;
    }

    private static bool TryReadAgentUri(X509Certificate2 certificate, out Guid agentId, out Guid siteId)
    {
        var uris = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(ExtractUris).ToList();
        agentId = siteId = Guid.Empty;
        return uris.Count == 1 && AgentCertificateUri.TryParse(uris[0], out agentId, out siteId);
    }

    private static bool TryReadClientUri(X509Certificate2 certificate, out Guid clientId)
    {
        var uris = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(ExtractUris).ToList();
        clientId = Guid.Empty;
        return uris.Count == 1 && MachineClientCertificateUri.TryParse(uris[0], out clientId);
    }

    private static IEnumerable<Uri> ExtractUris(X509SubjectAlternativeNameExtension extension)
    {
        // .NET enumerates DNS names and IP addresses only; URIs are read from the GeneralNames (RFC 5280 4.2.1.6).
        return SubjectAlternativeNames.ReadUris(extension.RawData);
    }
}
