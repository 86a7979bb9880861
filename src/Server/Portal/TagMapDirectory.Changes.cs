using System.Security.Claims;
using Proxus.Core.TagMaps;
using Proxus.Server.Api;
using Proxus.Server.Configuration;
using Proxus.Server.Identity;
using Proxus.Web.Services;

namespace Proxus.Server.Portal;

internal sealed partial class TagMapDirectory
{
    public async Task<TagMapUploadView> PreviewUploadAsync(ClaimsPrincipal caller, Guid siteId, string fileName, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        await RequireEditAsync(caller, siteId, cancellationToken);
        var format = FormatOf(fileName) ?? throw new PortalException($"'{fileName}' is neither a .csv file (the tags) nor a .yaml or .yml file (the whole site).");
        var bytes = await ReadBoundedAsync(content, TagMapLimits.Default.MaxBytes, cancellationToken);
        var preview = await GuardAsync(() => tagMaps.PreviewAsync(siteId, format, new MemoryStream(bytes, writable: false), cancellationToken));
        var uploadId = preview.IsValid ? stash.Add(ApiPrincipal.Actor(caller), siteId, Path.GetFileName(fileName), format, bytes) : (Guid?)null;
        return ToView(uploadId, Path.GetFileName(fileName), format, bytes.LongLength, preview);
    }

    public async Task<TagMapUploadView?> GetUploadAsync(ClaimsPrincipal caller, Guid siteId, Guid uploadId, CancellationToken cancellationToken)
    {
        await RequireEditAsync(caller, siteId, cancellationToken);
        if (stash.Get(uploadId, ApiPrincipal.Actor(caller), siteId) is not { } upload)
        {
            return null;
        }

        var preview = await GuardAsync(() => tagMaps.PreviewAsync(siteId, upload.Format, new MemoryStream(upload.Content, writable: false), cancellationToken));
        return ToView(upload.Id, upload.FileName, upload.Format, upload.Content.LongLength, preview);
    }

    public async Task<TagMapChangeView> PublishUploadAsync(ClaimsPrincipal caller, Guid siteId, Guid uploadId, int? baseVersion, string comment, CancellationToken cancellationToken)
    {
        await RequireEditAsync(caller, siteId, cancellationToken);
        var actor = ApiPrincipal.Actor(caller);
        var upload = stash.Get(uploadId, actor, siteId)
            ?? throw new PortalException($"This upload is no longer kept (uploads wait {TagMapUploadStash.Lifetime.TotalMinutes:0} minutes for their publish); upload the file again.");
        var cleanComment = RequireComment(comment);

        // The service reads "no base version" as "do not check"; an upload previewed against a site
        // without a tag map must still meet a first version published meanwhile as a conflict.
        if (baseVersion is null && (await tagMaps.ListVersionsAsync(siteId, cancellationToken)).FirstOrDefault() is { } first)
        {
            return Conflict(first);
        }

        var result = await GuardAsync(() => tagMaps.ImportAsync(
            siteId, upload.Format, new MemoryStream(upload.Content, writable: false), cleanComment, actor, baseVersion, cancellationToken));
        if (result.Status is TagMapChangeStatus.Created or TagMapChangeStatus.Unchanged)
        {
            stash.Remove(uploadId);
        }

        return await ToViewAsync(siteId, result, cancellationToken);
    }

    public async Task<TagMapChangeView> EditTagAsync(
        ClaimsPrincipal caller, Guid siteId, string path, IReadOnlyDictionary<string, string?> fields, int baseVersion, string comment, CancellationToken cancellationToken)
    {
        await RequireEditAsync(caller, siteId, cancellationToken);
        var result = await GuardAsync(() => tagMaps.EditTagAsync(siteId, path, fields, RequireComment(comment), ApiPrincipal.Actor(caller), baseVersion, cancellationToken));
        return await ToViewAsync(siteId, result, cancellationToken);
    }

    public async Task<TagMapChangeView> RollbackAsync(ClaimsPrincipal caller, Guid siteId, int version, string comment, CancellationToken cancellationToken)
    {
        await RequireEditAsync(caller, siteId, cancellationToken);
        var result = await GuardAsync(() => tagMaps.RollbackAsync(siteId, version, RequireComment(comment), ApiPrincipal.Actor(caller), cancellationToken));
        return await ToViewAsync(siteId, result, cancellationToken);
    }

    /// <summary>The format a file's name says: <c>.csv</c> tags, <c>.yaml</c>/<c>.yml</c> the whole site.</summary>
    internal static TagMapFormat? FormatOf(string? fileName) => Path.GetExtension(fileName ?? string.Empty).ToLowerInvariant() switch
    {
        ".csv" => TagMapFormat.Csv,
        ".yaml" or ".yml" => TagMapFormat.Yaml,
        _ => null,
    };

    private async Task RequireEditAsync(ClaimsPrincipal caller, Guid siteId, CancellationToken cancellationToken)
    {
        await authorization.RequireAsync(caller, IamPolicies.TagMapWrite);
        if (!await access.CanSeeAsync(caller, siteId, cancellationToken))
        {
            throw new PortalException("The site does not exist.");
        }
    }

    private static string RequireComment(string? comment)
        => string.IsNullOrWhiteSpace(comment) ? throw new PortalException("Say in a comment what changes and why.") : comment;

    /// <summary>The service's refusals as the portal shows them.</summary>
    private static async Task<T> GuardAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (KeyNotFoundException e)
        {
            throw new PortalException(e.Message.Replace("Site ", "The site ", StringComparison.Ordinal), e);
        }
        catch (ArgumentException e)
        {
            throw new PortalException(e.ParamName is { } name ? e.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal) : e.Message, e);
        }
        catch (InvalidOperationException e)
        {
            throw new PortalException(e.Message, e);
        }
    }

    /// <summary>Reads at most one byte more than the limit, so the importer refuses an oversize file by its size.</summary>
    private static async Task<byte[]> ReadBoundedAsync(Stream content, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        while (buffer.Length <= limit)
        {
            var read = await content.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit + 1L - buffer.Length)), cancellationToken);
            if (read == 0)
            {
                break;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
