using Microsoft.EntityFrameworkCore;
using Proxus.Core.Model;
using Proxus.Core.TagMaps;

namespace Proxus.Server.Configuration;

public sealed partial class TagMapService
{
    /// <summary>
    /// What publishing the upload would do, storing nothing: every error (the import's and the
    /// check that each connection names an agent of the site), or the exact difference from the
    /// current version.
    /// </summary>
    public async Task<TagMapPreview> PreviewAsync(Guid siteId, TagMapFormat format, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var upload = await ReadUploadAsync(siteId, format, content, cancellationToken);
        if (upload.Map is null)
        {
            return new TagMapPreview(upload.Current?.Version, upload.Errors, null);
        }

        var before = upload.Current is null ? new TagMap(upload.Site, [], []) : (await IndexedAsync(upload.Current, upload.Site)).Map;
        return new TagMapPreview(upload.Current?.Version, [], TagMapDiff.Between(before, upload.Map));
    }

    /// <summary>
    /// A version (the current one when <paramref name="version"/> is null) parsed and indexed for
    /// paging, from the cache when it was read lately; null when the site has no such version.
    /// </summary>
    public async Task<IndexedTagMap?> GetIndexedAsync(Guid siteId, int? version, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var versions = db.TagMapVersions.AsNoTracking().Where(v => v.SiteId == siteId);
        var number = version is { } wanted
            ? await versions.Where(v => v.Version == wanted).Select(v => (int?)v.Version).SingleOrDefaultAsync(cancellationToken)
            : await versions.MaxAsync(v => (int?)v.Version, cancellationToken);
        if (number is not { } found)
        {
            return null;
        }

        return await cache.GetAsync(siteId, found, async () =>
        {
            // Shared by every reader of the version, so no single request's cancellation applies.
            await using var loader = await contexts.CreateDbContextAsync(CancellationToken.None);
            var site = await RequireNamespaceAsync(loader, siteId, CancellationToken.None);
            var stored = await loader.TagMapVersions.AsNoTracking().SingleAsync(v => v.SiteId == siteId && v.Version == found, CancellationToken.None);
            return Index(stored, site);
        });
    }

    /// <summary>A version without its content, or null when the site has no such version.</summary>
    public async Task<TagMapVersionInfo?> GetVersionInfoAsync(Guid siteId, int version, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.TagMapVersions.AsNoTracking().Where(v => v.SiteId == siteId && v.Version == version)
            .Select(v => new TagMapVersionInfo(v.SiteId, v.Version, v.Author, v.CreatedAt, v.Comment, Convert.ToHexStringLower(v.ContentHash), v.ConnectionCount, v.TagCount, v.RolledBackFrom))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>A version's stored content (the YAML export whose SHA-256 the version lists), or null when the site has no such version.</summary>
    public async Task<string?> GetContentAsync(Guid siteId, int version, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.TagMapVersions.AsNoTracking().Where(v => v.SiteId == siteId && v.Version == version).Select(v => v.Content).SingleOrDefaultAsync(cancellationToken);
    }

    private Task<IndexedTagMap> IndexedAsync(TagMapVersion stored, Site site)
        => cache.GetAsync(stored.SiteId, stored.Version, () => Task.Run(() => Index(stored, site)));

    private static IndexedTagMap Index(TagMapVersion stored, Site site) => new(TagMapVersionInfo.Of(stored), ParseStored(stored, site));

    /// <summary>Reads and validates an upload against the site and its current version.</summary>
    private async Task<Upload> ReadUploadAsync(Guid siteId, TagMapFormat format, Stream content, CancellationToken cancellationToken)
    {
        Site site;
        TagMapVersion? current;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            site = await RequireNamespaceAsync(db, siteId, cancellationToken);
            current = await CurrentAsync(db, siteId, cancellationToken);
        }

        if (format == TagMapFormat.Csv && current is null)
        {
            return new Upload(site, null, null, [new TagMapError(0, null, "the site has no tag map yet; upload its connections and tags as YAML first (a CSV holds tags only)")]);
        }

        var connections = format == TagMapFormat.Csv ? (await IndexedAsync(current!, site)).Map.Connections : null;
        var bytes = await ReadBoundedAsync(content, TagMapLimits.Default.MaxBytes, cancellationToken);
        var imported = connections is null ? TagMapYaml.Read(bytes.Span, site) : TagMapCsv.Read(bytes.Span, site, connections);
        if (!imported.Succeeded)
        {
            return new Upload(site, current, null, imported.Errors);
        }

        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var agentErrors = await CheckAgentsAsync(db, siteId, imported.TagMap.Connections, cancellationToken);
            return agentErrors.Count > 0 ? new Upload(site, current, null, agentErrors) : new Upload(site, current, imported.TagMap, []);
        }
    }

    /// <summary>A read upload: the valid tag map, or its errors.</summary>
    private sealed record Upload(Site Site, TagMapVersion? Current, TagMap? Map, IReadOnlyList<TagMapError> Errors);
}
