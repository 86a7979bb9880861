using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Proxus.Server.Audit;
using Proxus.Server.Data;

namespace Proxus.Server.Enrollment;

public sealed partial class EnrollmentService
{
    /// <summary>
    /// Revokes one certificate at once: the identity resolver refuses it from the commit on, a new
    /// CRL is published in the same transaction, and the revocation listeners (the broker) are told.
    /// Returns false if no such certificate exists or it was revoked already.
    /// </summary>
    public async Task<bool> RevokeCertificateAsync(string serialNumber, X509RevocationReason reason, string actor, CancellationToken cancellationToken)
    {
        var serial = serialNumber.Trim().ToUpperInvariant();
        var revoked = await audit.RunAuditedAsync(
            async (db, ct) =>
            {
                var certificate = await db.IssuedCertificates.SingleOrDefaultAsync(c => c.SerialNumber == serial, ct);
                if (certificate is null || certificate.RevokedAt is not null)
                {
                    return new AuditedResult<Guid?[]>([], []);
                }

                certificate.RevokedAt = Timestamps.Now(timeProvider);
                certificate.RevocationReason = reason;
                await db.SaveChangesAsync(ct);
                await revocationLists.PublishAsync(db, ct);
                var data = new Dictionary<string, string?> { ["reason"] = reason.ToString(), ["agent"] = certificate.AgentId?.ToString("D") };
                return new AuditedResult<Guid?[]>([certificate.AgentId], new AuditEvent(AuditEventTypes.CertificateRevoked, actor, $"certificate:{serial}", data));
            },
            cancellationToken);
        if (revoked.Length == 0)
        {
            return false;
        }

        foreach (var listener in revocationListeners)
        {
            await listener.OnRevokedAsync(serial, revoked[0], cancellationToken);
        }

        return true;
    }
}
