using System.Text;
using Microsoft.EntityFrameworkCore;
using Proxus.Core.Model;
using Proxus.Core.TagMaps;
using Proxus.Core.Uns;
using Proxus.Server.Audit;
using Proxus.Server.Data;

namespace Proxus.Server.Configuration;

/// <summary>
/// A site's tag maps as immutable versions (application service behind the tag-map REST API, which
/// applies the role rules). Imports, edits and rollbacks are all-or-nothing: a new version, the agent configurations it
/// changes and their audit entries commit in one transaction, or nothing does.
/// </summary>
public sealed partial class TagMapService(
    IDbContextFactory<ProxusDbContext> contexts,
    AuditLog audit,
    AgentConfigIssuer issuer,
    ConfigChangeNotifications notifications,
    TagMapVersionCache cache,
    AgentConfigMetrics metrics,
    TimeProvider timeProvider)
{
    /// <summary>
    /// Sets the site's UNS namespace (<c>Enterprise/Site</c>) that every tag path of the site starts
    /// with. Set once: repeating the same value is accepted, another value is refused (every stored
    /// path depends on it), as is a namespace another site has.
    /// </summary>
    public async Task<SiteNamespace> SetNamespaceAsync(Guid siteId, string enterprise, string name, string actor, CancellationToken cancellationToken)
    {
        if (UnsPathRules.CheckLevelName(enterprise) is { } enterpriseError)
        {
            throw new ArgumentException("enterprise: " + enterpriseError, nameof(enterprise));
        }

        if (UnsPathRules.CheckLevelName(name) is { } nameError)
        {
            throw new ArgumentException("site name: " + nameError, nameof(name));
        }

        return await audit.RunAuditedAsync(
            async (db, token) =>
            {
                _ = await db.Sites.FindAsync([siteId], token) ?? throw new KeyNotFoundException($"Site {siteId:D} does not exist.");
                var existing = await db.SiteNamespaces.FindAsync([siteId], token);
                if (existing is not null)
                {
                    return existing.Enterprise == enterprise && existing.Name == name
                        ? new AuditedResult<SiteNamespace>(existing, [])
                        : throw new InvalidOperationException($"Site {siteId:D} already has the namespace {existing.Enterprise}/{existing.Name}; it cannot change.");
                }

                if (await db.SiteNamespaces.AnyAsync(ns => ns.Enterprise == enterprise && ns.Name == name, token))
                {
                    throw new InvalidOperationException($"Another site already has the namespace {enterprise}/{name}.");
                }

                var created = new SiteNamespace { SiteId = siteId, Enterprise = enterprise, Name = name, CreatedAt = Timestamps.Now(timeProvider) };
                db.SiteNamespaces.Add(created);
                await db.SaveChangesAsync(token);
                return new AuditedResult<SiteNamespace>(created, new AuditEvent(AuditEventTypes.SiteNamespaceSet, actor, $"site:{siteId:D}", new Dictionary<string, string?> { ["enterprise"] = enterprise, ["name"] = name }));
            },
            cancellationToken);
    }

    /// <summary>The site's versions, newest first.</summary>
    public async Task<IReadOnlyList<TagMapVersionInfo>> ListVersionsAsync(Guid siteId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var versions = await db.TagMapVersions.AsNoTracking().Where(v => v.SiteId == siteId)
            .OrderByDescending(v => v.Version)
            .Select(v => new TagMapVersionInfo(v.SiteId, v.Version, v.Author, v.CreatedAt, v.Comment, Convert.ToHexStringLower(v.ContentHash), v.ConnectionCount, v.TagCount, v.RolledBackFrom))
            .ToListAsync(cancellationToken);
        return versions;
    }

    /// <summary>One version with its content, or null when the site has no such version.</summary>
    public async Task<TagMapVersionDetail?> GetVersionAsync(Guid siteId, int version, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.TagMapVersions.AsNoTracking().SingleOrDefaultAsync(v => v.SiteId == siteId && v.Version == version, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        var site = await RequireNamespaceAsync(db, siteId, cancellationToken);
        return new TagMapVersionDetail(TagMapVersionInfo.Of(stored), stored.Content, ParseStored(stored, site));
    }

    /// <summary>The exact difference from version <paramref name="from"/> to version <paramref name="to"/>.</summary>
    /// <exception cref="KeyNotFoundException">Either version does not exist.</exception>
    public async Task<TagMapDiff> DiffAsync(Guid siteId, int from, int to, CancellationToken cancellationToken)
    {
        var before = await GetIndexedAsync(siteId, from, cancellationToken) ?? throw new KeyNotFoundException($"Site {siteId:D} has no tag-map version {from}.");
        var after = await GetIndexedAsync(siteId, to, cancellationToken) ?? throw new KeyNotFoundException($"Site {siteId:D} has no tag-map version {to}.");
        return TagMapDiff.Between(before.Map, after.Map);
    }

    private static async Task<Site> RequireNamespaceAsync(ProxusDbContext db, Guid siteId, CancellationToken cancellationToken)
    {
        var ns = await db.SiteNamespaces.AsNoTracking().SingleOrDefaultAsync(n => n.SiteId == siteId, cancellationToken);
        if (ns is not null)
        {
            return ns.ToModel();
        }

        return await db.Sites.AnyAsync(s => s.Id == siteId, cancellationToken)
            ? throw new InvalidOperationException($"Site {siteId:D} has no UNS namespace yet; set it before its first tag map.")
            : throw new KeyNotFoundException($"Site {siteId:D} does not exist.");
    }

    /// <summary>Stored content was valid when stored; if it no longer reads, the server's rules changed under it.</summary>
    internal static TagMap ParseStored(TagMapVersion stored, Site site)
    {
        var result = TagMapYaml.Read(Encoding.UTF8.GetBytes(stored.Content), site);
        return result.Succeeded
            ? result.TagMap
            : throw new InvalidOperationException($"Tag-map version {stored.Version} of site {stored.SiteId:D} no longer validates: {string.Join("; ", result.Errors.Take(5))}");
    }
}
