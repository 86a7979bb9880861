using Proxus.Core.TagMaps;

namespace Proxus.Server.Configuration;

/// <summary>
/// The all-or-nothing outcome of an import, edit or rollback: the version now current (new or unchanged)
/// and the configurations issued, or the errors and nothing stored.
/// </summary>
public sealed record TagMapChangeResult(
    TagMapChangeStatus Status,
    TagMapVersionInfo? Version,
    IReadOnlyList<TagMapError> Errors,
    IReadOnlyList<IssuedAgentConfig> Issued)
{
    internal static TagMapChangeResult Rejected(IReadOnlyList<TagMapError> errors) => new(TagMapChangeStatus.Rejected, null, errors, []);

    internal static TagMapChangeResult Rejected(string message) => Rejected([new TagMapError(0, null, message)]);

    internal static TagMapChangeResult Conflict(int? current) => new(
        TagMapChangeStatus.Conflict,
        null,
        [new TagMapError(0, null, current is { } version ? $"the tag map changed meanwhile (now version {version}); review it and submit again" : "the site has no tag map any more")],
        []);
}
