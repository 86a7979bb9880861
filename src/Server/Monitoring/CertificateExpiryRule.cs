using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Proxus.Server.Data;
using Proxus.Server.Pki;

namespace Proxus.Server.Monitoring;

/// <summary>
/// Raises an alert when the newest certificate of an agent (or of the server) expires within
/// <see cref="AlertRuleOptions.CertificateExpiryWarning"/> or has expired: once per certificate, since
/// a renewal issues a newer one. Revoked certificates are left alone (the agent is out of service).
/// </summary>
internal sealed class CertificateExpiryRule(IDbContextFactory<ProxusDbContext> contexts, AlertRuleOptions options)
{
    public async Task<IReadOnlyList<AlertCandidate>> EvaluateAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!options.IsEnabled(AlertRules.CertificateExpiring))
        {
            return [];
        }

        var horizon = now + options.CertificateExpiryWarning;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        // Few rows: one certificate per agent per renewal period, and only those near or past expiry are read.
        var nearExpiry = await db.IssuedCertificates.AsNoTracking()
            .Where(c => c.NotAfter <= horizon)
            .Select(c => new { c.SerialNumber, c.Kind, c.AgentId, c.NotBefore, c.NotAfter, c.RevokedAt })
            .ToListAsync(cancellationToken);
        if (nearExpiry.Count == 0)
        {
            return [];
        }

        var newest = await db.IssuedCertificates.AsNoTracking()
            .GroupBy(c => new { c.Kind, c.AgentId })
            .Select(g => new { g.Key.Kind, g.Key.AgentId, NotAfter = g.Max(c => c.NotAfter) })
            .ToListAsync(cancellationToken);
        var candidates = new List<AlertCandidate>();
        foreach (var certificate in nearExpiry)
        {
            var isNewest = newest.Any(n => n.Kind == certificate.Kind && n.AgentId == certificate.AgentId && n.NotAfter == certificate.NotAfter);
            if (!isNewest || certificate.RevokedAt is not null)
            {
                continue;
            }

            var owner = certificate.Kind == CertificateKind.Agent ? $"agent:{certificate.AgentId:D}" : "server";
            var expired = certificate.NotAfter <= now;
            var summary = expired
                ? $"The certificate of {owner} expired at {certificate.NotAfter:O}"
                : $"The certificate of {owner} expires at {certificate.NotAfter:O}, in {(certificate.NotAfter - now).TotalDays.ToString("0.#", CultureInfo.InvariantCulture)} days";
            var details = new Dictionary<string, string?>
            {
                ["owner"] = owner,
                ["kind"] = certificate.Kind.ToString(),
                ["notAfter"] = certificate.NotAfter.ToString("O", CultureInfo.InvariantCulture),
            };
            candidates.Add(new AlertCandidate(AlertRules.CertificateExpiring, expired ? AlertSeverity.High : AlertSeverity.Medium, $"certificate:{certificate.SerialNumber}", summary, now, Details: details)
            {
                EpisodeStart = certificate.NotBefore,
            });
        }

        return candidates;
    }
}
