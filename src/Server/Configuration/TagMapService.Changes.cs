using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Proxus.Core.Model;
using Proxus.Core.TagMaps;
using Proxus.Server.Audit;
using Proxus.Server.Data;

namespace Proxus.Server.Configuration;

public sealed partial class TagMapService
{
    /// <summary>
    /// Validates an upload (Core's strict import plus the server's check that every connection names
    /// an agent of the site) and stores it as the site's next version, issuing the agents'
    /// configurations. A CSV upload replaces the tags and keeps the current version's connections.
    /// Invalid uploads store nothing and return every error; they are audited too.
    /// </summary>
    public Task<TagMapChangeResult> ImportAsync(Guid siteId, TagMapFormat format, Stream content, string? comment, string author, CancellationToken cancellationToken)
        => ImportAsync(siteId, format, content, comment, author, baseVersion: null, cancellationToken);

    /// <summary>
    /// As <see cref="ImportAsync(Guid, TagMapFormat, Stream, string?, string, CancellationToken)"/>;
    /// with <paramref name="baseVersion"/>, only while that is still the current version (the one a
    /// preview was checked against), else <see cref="TagMapChangeStatus.Conflict"/>.
    /// </summary>
    public async Task<TagMapChangeResult> ImportAsync(Guid siteId, TagMapFormat format, Stream content, string? comment, string author, int? baseVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var cleanComment = ValidComment(comment);
        ValidAuthor(author);
        var upload = await ReadUploadAsync(siteId, format, content, cancellationToken);
        if (baseVersion is not null && baseVersion != upload.Current?.Version)
        {
            return TagMapChangeResult.Conflict(upload.Current?.Version);
        }

        var result = upload.Map is null
            ? TagMapChangeResult.Rejected(upload.Errors)
            : await StoreAsync(siteId, upload.Map, upload.Current?.Version, cleanComment, author, rolledBackFrom: null, cancellationToken);
        if (result.Status == TagMapChangeStatus.Rejected)
        {
            await audit.AppendAsync(
                new AuditEvent(AuditEventTypes.TagMapImportRejected, author, $"site:{siteId:D}", new Dictionary<string, string?>
                {
                    ["format"] = format.ToString(),
                    ["errors"] = result.Errors.Count.ToString(CultureInfo.InvariantCulture),
                    ["firstError"] = result.Errors[0].ToString(),
                }),
                cancellationToken);
        }

        return result;
    }

    /// <summary>Stores the content of an earlier version as the site's next version.</summary>
    /// <exception cref="KeyNotFoundException">The site has no version <paramref name="version"/>.</exception>
    public async Task<TagMapChangeResult> RollbackAsync(Guid siteId, int version, string? comment, string author, CancellationToken cancellationToken)
    {
        var cleanComment = ValidComment(comment);
        ValidAuthor(author);
        TagMapVersion? current;
        TagMap restored;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var site = await RequireNamespaceAsync(db, siteId, cancellationToken);
            var target = await db.TagMapVersions.AsNoTracking().SingleOrDefaultAsync(v => v.SiteId == siteId && v.Version == version, cancellationToken)
                ?? throw new KeyNotFoundException($"Site {siteId:D} has no tag-map version {version}.");
            current = await CurrentAsync(db, siteId, cancellationToken);
            restored = ParseStored(target, site);
        }

