using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Proxus.Core.TagMaps;
using Proxus.Server.Api.Contracts;
using Proxus.Server.Configuration;
using Proxus.Server.Data;
using Proxus.Server.Identity;

namespace Proxus.Server.Api;

/// <summary>
/// A site's UNS namespace and tag map (docs/tag-maps.md, "REST API"). Reading needs
/// <see cref="IamPolicies.FleetRead"/>; uploading, editing, publishing and rolling back need
/// <see cref="IamPolicies.TagMapWrite"/>; setting the namespace needs Admin. Every endpoint passes
/// the object-level check of <see cref="SiteAccessFilter"/>: a site outside the caller's sites answers
/// 404 like one that does not exist.
/// </summary>
public static partial class TagMapsApi
{
    public const string ProblemPrefix = "urn:proxus:problem:tag-map:";

    public static RouteGroupBuilder MapTagMapsApi(this RouteGroupBuilder api)
    {
        var site = api.MapGroup("/sites/{id:guid}").WithTags("Tag maps").AddEndpointFilter<SiteAccessFilter>();
        site.MapGet("/namespace", GetNamespaceAsync).WithName("GetSiteNamespace").RequireAuthorization(IamPolicies.FleetRead);
        site.MapPut("/namespace", SetNamespaceAsync).WithName("SetSiteNamespace").RequireAuthorization(IamPolicies.Admin);

        var tagMap = site.MapGroup("/tag-map");
        tagMap.MapGet("/tags", GetTagsAsync).WithName("GetTagMapTags").RequireAuthorization(IamPolicies.FleetRead);
        tagMap.MapPut("/tags", EditTagAsync).WithName("EditTagMapTag").RequireAuthorization(IamPolicies.TagMapWrite)
            .WithMetadata(new RequestSizeLimitAttribute(MaxJsonBodySize));
        tagMap.MapGet("/connections", GetConnectionsAsync).WithName("GetTagMapConnections").RequireAuthorization(IamPolicies.FleetRead);
        tagMap.MapPost("/preview", PreviewAsync).WithName("PreviewTagMap").RequireAuthorization(IamPolicies.TagMapWrite)
            .WithMetadata(new RequestSizeLimitAttribute(MaxUploadBodySize));
        tagMap.MapPost("/versions", PublishAsync).WithName("PublishTagMap").RequireAuthorization(IamPolicies.TagMapWrite)
            .WithMetadata(new RequestSizeLimitAttribute(MaxUploadBodySize));
        tagMap.MapGet("/versions", ListVersionsAsync).WithName("ListTagMapVersions").RequireAuthorization(IamPolicies.FleetRead);
        tagMap.MapGet("/versions/{version:int}", GetVersionAsync).WithName("GetTagMapVersion").RequireAuthorization(IamPolicies.FleetRead);
        tagMap.MapGet("/versions/{version:int}/content", DownloadAsync).WithName("DownloadTagMapVersion").RequireAuthorization(IamPolicies.FleetRead);
        tagMap.MapPost("/versions/{version:int}/rollback", RollbackAsync).WithName("RollBackTagMap").RequireAuthorization(IamPolicies.TagMapWrite)
            .WithMetadata(new RequestSizeLimitAttribute(MaxJsonBodySize));
        tagMap.MapGet("/diff", DiffAsync).WithName("DiffTagMapVersions").RequireAuthorization(IamPolicies.FleetRead);
        return site;
    }

    private static async Task<Results<Ok<SiteNamespaceResponse>, NotFound>> GetNamespaceAsync(
        Guid id,
        IDbContextFactory<ProxusDbContext> contexts,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ns = await db.SiteNamespaces.AsNoTracking().SingleOrDefaultAsync(n => n.SiteId == id, cancellationToken);
        return ns is null ? TypedResults.NotFound() : TypedResults.Ok(ToResponse(ns));
    }

