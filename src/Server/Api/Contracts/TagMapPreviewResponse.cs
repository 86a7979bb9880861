using Proxus.Core.TagMaps;

namespace Proxus.Server.Api.Contracts;

/// <summary>
/// The validation preview of an upload (nothing stored): valid, or every error with its row and
/// field; for a valid upload, the diff against <c>baseVersion</c> (the current version; null when the
/// site has none, and then everything is added).
/// </summary>
public sealed record TagMapPreviewResponse(bool Valid, int? BaseVersion, IReadOnlyList<TagMapError> Errors, TagMapDiffResponse? Diff);
