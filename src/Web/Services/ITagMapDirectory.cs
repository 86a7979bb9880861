using System.Security.Claims;

namespace Proxus.Web.Services;

/// <summary>
/// A site's tag map for the portal: the tags of its current version a page at a time, its version
/// history and diffs (every role that may see the site), and the changes — edit one tag, upload a
/// file with a validation preview, publish, roll back — for Admin and the site's OtEngineers.
/// Sites outside the caller's assignment answer like missing ones. Every change is a new immutable
/// version, audited by the server under the caller's name.
/// </summary>
public interface ITagMapDirectory
{
    /// <summary>The fields of a tag in export order (the CSV columns and YAML keys).</summary>
    IReadOnlyList<string> TagFieldNames { get; }

    /// <summary>The fields a tag cannot do without.</summary>
    IReadOnlyList<string> RequiredTagFields { get; }

    /// <summary>The data types a tag may have, for the edit form's suggestions.</summary>
    IReadOnlyList<string> DataTypes { get; }

    /// <summary>The largest page <see cref="GetTagsAsync"/> returns.</summary>
    int MaxPageSize { get; }

    /// <summary>The largest upload, in bytes.</summary>
    long MaxUploadBytes { get; }

    /// <summary>The sites the caller may see, by name, each with its current version.</summary>
    Task<IReadOnlyList<TagMapSiteView>> ListSitesAsync(ClaimsPrincipal caller, CancellationToken cancellationToken);

    /// <summary>The site and its current version; null if it does not exist or is outside the caller's sites.</summary>
    Task<TagMapSiteView?> GetSiteAsync(ClaimsPrincipal caller, Guid siteId, CancellationToken cancellationToken);

    /// <summary>A page of the current version's tags; null when the site has no tag map (or may not be seen).</summary>
    /// <exception cref="PortalException">The query is out of range.</exception>
    Task<TagPageView?> GetTagsAsync(ClaimsPrincipal caller, Guid siteId, TagPageQuery query, CancellationToken cancellationToken);

    /// <summary>The tag at <paramref name="path"/> in the current version, or null.</summary>
    Task<TagView?> GetTagAsync(ClaimsPrincipal caller, Guid siteId, string path, CancellationToken cancellationToken);

    /// <summary>The site's versions, newest first (empty when it has none or may not be seen).</summary>
    Task<IReadOnlyList<TagMapVersionView>> ListVersionsAsync(ClaimsPrincipal caller, Guid siteId, CancellationToken cancellationToken);

    /// <summary>The exact difference from version <paramref name="from"/> to <paramref name="to"/>.</summary>
    /// <exception cref="PortalException">A version or the site does not exist.</exception>
    Task<TagMapDiffView> DiffAsync(ClaimsPrincipal caller, Guid siteId, int from, int to, CancellationToken cancellationToken);

    /// <summary>
    /// Checks an uploaded file (CSV tags or YAML site, told by its name) against the site's current
    /// version and stores nothing: every error, or the diff. A valid upload is kept for a while for
    /// its uploader (<see cref="TagMapUploadView.UploadId"/>) so it can be published after review.
    /// </summary>
    /// <exception cref="PortalException">The caller may not edit the site, or the site has no UNS namespace.</exception>
    Task<TagMapUploadView> PreviewUploadAsync(ClaimsPrincipal caller, Guid siteId, string fileName, Stream content, CancellationToken cancellationToken);

    /// <summary>The caller's kept upload checked again against the current version; null when it expired or is not theirs.</summary>
    Task<TagMapUploadView?> GetUploadAsync(ClaimsPrincipal caller, Guid siteId, Guid uploadId, CancellationToken cancellationToken);

    /// <summary>Publishes the caller's kept upload as the next version, if <paramref name="baseVersion"/> is still current.</summary>
    /// <exception cref="PortalException">The upload expired, the comment is missing, or the caller may not edit the site.</exception>
    Task<TagMapChangeView> PublishUploadAsync(ClaimsPrincipal caller, Guid siteId, Guid uploadId, int? baseVersion, string comment, CancellationToken cancellationToken);

    /// <summary>Replaces one tag of version <paramref name="baseVersion"/> (still current) and publishes the result.</summary>
    /// <exception cref="PortalException">The tag does not exist, the comment is missing, or the caller may not edit the site.</exception>
    Task<TagMapChangeView> EditTagAsync(ClaimsPrincipal caller, Guid siteId, string path, IReadOnlyDictionary<string, string?> fields, int baseVersion, string comment, CancellationToken cancellationToken);

    /// <summary>Publishes the content of version <paramref name="version"/> as the next version.</summary>
    /// <exception cref="PortalException">The version does not exist, the comment is missing, or the caller may not edit the site.</exception>
    Task<TagMapChangeView> RollbackAsync(ClaimsPrincipal caller, Guid siteId, int version, string comment, CancellationToken cancellationToken);
}
