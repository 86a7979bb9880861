using Proxus.Core.Model;

namespace Proxus.Server.Configuration;

/// <summary>
/// One tag-map version parsed once and kept in memory, for paging through its tags: each sort
/// order is an index array built on first use (an O(n log n) sort, then O(n) per page with the
/// search applied while walking it). Immutable like the version it holds.
/// </summary>
public sealed class IndexedTagMap
{
    private readonly Lazy<int[]>[] _orders;

    public IndexedTagMap(TagMapVersionInfo info, TagMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        Info = info;
        Map = map;
        _orders = [.. Enum.GetValues<TagSortKey>().Select(key => new Lazy<int[]>(() => Order(key), LazyThreadSafetyMode.ExecutionAndPublication))];
    }

    public TagMapVersionInfo Info { get; }

    public TagMap Map { get; }

    /// <summary>The page of tags the query asks for, and how many match in all.</summary>
    public TagPage Query(TagQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var order = _orders[(int)query.Sort].Value;
        var search = string.IsNullOrEmpty(query.Search) ? null : query.Search;
        var tags = Map.Tags;
        var page = new List<Tag>(Math.Min(query.Limit, tags.Count));
        var total = 0;
        for (var i = 0; i < order.Length; i++)
        {
            var tag = tags[order[query.Descending ? order.Length - 1 - i : i]];
            if (search is not null && !Matches(tag, search))
            {
                continue;
            }

            if (total >= query.Offset && page.Count < query.Limit)
            {
                page.Add(tag);
            }

            total++;
        }

        return new TagPage(Info, total, query.Offset, query.Limit, page);
    }

    /// <summary>The index of the tag with this path (exact, ordinal), or -1.</summary>
    public int IndexOf(string path)
    {
        var order = _orders[(int)TagSortKey.Path].Value;
        int low = 0, high = order.Length - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var comparison = string.CompareOrdinal(Map.Tags[order[middle]].Path.Value, path);
            if (comparison == 0)
            {
                return order[middle];
            }

            if (comparison < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return -1;
    }

    private static bool Matches(Tag tag, string search)
        => tag.Path.Value.Contains(search, StringComparison.OrdinalIgnoreCase)
            || tag.Address.Contains(search, StringComparison.OrdinalIgnoreCase)
            || (tag.Description?.Contains(search, StringComparison.OrdinalIgnoreCase) ?? false);

    private int[] Order(TagSortKey key)
    {
        var tags = Map.Tags;
        var order = new int[tags.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Comparison<int> byPath = (a, b) => string.CompareOrdinal(tags[a].Path.Value, tags[b].Path.Value);
        Comparison<int> comparison = key switch
        {
            TagSortKey.Path => byPath,
            TagSortKey.Address => (a, b) => Then(StringComparer.OrdinalIgnoreCase.Compare(tags[a].Address, tags[b].Address), a, b, byPath),
            TagSortKey.Connection => (a, b) => Then(string.CompareOrdinal(tags[a].Connection, tags[b].Connection), a, b, byPath),
            TagSortKey.DataType => (a, b) => Then(string.CompareOrdinal(tags[a].DataType.ToString(), tags[b].DataType.ToString()), a, b, byPath),
            _ => throw new ArgumentOutOfRangeException(nameof(key), key, "unknown sort key"),
        };
        Array.Sort(order, comparison);
        return order;
    }

    private static int Then(int first, int a, int b, Comparison<int> next) => first != 0 ? first : next(a, b);
}
