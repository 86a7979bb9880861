namespace Proxus.Web.Services;

/// <summary>A page of tags: a case-insensitive search in path, address and description, an order, and the window.</summary>
public sealed record TagPageQuery(string? Search, TagSortColumn Sort, bool Descending, int Offset, int Limit);
