namespace Proxus.Server.Api.Contracts;

/// <summary>
/// The new content of one tag: every field it should have (CSV column names, text values; a
/// missing or null field is not given), a comment for the version, and optionally the version the
/// edit was made on (409 when it is no longer current).
/// </summary>
public sealed record EditTagRequest(Dictionary<string, string?>? Fields, string? Comment, int? BaseVersion);