        return await StoreAsync(siteId, restored, current?.Version, cleanComment, author, rolledBackFrom: version, cancellationToken);
    }

    private async Task<TagMapChangeResult> StoreAsync(Guid siteId, TagMap map, int? baseVersion, string comment, string author, int? rolledBackFrom, CancellationToken cancellationToken)
    {
        var yaml = TagMapYaml.ToUtf8Bytes(map);
        var hash = SHA256.HashData(yaml);
        var (result, issued) = await audit.RunAuditedAsync(
            async (db, token) =>
            {
                var current = await CurrentAsync(db, siteId, token);
                if (current?.Version != baseVersion)
                {
                    return Unaudited(TagMapChangeResult.Conflict(current?.Version));
                }

                if (current is not null && current.ContentHash.AsSpan().SequenceEqual(hash))
                {
                    return Unaudited(new TagMapChangeResult(TagMapChangeStatus.Unchanged, TagMapVersionInfo.Of(current), [], []));
                }

                var agentErrors = await CheckAgentsAsync(db, siteId, map.Connections, token);
                if (agentErrors.Count > 0)
                {
                    return Unaudited(TagMapChangeResult.Rejected(agentErrors));
                }

                var stored = new TagMapVersion
                {
                    Id = Guid.NewGuid(),
                    SiteId = siteId,
                    Version = (current?.Version ?? 0) + 1,
                    Author = author,
                    CreatedAt = Timestamps.Now(timeProvider),
                    Comment = comment,
                    Content = Encoding.UTF8.GetString(yaml),
                    ContentHash = hash,
                    ConnectionCount = map.Connections.Count,
                    TagCount = map.Tags.Count,
                    RolledBackFrom = rolledBackFrom,
                };
                db.TagMapVersions.Add(stored);
                await db.SaveChangesAsync(token);
                var (configs, events) = await issuer.IssueAsync(db, map, stored, author, token);
                events.Insert(0, VersionEvent(stored, current, map, author));
                await db.SaveChangesAsync(token);
                return new AuditedResult<(TagMapChangeResult, IReadOnlyList<IssuedAgentConfig>)>(
                    (new TagMapChangeResult(TagMapChangeStatus.Created, TagMapVersionInfo.Of(stored), [], configs), configs),
                    events);
            },
            cancellationToken);
        if (result.Status == TagMapChangeStatus.Created)
        {
            // The new current version is in memory already: the first page after a publish needs no parse.
            cache.Add(new IndexedTagMap(result.Version!, map));
            metrics.VersionPublished();
        }

        await notifications.NotifyAsync(issued, cancellationToken);
        return result;
    }

    private static AuditedResult<(TagMapChangeResult, IReadOnlyList<IssuedAgentConfig>)> Unaudited(TagMapChangeResult result) => new((result, []), []);

    private static AuditEvent VersionEvent(TagMapVersion stored, TagMapVersion? previous, TagMap map, string author)
    {
        var data = new Dictionary<string, string?>
        {
            ["version"] = stored.Version.ToString(CultureInfo.InvariantCulture),
            ["sha256"] = Convert.ToHexStringLower(stored.ContentHash),
            ["connections"] = map.Connections.Count.ToString(CultureInfo.InvariantCulture),
            ["tags"] = map.Tags.Count.ToString(CultureInfo.InvariantCulture),
            ["comment"] = stored.Comment,
        };
        if (previous is not null)
        {
            data["previousVersion"] = previous.Version.ToString(CultureInfo.InvariantCulture);
        }

        if (stored.RolledBackFrom is { } from)
        {
            data["rolledBackFrom"] = from.ToString(CultureInfo.InvariantCulture);
        }

        return new AuditEvent(stored.RolledBackFrom is null ? AuditEventTypes.TagMapImported : AuditEventTypes.TagMapRolledBack, author, $"site:{stored.SiteId:D}", data);
    }

    /// <summary>Every connection must name exactly one agent of the site (by name, case-insensitively).</summary>
    private static async Task<List<TagMapError>> CheckAgentsAsync(ProxusDbContext db, Guid siteId, IReadOnlyList<Connection> connections, CancellationToken cancellationToken)
    {
        var names = await db.Agents.AsNoTracking().Where(a => a.SiteId == siteId && a.DeletedAt == null).Select(a => a.Name).ToListAsync(cancellationToken);
        var counts = names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        var errors = new List<TagMapError>();
        foreach (var connection in connections)
        {
            counts.TryGetValue(connection.Agent, out var count);
            if (count != 1)
            {
                errors.Add(new TagMapError(0, "agent", count == 0
                    ? $"connection '{connection.Id}': '{connection.Agent}' is not an agent of this site"
                    : $"connection '{connection.Id}': '{connection.Agent}' matches {count} agents of this site whose names differ only in case"));
            }
        }

        return errors;
    }

    private static Task<TagMapVersion?> CurrentAsync(ProxusDbContext db, Guid siteId, CancellationToken cancellationToken)
        => db.TagMapVersions.AsNoTracking().Where(v => v.SiteId == siteId).OrderByDescending(v => v.Version).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Reads at most one byte more than the limit without blocking, so an oversize upload is refused
    /// by the importer's size check and never read to its end.
    /// </summary>
    private static async Task<ReadOnlyMemory<byte>> ReadBoundedAsync(Stream content, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        while (buffer.Length <= limit)
        {
            var wanted = (int)Math.Min(chunk.Length, limit + 1L - buffer.Length);
            var read = await content.ReadAsync(chunk.AsMemory(0, wanted), cancellationToken);
            if (read == 0)
            {
                break;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private static void ValidAuthor(string author)
    {
        if (string.IsNullOrWhiteSpace(author) || author.Length > TagMapVersion.MaxAuthorLength)
        {
            throw new ArgumentException($"An author has 1 to {TagMapVersion.MaxAuthorLength} characters.", nameof(author));
        }
    }

    private static string ValidComment(string? comment)
    {
        var trimmed = comment?.Trim() ?? string.Empty;
        return trimmed.Length <= TagMapVersion.MaxCommentLength && !trimmed.Any(c => char.IsControl(c) && c is not '\n' and not '\t')
            ? trimmed
            : throw new ArgumentException($"A comment has at most {TagMapVersion.MaxCommentLength} characters and no control characters besides line feeds and tabs.", nameof(comment));
    }
}
