namespace Proxus.Server.Configuration;

/// <summary>A page of a tag-map version's tags.</summary>
/// <param name="Search">Keeps tags whose path, address or description contains it (case-insensitive); null or empty keeps all.</param>
/// <param name="Sort">The order.</param>
/// <param name="Descending">Reverses the order.</param>
/// <param name="Offset">Matching tags to skip.</param>
/// <param name="Limit">Most tags to return (1 to <see cref="MaxLimit"/>).</param>
public sealed record TagQuery(string? Search, TagSortKey Sort, bool Descending, int Offset, int Limit)
{
    public const int DefaultLimit = 100;

    public const int MaxLimit = 1_000;

    /// <summary>Longest search text; a longer one matches nothing a tag field could hold anyway.</summary>
    public const int MaxSearchLength = 1_024;
}
