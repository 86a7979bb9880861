using Microsoft.EntityFrameworkCore;
using Proxus.Server.Audit;
using Proxus.Server.Configuration;
using Proxus.Server.Data;

namespace Proxus.Server.Writes;

/// <summary>
/// Enables or disables control writes for a site (Admin). The change and the agent configurations
/// it causes (their <c>diodeMode</c> flips) commit in one audited transaction, then the agents are
/// told a new configuration exists.
/// </summary>
public sealed class SiteWritePolicyService(AuditLog audit, AgentConfigIssuer issuer, ConfigChangeNotifications notifications, TimeProvider timeProvider)
{
    public async Task SetAsync(Guid siteId, bool writesEnabled, string actor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(actor);
        var issued = await audit.RunAuditedAsync(
            async (db, token) =>
            {
                _ = await db.Sites.FindAsync([siteId], token) ?? throw new WriteRequestException(WriteErrorKind.NotFound, $"Site {siteId:D} does not exist.");
                var settings = await db.SiteWriteSettings.SingleOrDefaultAsync(s => s.SiteId == siteId, token);
                if (settings is null)
                {
                    settings = new SiteWriteSettings { SiteId = siteId, ChangedBy = actor };
                    db.SiteWriteSettings.Add(settings);
                }

                settings.WritesEnabled = writesEnabled;
                settings.ChangedBy = actor;
                settings.ChangedAt = Timestamps.Now(timeProvider);
                await db.SaveChangesAsync(token);
                var events = new List<AuditEvent>
                {
                    new(WriteAuditEventTypes.SiteWritesSet, actor, $"site:{siteId:D}", new Dictionary<string, string?> { ["writesEnabled"] = writesEnabled ? "true" : "false" }),
                };
                var ns = await db.SiteNamespaces.AsNoTracking().SingleOrDefaultAsync(n => n.SiteId == siteId, token);
                var current = await db.TagMapVersions.AsNoTracking().Where(v => v.SiteId == siteId).OrderByDescending(v => v.Version).FirstOrDefaultAsync(token);
                if (ns is null || current is null)
                {
                    return new AuditedResult<List<IssuedAgentConfig>>([], events);
                }

                var (configs, issuedEvents) = await issuer.IssueAsync(db, TagMapService.ParseStored(current, ns.ToModel()), current, actor, token);
                await db.SaveChangesAsync(token);
                events.AddRange(issuedEvents);
                return new AuditedResult<List<IssuedAgentConfig>>(configs, events);
            },
            cancellationToken);
        await notifications.NotifyAsync(issued, cancellationToken);
    }
}
