using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Proxus.Server.Audit;
using Proxus.Server.Monitoring;
using Proxus.Server.Pki;

namespace Proxus.Server.Enrollment;

public sealed partial class EnrollmentService
{
    /// <summary>
    /// Issues a fresh certificate to the agent that presented <paramref name="clientCertificate"/>
    /// at the TLS handshake, validated against our CA only and checked for revocation. The old
    /// certificate stays valid until it expires, so the agent can switch without a gap. A revoked
    /// certificate presented for renewal is raised to security monitoring.
    /// </summary>
    public async Task<EnrollmentOutcome> RenewAsync(X509Certificate2? clientCertificate, RenewalRequest request, string remoteAddress, CancellationToken cancellationToken)
    {
        var anonymous = $"anonymous@{remoteAddress}";
        if (clientCertificate is null)
        {
            return await RejectAsync(anonymous, "certificate:none", EnrollmentFailure.ClientCertificateRejected, "Renewal requires the agent's current client certificate at the TLS handshake.", cancellationToken, type: AuditEventTypes.CertificateRenewalRejected);
        }

        var identity = await identities.ResolveAsync(clientCertificate, cancellationToken);
        if (!identity.IsValid)
        {
            if (identity.Rejection == AgentCertificateRejection.Revoked)
            {
                monitoring.Raise(new SecurityEvent(SecurityEventType.RevokedCertificatePresented, $"certificate:{clientCertificate.SerialNumber}", remoteAddress, new Dictionary<string, string?> { ["stage"] = "renewal" }));
            }

            return await RejectAsync(anonymous, $"certificate:{clientCertificate.SerialNumber}", EnrollmentFailure.ClientCertificateRejected, $"The client certificate was refused: {identity.Rejection}.", cancellationToken, type: AuditEventTypes.CertificateRenewalRejected);
        }

        var agentId = identity.Identity.AgentId;
        var actor = $"agent:{agentId:D}";
        var csr = CertificateSigningRequestValidator.Validate(request.Csr, agentId);
        if (!csr.IsValid)
        {
            return await RejectAsync(actor, actor, EnrollmentFailure.InvalidCsr, csr.Error, cancellationToken, type: AuditEventTypes.CertificateRenewalRejected);
        }

        return await audit.RunAuditedAsync(
            async (db, ct) =>
            {
                var agent = await db.Agents.AsNoTracking().SingleAsync(a => a.Id == agentId, ct);
                using var certificate = authority.IssueAgentCertificate(db, agent, csr.PublicKey);
                var response = Respond(agent, certificate);
                var data = new Dictionary<string, string?> { ["previousSerial"] = identity.Identity.SerialNumber, ["serial"] = certificate.SerialNumber, ["notAfter"] = response.NotAfter.ToString("O", System.Globalization.CultureInfo.InvariantCulture) };
                return new AuditedResult<EnrollmentOutcome>(new EnrollmentOutcome(response, null, null), new AuditEvent(AuditEventTypes.CertificateRenewed, actor, actor, data));
            },
            cancellationToken);
    }
}
