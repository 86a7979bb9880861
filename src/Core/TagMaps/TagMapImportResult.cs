using System.Diagnostics.CodeAnalysis;
using Proxus.Core.Model;

namespace Proxus.Core.TagMaps;

/// <summary>
/// The all-or-nothing outcome of an import: either a complete, valid tag map and no errors, or
/// every error found and no tag map at all.
/// </summary>
public sealed class TagMapImportResult
{
    private TagMapImportResult(TagMap? tagMap, IReadOnlyList<TagMapError> errors)
    {
        TagMap = tagMap;
        Errors = errors;
    }

    public TagMap? TagMap { get; }

    public IReadOnlyList<TagMapError> Errors { get; }

    [MemberNotNullWhen(true, nameof(TagMap))]
    public bool Succeeded => TagMap is not null;

    internal static TagMapImportResult Success(TagMap tagMap) => new(tagMap, []);

    internal static TagMapImportResult Failure(IReadOnlyList<TagMapError> errors) => new(null, errors);
}