    private static async Task<Results<Ok<TagPageResponse>, NotFound, ProblemHttpResult, ValidationProblem>> GetTagsAsync(
        Guid id,
        int? version,
        string? search,
        string? sort,
        string? order,
        int? offset,
        int? limit,
        TagMapService tagMaps,
        CancellationToken cancellationToken)
    {
        if (!TryReadQuery(search, sort, order, offset, limit, out var query, out var invalid))
        {
            return invalid;
        }

        var indexed = await tagMaps.GetIndexedAsync(id, version, cancellationToken);
        if (indexed is null)
        {
            return NoTagMap(version);
        }

        var page = indexed.Query(query);
        return TypedResults.Ok(new TagPageResponse(page.Version, page.Total, page.Offset, page.Limit, [.. page.Tags.Select(TagMapRecords.Fields)]));
    }

    private static async Task<Results<Ok<ConnectionsResponse>, NotFound, ProblemHttpResult>> GetConnectionsAsync(
        Guid id,
        int? version,
        TagMapService tagMaps,
        CancellationToken cancellationToken)
    {
        var indexed = await tagMaps.GetIndexedAsync(id, version, cancellationToken);
        return indexed is null
            ? NoTagMap(version)
            : TypedResults.Ok(new ConnectionsResponse(indexed.Info, [.. indexed.Map.Connections.Select(ToResponse)]));
    }

    private static async Task<Results<Ok<List<TagMapVersionInfo>>, NotFound>> ListVersionsAsync(
        Guid id,
        TagMapService tagMaps,
        IDbContextFactory<ProxusDbContext> contexts,
        CancellationToken cancellationToken)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.Sites.AnyAsync(s => s.Id == id, cancellationToken))
            {
                return TypedResults.NotFound();
            }
        }

        return TypedResults.Ok((await tagMaps.ListVersionsAsync(id, cancellationToken)).ToList());
    }

    private static async Task<Results<Ok<TagMapVersionInfo>, NotFound, ProblemHttpResult>> GetVersionAsync(
        Guid id,
        int version,
        TagMapService tagMaps,
        CancellationToken cancellationToken)
    {
        var info = await tagMaps.GetVersionInfoAsync(id, version, cancellationToken);
        return info is null ? NoTagMap(version) : TypedResults.Ok(info);
    }

    private static async Task<Results<FileContentHttpResult, NotFound, ProblemHttpResult, ValidationProblem>> DownloadAsync(
        Guid id,
        int version,
        string? format,
        TagMapService tagMaps,
        CancellationToken cancellationToken)
    {
        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        if (!csv && format is not null && !string.Equals(format, "yaml", StringComparison.OrdinalIgnoreCase))
        {
            return Invalid("format", "format is 'yaml' (the whole site, the default) or 'csv' (the tags).");
        }

        if (csv)
        {
            var indexed = await tagMaps.GetIndexedAsync(id, version, cancellationToken);
            return indexed is null
                ? NoTagMap(version)
                : TypedResults.File(TagMapCsv.ToUtf8Bytes(indexed.Map), CsvContentType, $"tag-map-v{version}.csv");
        }

        var yaml = await tagMaps.GetContentAsync(id, version, cancellationToken);
        return yaml is null ? NoTagMap(version) : TypedResults.File(Utf8(yaml), YamlContentType, $"tag-map-v{version}.yaml");
    }

    private static async Task<Results<Ok<TagMapDiffResponse>, NotFound, ProblemHttpResult>> DiffAsync(
        Guid id,
        int from,
        int to,
        TagMapService tagMaps,
        CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(ToResponse(await tagMaps.DiffAsync(id, from, to, cancellationToken)));
        }
        catch (KeyNotFoundException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status404NotFound, title: "No such version", type: ProblemPrefix + "no-version");
        }
    }

    private static ProblemHttpResult NoTagMap(int? version) => TypedResults.Problem(
        version is { } number ? $"The site has no tag-map version {number}." : "The site has no tag map yet.",
        statusCode: StatusCodes.Status404NotFound,
        title: "No such version",
        type: ProblemPrefix + "no-version");

    private static ValidationProblem Invalid(string field, string message)
        => TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, type: "urn:proxus:problem:invalid-request");
}
