using Proxus.Core.TagMaps;

namespace Proxus.Server.Configuration;

/// <summary>
/// What publishing an upload would do, with nothing stored: every error (row and field), or the
/// exact difference from the current version.
/// </summary>
/// <param name="BaseVersion">The site's current version the upload was checked against (null: none yet).</param>
/// <param name="Errors">Every problem; empty when the upload is valid.</param>
/// <param name="Diff">From the current version (or an empty tag map) to the upload; null when invalid.</param>
public sealed record TagMapPreview(int? BaseVersion, IReadOnlyList<TagMapError> Errors, TagMapDiff? Diff)
{
    public bool IsValid => Errors.Count == 0;
}
