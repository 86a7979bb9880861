using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Proxus.Core.TagMaps;
using Proxus.Server.Api.Contracts;
using Proxus.Server.Configuration;

namespace Proxus.Server.Api;

public static partial class TagMapsApi
{
    private static async Task<Results<Ok<SiteNamespaceResponse>, NotFound, ProblemHttpResult>> SetNamespaceAsync(
        Guid id,
        SiteNamespaceRequest request,
        TagMapService tagMaps,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        try
        {
            var ns = await tagMaps.SetNamespaceAsync(id, request.Enterprise ?? string.Empty, request.Name ?? string.Empty, ApiPrincipal.Actor(user), cancellationToken);
            return TypedResults.Ok(ToResponse(ns));
        }
        catch (KeyNotFoundException)
        {
            return TypedResults.NotFound();
        }
        catch (InvalidOperationException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "Namespace already set or taken", type: ProblemPrefix + "namespace-conflict");
        }
    }

    private static async Task<Results<Ok<TagMapPreviewResponse>, NotFound, ProblemHttpResult>> PreviewAsync(
        Guid id,
        HttpRequest request,
        TagMapService tagMaps,
        CancellationToken cancellationToken)
    {
        if (UploadFormat(request, out var format) is { } refused)
        {
            return refused;
        }

        try
        {
            var preview = await tagMaps.PreviewAsync(id, format, request.Body, cancellationToken);
            return TypedResults.Ok(new TagMapPreviewResponse(preview.IsValid, preview.BaseVersion, preview.Errors, preview.Diff is { } diff ? ToResponse(diff) : null));
        }
        catch (KeyNotFoundException)
        {
            return TypedResults.NotFound();
        }
        catch (InvalidOperationException e)
        {
            return NoNamespace(e);
        }
    }

    private static async Task<Results<Created<TagMapChangeResponse>, Ok<TagMapChangeResponse>, NotFound, ProblemHttpResult>> PublishAsync(
        Guid id,
        string? comment,
        int? baseVersion,
        HttpRequest request,
        TagMapService tagMaps,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        if (UploadFormat(request, out var format) is { } refused)
        {
            return refused;
        }

        try
        {
            return Changed(id, await tagMaps.ImportAsync(id, format, request.Body, comment, ApiPrincipal.Actor(user), baseVersion, cancellationToken));
        }
        catch (KeyNotFoundException)
        {
            return TypedResults.NotFound();
        }
        catch (InvalidOperationException e)
        {
            return NoNamespace(e);
        }
    }

    private static async Task<Results<Created<TagMapChangeResponse>, Ok<TagMapChangeResponse>, NotFound, ProblemHttpResult>> EditTagAsync(
        Guid id,
        string path,
        EditTagRequest request,
        TagMapService tagMaps,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        try
        {
            var fields = request.Fields ?? new Dictionary<string, string?>();
            return Changed(id, await tagMaps.EditTagAsync(id, path, fields, request.Comment, ApiPrincipal.Actor(user), request.BaseVersion, cancellationToken));
        }
        catch (KeyNotFoundException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status404NotFound, title: "No such tag", type: ProblemPrefix + "no-tag");
        }
    }

    private static async Task<Results<Created<TagMapChangeResponse>, Ok<TagMapChangeResponse>, NotFound, ProblemHttpResult>> RollbackAsync(
        Guid id,
        int version,
        RollbackRequest request,
        TagMapService tagMaps,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        try
        {
            return Changed(id, await tagMaps.RollbackAsync(id, version, request.Comment, ApiPrincipal.Actor(user), cancellationToken));
        }
        catch (KeyNotFoundException)
        {
            return NoTagMap(version);
        }
    }

    private static Results<Created<TagMapChangeResponse>, Ok<TagMapChangeResponse>, NotFound, ProblemHttpResult> Changed(Guid siteId, TagMapChangeResult result) => result.Status switch
    {
        TagMapChangeStatus.Created => TypedResults.Created(
            $"/api/v1/sites/{siteId:D}/tag-map/versions/{result.Version!.Version}",
            new TagMapChangeResponse("created", result.Version, result.Issued.Count)),
        TagMapChangeStatus.Unchanged => TypedResults.Ok(new TagMapChangeResponse("unchanged", result.Version!, 0)),
        TagMapChangeStatus.Conflict => WithErrors(StatusCodes.Status409Conflict, "Tag map changed meanwhile", "conflict", result.Errors),
        _ => WithErrors(StatusCodes.Status422UnprocessableEntity, "Invalid tag map", "invalid", result.Errors),
    };

    /// <summary>A problem whose <c>errors</c> extension lists every error with its row and field.</summary>
    private static ProblemHttpResult WithErrors(int status, string title, string type, IReadOnlyList<TagMapError> errors) => TypedResults.Problem(
        $"{errors.Count} error(s); nothing was stored. First: {errors[0]}",
        statusCode: status,
        title: title,
        type: ProblemPrefix + type,
        extensions: new Dictionary<string, object?> { ["errors"] = errors });

    private static ProblemHttpResult NoNamespace(InvalidOperationException e)
        => TypedResults.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "No UNS namespace", type: ProblemPrefix + "no-namespace");
}
