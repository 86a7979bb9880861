using Proxus.Core.Model;
using Proxus.Core.TagMaps;

namespace Proxus.Server.Configuration;

public sealed partial class TagMapService
{
    /// <summary>
    /// Replaces the tag at <paramref name="path"/> of the current version with one read from
    /// <paramref name="fields"/> (tag-map fields as text; the path may change) and stores the result
    /// as the site's next version, validated like an upload. With <paramref name="baseVersion"/>, only
    /// while that is still the current version.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The site has no tag map, or its current version no tag at <paramref name="path"/>.</exception>
    public async Task<TagMapChangeResult> EditTagAsync(
        Guid siteId,
        string path,
        IReadOnlyDictionary<string, string?> fields,
        string? comment,
        string author,
        int? baseVersion,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(fields);
        var cleanComment = ValidComment(comment);
        ValidAuthor(author);
        var current = await GetIndexedAsync(siteId, version: null, cancellationToken)
            ?? throw new KeyNotFoundException($"Site {siteId:D} has no tag map yet.");
        if (baseVersion is not null && baseVersion != current.Info.Version)
        {
            return TagMapChangeResult.Conflict(current.Info.Version);
        }

        var index = current.IndexOf(path);
        if (index < 0)
        {
            throw new KeyNotFoundException($"Version {current.Info.Version} of the tag map has no tag '{path}'.");
        }

        var edited = TagMapRecords.ParseTag(fields, out var fieldErrors);
        if (edited is null)
        {
            return TagMapChangeResult.Rejected(fieldErrors);
        }

        var tags = new Tag[current.Map.Tags.Count];
        for (var i = 0; i < tags.Length; i++)
        {
            tags[i] = i == index ? edited : current.Map.Tags[i];
        }

        var map = current.Map with { Tags = tags };
        var errors = new TagMapValidator().Validate(map);
        return errors.Count > 0
            ? TagMapChangeResult.Rejected(errors)
            : await StoreAsync(siteId, map, current.Info.Version, cleanComment, author, rolledBackFrom: null, cancellationToken);
    }
}
