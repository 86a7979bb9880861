namespace Proxus.Web.Services;

/// <summary>One immutable tag-map version: who published it, when, why, and what it holds.</summary>
public sealed record TagMapVersionView(
    int Version,
    string Author,
    DateTimeOffset CreatedAt,
    string Comment,
    int ConnectionCount,
    int TagCount,
    int? RolledBackFrom,
    string ContentSha256);
