using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Proxus.Core.Model;
using Proxus.Core.TagMaps;
using Proxus.Server.Configuration;
using Proxus.Server.Data;
using Proxus.Server.Identity;
using Proxus.Web.Services;

namespace Proxus.Server.Portal;

/// <summary>
/// The portal's tag maps over <see cref="TagMapService"/> (the service behind the tag-map REST
/// API, called in process) with the same rules: reading needs fleet.read, changing tagmap.write,
/// and a site outside the caller's assignment (<see cref="SiteAccess"/>) is treated as missing.
/// </summary>
internal sealed partial class TagMapDirectory(
    IDbContextFactory<ProxusDbContext> contexts,
    TagMapService tagMaps,
    SiteAccess access,
    TagMapUploadStash stash,
    PortalAuthorization authorization) : ITagMapDirectory
{
    public IReadOnlyList<string> TagFieldNames => TagFields.All;

    public IReadOnlyList<string> RequiredTagFields => TagFields.Required;

    public IReadOnlyList<string> DataTypes { get; } = Enum.GetNames<DataType>();

    public int MaxPageSize => TagQuery.MaxLimit;

    public long MaxUploadBytes => TagMapLimits.Default.MaxBytes;

    public async Task<IReadOnlyList<TagMapSiteView>> ListSitesAsync(ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        await authorization.RequireAsync(caller, IamPolicies.FleetRead);
        var visible = await access.VisibleSitesAsync(caller, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sites = await db.Sites.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken);
        if (visible is not null)
        {
            sites = [.. sites.Where(s => visible.Contains(s.Id))];
        }

        var ids = sites.Select(s => s.Id).ToList();
        var namespaces = await db.SiteNamespaces.AsNoTracking().Where(n => ids.Contains(n.SiteId))
            .ToDictionaryAsync(n => n.SiteId, n => $"{n.Enterprise}/{n.Name}", cancellationToken);
        var latest = (await db.TagMapVersions.AsNoTracking().Where(v => ids.Contains(v.SiteId))
                .GroupBy(v => v.SiteId)
                .Select(g => new { SiteId = g.Key, Version = g.Max(v => v.Version) })
                .ToListAsync(cancellationToken))
            .ToDictionary(v => v.SiteId, v => v.Version);
        var views = new List<TagMapSiteView>(sites.Count);
        foreach (var site in sites)
        {
            var current = latest.TryGetValue(site.Id, out var number) ? await tagMaps.GetVersionInfoAsync(site.Id, number, cancellationToken) : null;
            views.Add(new TagMapSiteView(site.Id, site.Name, namespaces.GetValueOrDefault(site.Id), current is null ? null : ToView(current)));
        }

        return views;
    }

    public async Task<TagMapSiteView?> GetSiteAsync(ClaimsPrincipal caller, Guid siteId, CancellationToken cancellationToken)
    {
        await authorization.RequireAsync(caller, IamPolicies.FleetRead);
        if (!await access.CanSeeAsync(caller, siteId, cancellationToken))
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var site = await db.Sites.AsNoTracking().Where(s => s.Id == siteId).Select(s => new { s.Id, s.Name }).SingleOrDefaultAsync(cancellationToken);
        if (site is null)
        {
            return null;
        }

        var ns = await db.SiteNamespaces.AsNoTracking().Where(n => n.SiteId == siteId).Select(n => n.Enterprise + "/" + n.Name).SingleOrDefaultAsync(cancellationToken);
        var current = (await tagMaps.ListVersionsAsync(siteId, cancellationToken)).FirstOrDefault();
        return new TagMapSiteView(site.Id, site.Name, ns, current is null ? null : ToView(current));
    }

    public async Task<TagPageView?> GetTagsAsync(ClaimsPrincipal caller, Guid siteId, TagPageQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await authorization.RequireAsync(caller, IamPolicies.FleetRead);
        if (query.Offset < 0 || query.Limit is < 1 or > TagQuery.MaxLimit || query.Search is { Length: > TagQuery.MaxSearchLength })
        {
            throw new PortalException($"A page starts at 0 or later, holds 1 to {TagQuery.MaxLimit} tags, and a search has at most {TagQuery.MaxSearchLength} characters.");
        }

        if (!await access.CanSeeAsync(caller, siteId, cancellationToken))
        {
            return null;
        }

        var indexed = await tagMaps.GetIndexedAsync(siteId, version: null, cancellationToken);
        if (indexed is null)
        {
            return null;
        }

        var page = indexed.Query(new TagQuery(query.Search, ToKey(query.Sort), query.Descending, query.Offset, query.Limit));
        return new TagPageView(ToView(page.Version), page.Total, page.Offset, page.Limit, [.. page.Tags.Select(ToView)], [.. indexed.Map.Connections.Select(c => c.Id)]);
    }

    public async Task<TagView?> GetTagAsync(ClaimsPrincipal caller, Guid siteId, string path, CancellationToken cancellationToken)
    {
        await authorization.RequireAsync(caller, IamPolicies.FleetRead);
        if (string.IsNullOrEmpty(path) || !await access.CanSeeAsync(caller, siteId, cancellationToken))
        {
            return null;
        }

        var indexed = await tagMaps.GetIndexedAsync(siteId, version: null, cancellationToken);
        var index = indexed?.IndexOf(path) ?? -1;
        return index < 0 ? null : ToView(indexed!.Map.Tags[index]);
    }

    public async Task<IReadOnlyList<TagMapVersionView>> ListVersionsAsync(ClaimsPrincipal caller, Guid siteId, CancellationToken cancellationToken)
    {
        await authorization.RequireAsync(caller, IamPolicies.FleetRead);
        return await access.CanSeeAsync(caller, siteId, cancellationToken)
            ? [.. (await tagMaps.ListVersionsAsync(siteId, cancellationToken)).Select(ToView)]
            : [];
    }

    public async Task<TagMapDiffView> DiffAsync(ClaimsPrincipal caller, Guid siteId, int from, int to, CancellationToken cancellationToken)
    {
        await authorization.RequireAsync(caller, IamPolicies.FleetRead);
        if (!await access.CanSeeAsync(caller, siteId, cancellationToken))
        {
            throw new PortalException("The site does not exist.");
        }

        try
        {
            return ToView(await tagMaps.DiffAsync(siteId, from, to, cancellationToken));
        }
        catch (KeyNotFoundException e)
        {
            throw new PortalException($"Version {from} or {to} does not exist; compare two versions of the history.", e);
        }
    }

    private static TagSortKey ToKey(TagSortColumn column) => column switch
    {
        TagSortColumn.Address => TagSortKey.Address,
        TagSortColumn.Connection => TagSortKey.Connection,
        TagSortColumn.DataType => TagSortKey.DataType,
        _ => TagSortKey.Path,
    };
}
