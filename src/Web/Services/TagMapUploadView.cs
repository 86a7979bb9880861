namespace Proxus.Web.Services;

/// <summary>
/// The validation preview of an uploaded file, nothing stored: every error, or the diff from
/// <see cref="BaseVersion"/> (the current version it was checked against; null: none yet).
/// <see cref="UploadId"/> names the kept upload to publish; null when it is invalid (nothing kept).
/// </summary>
public sealed record TagMapUploadView(
    Guid? UploadId,
    string FileName,
    string Format,
    long Bytes,
    int? BaseVersion,
    IReadOnlyList<TagMapProblem> Errors,
    TagMapDiffView? Diff)
{
    public bool IsValid => Errors.Count == 0;
}
