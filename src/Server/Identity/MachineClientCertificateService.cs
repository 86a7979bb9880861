using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Proxus.Server.Audit;
using Proxus.Server.Data;
using Proxus.Server.Pki;

namespace Proxus.Server.Identity;

/// <summary>
/// Issues client certificates to machine clients that hold <see cref="Scopes.UnsRead"/>, so that
/// standard MQTT tools consume the UNS read-only over mutual TLS. From a CSR (the key stays with the
/// client; checked like an agent's: proof of possession, EC P-256/P-384 or RSA 2048..8192, subject
/// empty or <c>CN={clientId}</c>) or, without one, over a P-256 key generated here and returned once,
/// never stored. Issuance is audited in its transaction; revoking the client revokes the certificates
/// (<see cref="MachineClientService.RevokeAsync"/>).
/// </summary>
public sealed class MachineClientCertificateService(IDbContextFactory<ProxusDbContext> contexts, AuditLog audit, CertificateAuthority authority)
{
    /// <summary>The certificate, or null if the client is unknown or revoked.</summary>
    /// <exception cref="IamValidationException">The client lacks <c>uns.read</c>, or the CSR is refused.</exception>
    public async Task<IssuedClientCertificate?> IssueAsync(Guid clientId, string? csr, string actor, CancellationToken cancellationToken)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var scopes = await db.MachineClients.AsNoTracking().Where(c => c.Id == clientId && c.RevokedAt == null).Select(c => c.Scopes).SingleOrDefaultAsync(cancellationToken);
            if (scopes is null)
            {
                return null;
            }

            if (!scopes.Split(' ').Contains(Scopes.UnsRead, StringComparer.Ordinal))
            {
                throw new IamValidationException($"Only a client holding the scope {Scopes.UnsRead} may have an MQTT client certificate.");
            }
        }

        using var generated = csr is null ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : null;
        PublicKey publicKey;
        if (generated is not null)
        {
            publicKey = new PublicKey(generated);
        }
        else
        {
            var checkedCsr = CertificateSigningRequestValidator.Validate(csr, clientId);
            if (!checkedCsr.IsValid)
            {
                throw new IamValidationException(checkedCsr.Error);
            }

            publicKey = checkedCsr.PublicKey;
        }

        return await audit.RunAuditedAsync(
            async (db, ct) =>
            {
                var client = await db.MachineClients.SingleOrDefaultAsync(c => c.Id == clientId && c.RevokedAt == null, ct);
                if (client is null)
                {
                    return new AuditedResult<IssuedClientCertificate?>(null, []);
                }

                using var certificate = authority.IssueMachineClientCertificate(db, clientId, publicKey);
                await db.SaveChangesAsync(ct);
                var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime());
                var issued = new IssuedClientCertificate(clientId, certificate.SerialNumber, notAfter, certificate.ExportCertificatePem() + "\n", authority.ChainPem, generated?.ExportPkcs8PrivateKeyPem());
                var data = new Dictionary<string, string?>
                {
                    ["serial"] = certificate.SerialNumber,
                    ["notAfter"] = notAfter.ToString("O", CultureInfo.InvariantCulture),
                    ["keySource"] = generated is null ? "csr" : "generated",
                };
                return new AuditedResult<IssuedClientCertificate?>(issued, new AuditEvent(IamAuditEventTypes.ClientCertificateIssued, actor, MachineClientService.Subject(clientId), data));
            },
            cancellationToken);
    }
}
