using Proxus.Server.Audit;
using Proxus.Server.Data;

namespace Proxus.Server.Fleet;

/// <summary>
/// Creates sites and agents (admin application service; exposed over HTTP once IAM exists).
/// Every change is audited in its own transaction.
/// </summary>
public sealed class FleetService(AuditLog audit, TimeProvider timeProvider)
{
    public Task<Site> CreateSiteAsync(string name, string actor, CancellationToken cancellationToken)
    {
        var site = new Site { Id = Guid.NewGuid(), Name = ValidName(name, Site.MaxNameLength), CreatedAt = Timestamps.Now(timeProvider) };
        return audit.RunAuditedAsync(
            async (db, token) =>
            {
                db.Sites.Add(site);
                await db.SaveChangesAsync(token);
                return new AuditedResult<Site>(site, new AuditEvent(AuditEventTypes.SiteCreated, actor, $"site:{site.Id:D}", new Dictionary<string, string?> { ["name"] = site.Name }));
            },
            cancellationToken);
    }

    public Task<Agent> CreateAgentAsync(Guid siteId, string name, string actor, CancellationToken cancellationToken)
    {
        var agent = new Agent { Id = Guid.NewGuid(), SiteId = siteId, Name = ValidName(name, Agent.MaxNameLength), CreatedAt = Timestamps.Now(timeProvider) };
        return audit.RunAuditedAsync(
            async (db, token) =>
            {
                _ = await db.Sites.FindAsync([siteId], token) ?? throw new KeyNotFoundException($"Site {siteId:D} does not exist.");
                db.Agents.Add(agent);
                await db.SaveChangesAsync(token);
                return new AuditedResult<Agent>(agent, new AuditEvent(AuditEventTypes.AgentCreated, actor, $"agent:{agent.Id:D}", new Dictionary<string, string?> { ["name"] = agent.Name, ["site"] = siteId.ToString("D") }));
            },
            cancellationToken);
    }

    private static string ValidName(string name, int maxLength)
    {
        var trimmed = name.Trim();
        if (trimmed.Length == 0 || trimmed.Length > maxLength || trimmed.Any(char.IsControl))
        {
            throw new ArgumentException($"A name has 1 to {maxLength} characters and no control characters.", nameof(name));
        }

        return trimmed;
    }
}
