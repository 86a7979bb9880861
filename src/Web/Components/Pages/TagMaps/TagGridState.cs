using System.Globalization;
using Proxus.Web.Services;

namespace Proxus.Web.Components.Pages.TagMaps;

/// <summary>
/// The tag grid's state as the URL carries it (<c>search</c>, <c>sort</c>, <c>order</c>,
/// <c>page</c>, <c>size</c>), so every view is a link and the browser's back button returns to it.
/// Values a person could not have chosen fall back to the defaults.
/// </summary>
public sealed record TagGridState(string? Search, TagSortColumn Sort, bool Descending, int Page, int Size)
{
    public const int DefaultSize = 100;

    /// <summary>The longest search kept; a longer one is cut (no tag field is longer).</summary>
    public const int MaxSearchLength = 1024;

    public static IReadOnlyList<int> Sizes { get; } = [25, 50, 100, 200];

    public static TagGridState Default { get; } = new(null, TagSortColumn.Path, false, 1, DefaultSize);

    public int Offset => (int)Math.Min(int.MaxValue, (Page - 1L) * Size);

    public TagPageQuery ToQuery() => new(Search, Sort, Descending, Offset, Size);

    public static TagGridState From(string? search, string? sort, string? order, int? page, int? size)
    {
        var text = string.IsNullOrWhiteSpace(search) ? null : search.Trim();
        if (text is { Length: > MaxSearchLength })
        {
            text = text[..MaxSearchLength];
        }

        return new(
            text,
            ParseSort(sort) ?? TagSortColumn.Path,
            string.Equals(order, "desc", StringComparison.OrdinalIgnoreCase),
            page is >= 1 and <= 1_000_000 ? page.Value : 1,
            size is { } wanted && Sizes.Contains(wanted) ? wanted : DefaultSize);
    }

    /// <summary>Sorting by a column: ascending first, a second click reverses; back to the first page.</summary>
    public TagGridState SortedBy(TagSortColumn column)
        => this with { Sort = column, Descending = column == Sort && !Descending, Page = 1 };

    public TagGridState AtPage(int page) => this with { Page = Math.Max(1, page) };

    /// <summary>The query string (without <c>?</c>) that reproduces this state; defaults are left out.</summary>
    public string ToQueryString()
    {
        var parts = new List<string>();
        if (Search is not null)
        {
            parts.Add("search=" + Uri.EscapeDataString(Search));
        }

        if (Sort != TagSortColumn.Path)
        {
            parts.Add("sort=" + SortKey(Sort));
        }

        if (Descending)
        {
            parts.Add("order=desc");
        }

        if (Page != 1)
        {
            parts.Add("page=" + Page.ToString(CultureInfo.InvariantCulture));
        }

        if (Size != DefaultSize)
        {
            parts.Add("size=" + Size.ToString(CultureInfo.InvariantCulture));
        }

        return string.Join('&', parts);
    }

    /// <summary><paramref name="path"/> with this state's query string.</summary>
    public string Url(string path) => ToQueryString() is { Length: > 0 } query ? path + "?" + query : path;

    public static string SortKey(TagSortColumn column) => column switch
    {
        TagSortColumn.Address => "address",
        TagSortColumn.Connection => "connection",
        TagSortColumn.DataType => "data_type",
        _ => "path",
    };

    private static TagSortColumn? ParseSort(string? sort) => sort?.ToLowerInvariant() switch
    {
        "path" => TagSortColumn.Path,
        "address" => TagSortColumn.Address,
        "connection" => TagSortColumn.Connection,
        "data_type" => TagSortColumn.DataType,
        _ => null,
    };
}
