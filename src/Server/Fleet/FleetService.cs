using Microsoft.EntityFrameworkCore;
using Proxus.Server.Audit;
using Proxus.Server.Data;

namespace Proxus.Server.Fleet;

/// <summary>
/// Creates sites and agents (admin application service; exposed over HTTP once IAM exists).
/// Every change is audited in its own transaction.
/// </summary>
public sealed class FleetService(AuditLog audit, TimeProvider timeProvider)
{
    /// <summary>Creates a site without a UNS prefix (its agents publish no UNS data until one is set).</summary>
    public Task<Site> CreateSiteAsync(string name, string actor, CancellationToken cancellationToken)
        => CreateSiteAsync(name, unsPrefix: null, actor, cancellationToken);

    /// <summary>Creates a site; <paramref name="unsPrefix"/> (<c>Enterprise/Site</c>) must be unused.</summary>
    public Task<Site> CreateSiteAsync(string name, string? unsPrefix, string actor, CancellationToken cancellationToken)
    {
        var site = new Site
        {
            Id = Guid.NewGuid(),
            Name = ValidName(name, Site.MaxNameLength),
            UnsPrefix = unsPrefix is null ? null : ValidUnsPrefix(unsPrefix),
            CreatedAt = Timestamps.Now(timeProvider),
        };
        return audit.RunAuditedAsync(
            async (db, token) =>
            {
                await EnsureUnusedAsync(db, site.UnsPrefix, site.Id, token);
                db.Sites.Add(site);
                await db.SaveChangesAsync(token);
                var data = new Dictionary<string, string?> { ["name"] = site.Name, ["unsPrefix"] = site.UnsPrefix };
                return new AuditedResult<Site>(site, new AuditEvent(AuditEventTypes.SiteCreated, actor, $"site:{site.Id:D}", data));
            },
            cancellationToken);
    }

    /// <summary>
    /// Assigns a site's UNS prefix. Agents connected at the time keep the prefix they connected
    /// with until they reconnect.
    /// </summary>
    public Task SetUnsPrefixAsync(Guid siteId, string unsPrefix, string actor, CancellationToken cancellationToken)
    {
        var prefix = ValidUnsPrefix(unsPrefix);
        return audit.RunAuditedAsync(
            async (db, token) =>
            {
                var site = await db.Sites.FindAsync([siteId], token) ?? throw new KeyNotFoundException($"Site {siteId:D} does not exist.");
                await EnsureUnusedAsync(db, prefix, siteId, token);
                var previous = site.UnsPrefix;
                site.UnsPrefix = prefix;
                await db.SaveChangesAsync(token);
                var data = new Dictionary<string, string?> { ["previous"] = previous, ["unsPrefix"] = prefix };
                return new AuditedResult<bool>(true, new AuditEvent(AuditEventTypes.SiteUnsPrefixSet, actor, $"site:{siteId:D}", data));
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

    private static async Task EnsureUnusedAsync(ProxusDbContext db, string? prefix, Guid siteId, CancellationToken cancellationToken)
    {
        // Checked under the audit lock, so concurrent assignments on this node cannot both pass;
        // the unique index backs it up across nodes.
        if (prefix is not null && await db.Sites.AnyAsync(s => s.UnsPrefix == prefix && s.Id != siteId, cancellationToken))
        {
            throw new ArgumentException($"The UNS prefix '{prefix}' belongs to another site.", nameof(prefix));
        }
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

    private static string ValidUnsPrefix(string prefix)
        => SiteUnsPrefix.TryValidate(prefix, out var error) ? prefix : throw new ArgumentException($"Invalid UNS prefix '{prefix}': {error}.", nameof(prefix));
}
