namespace Proxus.Server.Configuration;

/// <summary>
/// One immutable version of a site's tag map. The content is the complete tag map as the YAML the
/// server exports (connections and tags); <see cref="ContentHash"/> is its SHA-256.
/// </summary>
public sealed class TagMapVersion
{
    public const int MaxAuthorLength = 256;

    public const int MaxCommentLength = 1000;

    public Guid Id { get; set; }

    public Guid SiteId { get; set; }

    /// <summary>1, 2, 3, ... per site.</summary>
    public int Version { get; set; }

    public required string Author { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string Comment { get; set; }

    public required string Content { get; set; }

    public required byte[] ContentHash { get; set; }

    public int ConnectionCount { get; set; }

    public int TagCount { get; set; }

    /// <summary>When this version is a rollback: the version whose content it restored.</summary>
    public int? RolledBackFrom { get; set; }
}
