namespace Proxus.Server.Configuration;

/// <summary>A tag-map version without its content, as listed.</summary>
/// <param name="SiteId">The site.</param>
/// <param name="Version">1, 2, 3, ... per site.</param>
/// <param name="Author">Who imported or rolled back.</param>
/// <param name="CreatedAt">When it was stored.</param>
/// <param name="Comment">The author's comment (may be empty).</param>
/// <param name="ContentSha256">SHA-256 of the stored content, lower-case hex.</param>
/// <param name="ConnectionCount">Connections in the version.</param>
/// <param name="TagCount">Tags in the version.</param>
/// <param name="RolledBackFrom">For a rollback, the version whose content it restored.</param>
public sealed record TagMapVersionInfo(
    Guid SiteId,
    int Version,
    string Author,
    DateTimeOffset CreatedAt,
    string Comment,
    string ContentSha256,
    int ConnectionCount,
    int TagCount,
    int? RolledBackFrom)
{
    internal static TagMapVersionInfo Of(TagMapVersion version) => new(
        version.SiteId,
        version.Version,
        version.Author,
        version.CreatedAt,
        version.Comment,
        Convert.ToHexStringLower(version.ContentHash),
        version.ConnectionCount,
        version.TagCount,
        version.RolledBackFrom);
}
