using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Proxus.Server.Audit;
using Proxus.Server.Configuration;
using Proxus.Server.Data;

namespace Proxus.Server.Fleet;

/// <summary>
/// Creates sites and agents (admin application service behind the sites API). Every change is
/// audited in its own transaction. An agent created for a site that has a tag map gets its signed
/// configuration at once (<see cref="AgentConfigService.IssueForJoiningAgentAsync"/>).
/// </summary>
public sealed class FleetService(AuditLog audit, AgentConfigService configurations, TimeProvider timeProvider)
{
    /// <summary>Creates a site without a UNS namespace (its agents publish no UNS data until one is set).</summary>
    public Task<Site> CreateSiteAsync(string name, string actor, CancellationToken cancellationToken)
        => CreateSiteAsync(name, unsPrefix: null, actor, cancellationToken);

    /// <summary>
    /// Creates a site; <paramref name="unsPrefix"/> (<c>Enterprise/Site</c>), when given, becomes its
    /// <see cref="SiteNamespace"/> and must be unused. Later, the namespace is set once with
    /// <see cref="TagMapService.SetNamespaceAsync"/>.
    /// </summary>
    public Task<Site> CreateSiteAsync(string name, string? unsPrefix, string actor, CancellationToken cancellationToken)
    {
        var site = new Site { Id = Guid.NewGuid(), Name = ValidName(name, Site.MaxNameLength), CreatedAt = Timestamps.Now(timeProvider) };
        var levels = unsPrefix is null ? null : ValidUnsPrefix(unsPrefix).Split('/');
        return audit.RunAuditedAsync(
            async (db, token) =>
            {
                var events = new List<AuditEvent>
                {
                    new(AuditEventTypes.SiteCreated, actor, $"site:{site.Id:D}", new Dictionary<string, string?> { ["name"] = site.Name, ["unsPrefix"] = unsPrefix }),
                };
                db.Sites.Add(site);
                if (levels is [var enterprise, var siteName])
                {
                    // Checked under the audit lock, so concurrent creations on this node cannot both pass;
                    // the unique index backs it up across nodes.
                    if (await db.SiteNamespaces.AnyAsync(ns => ns.Enterprise == enterprise && ns.Name == siteName, token))
                    {
                        throw new ArgumentException($"The UNS prefix '{unsPrefix}' belongs to another site.", nameof(unsPrefix));
                    }

                    db.SiteNamespaces.Add(new SiteNamespace { SiteId = site.Id, Enterprise = enterprise, Name = siteName, CreatedAt = site.CreatedAt });
                    events.Add(new(AuditEventTypes.SiteNamespaceSet, actor, $"site:{site.Id:D}", new Dictionary<string, string?> { ["enterprise"] = enterprise, ["name"] = siteName }));
                }

                await db.SaveChangesAsync(token);
                return new AuditedResult<Site>(site, events);
            },
            cancellationToken);
    }

    public async Task<Agent> CreateAgentAsync(Guid siteId, string name, string actor, CancellationToken cancellationToken)
    {
        var agent = new Agent { Id = Guid.NewGuid(), SiteId = siteId, Name = ValidName(name, Agent.MaxNameLength), CreatedAt = Timestamps.Now(timeProvider) };
        var created = await audit.RunAuditedAsync(
            async (db, token) =>
            {
                _ = await db.Sites.FindAsync([siteId], token) ?? throw new KeyNotFoundException($"Site {siteId:D} does not exist.");
                db.Agents.Add(agent);
                await db.SaveChangesAsync(token);
                return new AuditedResult<Agent>(agent, new AuditEvent(AuditEventTypes.AgentCreated, actor, $"agent:{agent.Id:D}", new Dictionary<string, string?> { ["name"] = agent.Name, ["site"] = siteId.ToString("D") }));
            },
            cancellationToken);
        await configurations.IssueForJoiningAgentAsync(created.Id, siteId, actor, cancellationToken);
        return created;
    }

    /// <summary>
    /// Deletes an agent that can no longer connect (every certificate it was issued is revoked, or it
    /// never enrolled) from the fleet: it leaves the fleet views, the API and configuration issuance,
    /// and its name is free again in its site. The row stays, marked deleted, because the audit log,
    /// its certificates (the revoked serials stay on the CRL), configuration envelopes and write
    /// requests refer to it; telemetry is stored by UNS path and is not touched. Its unused
    /// enrollment tokens expire in the same transaction, so it cannot enroll again.
    /// </summary>
    public Task<AgentDeletion> DeleteAgentAsync(Guid agentId, string actor, CancellationToken cancellationToken)
        => audit.RunAuditedAsync(
            async (db, token) =>
            {
                var agent = await db.Agents.SingleOrDefaultAsync(a => a.Id == agentId && a.DeletedAt == null, token);
                if (agent is null)
                {
                    return new AuditedResult<AgentDeletion>(AgentDeletion.NotFound, []);
                }

                var certificates = await db.IssuedCertificates.AsNoTracking().Where(c => c.AgentId == agentId)
                    .Select(c => new { c.SerialNumber, c.RevokedAt }).ToListAsync(token);
                if (certificates.Any(c => c.RevokedAt is null))
                {
                    return new AuditedResult<AgentDeletion>(AgentDeletion.HoldsLiveCertificate, []);
                }

                var now = Timestamps.Now(timeProvider);
                agent.DeletedAt = now;
                await db.SaveChangesAsync(token);
                var expiredTokens = await db.EnrollmentTokens.Where(t => t.AgentId == agentId && t.UsedAt == null && t.ExpiresAt > now)
                    .ExecuteUpdateAsync(u => u.SetProperty(t => t.ExpiresAt, now), token);
                var data = new Dictionary<string, string?>
                {
                    ["name"] = agent.Name,
                    ["site"] = agent.SiteId.ToString("D"),
                    ["revokedCertificates"] = string.Join(' ', certificates.Select(c => c.SerialNumber).Order(StringComparer.Ordinal)),
                    ["expiredTokens"] = expiredTokens.ToString(CultureInfo.InvariantCulture),
                };
                return new AuditedResult<AgentDeletion>(AgentDeletion.Deleted, new AuditEvent(AuditEventTypes.AgentDeleted, actor, $"agent:{agentId:D}", data));
            },
            cancellationToken);

    private static string ValidName(string name, int maxLength)
    {
        var trimmed = name.Trim();
        if (trimmed.Length == 0 || trimmed.Length > maxLength || trimmed.Any(char.IsControl))
        {
            throw new ArgumentException($"A name has 1 to {maxLength} characters and no control characters.", nameof(name));
        }

        return trimmed;
    }

    private static string ValidUnsPrefix(string prefix)
        => SiteUnsPrefix.TryValidate(prefix, out var error) ? prefix : throw new ArgumentException($"Invalid UNS prefix '{prefix}': {error}.", nameof(prefix));
}
