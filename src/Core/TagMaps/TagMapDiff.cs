using Proxus.Core.Model;

namespace Proxus.Core.TagMaps;

/// <summary>
/// The exact difference between two versions of a site's tag map. Tags are matched by UNS path,
/// connections by id (both ordinal); each list is ordered by that key.
/// </summary>
public sealed record TagMapDiff(
    IReadOnlyList<Tag> AddedTags,
    IReadOnlyList<Tag> RemovedTags,
    IReadOnlyList<TagChange> ChangedTags,
    IReadOnlyList<Connection> AddedConnections,
    IReadOnlyList<Connection> RemovedConnections,
    IReadOnlyList<ConnectionChange> ChangedConnections)
{
    public bool IsEmpty =>
        AddedTags.Count == 0 && RemovedTags.Count == 0 && ChangedTags.Count == 0
        && AddedConnections.Count == 0 && RemovedConnections.Count == 0 && ChangedConnections.Count == 0;

    /// <summary>Compares two versions; <paramref name="before"/> is the older one.</summary>
    public static TagMapDiff Between(TagMap before, TagMap after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var (addedTags, removedTags, changedTags) = Compare(before.Tags, after.Tags, tag => tag.Path.Value);
        var (addedConnections, removedConnections, changedConnections) = Compare(before.Connections, after.Connections, connection => connection.Id);
        return new(
            addedTags,
            removedTags,
            [.. changedTags.Select(pair => new TagChange(pair.Before, pair.After, FieldChanges(pair.Before, pair.After)))],
            addedConnections,
            removedConnections,
            [.. changedConnections.Select(pair => new ConnectionChange(pair.Before, pair.After))]);
    }

    private static (List<T> Added, List<T> Removed, List<(T Before, T After)> Changed) Compare<T>(IReadOnlyList<T> before, IReadOnlyList<T> after, Func<T, string> key)
        where T : IEquatable<T>
    {
        var old = before.ToDictionary(key, StringComparer.Ordinal);
        var current = after.ToDictionary(key, StringComparer.Ordinal);
        var added = after.Where(item => !old.ContainsKey(key(item))).OrderBy(key, StringComparer.Ordinal).ToList();
        var removed = before.Where(item => !current.ContainsKey(key(item))).OrderBy(key, StringComparer.Ordinal).ToList();
        var changed = after
            .Where(item => old.TryGetValue(key(item), out var previous) && !previous.Equals(item))
            .OrderBy(key, StringComparer.Ordinal)
            .Select(item => (old[key(item)], item))
            .ToList();
        return (added, removed, changed);
    }

    private static List<FieldChange> FieldChanges(Tag before, Tag after) =>
    [
        .. TagFields.All
            .Select(field => new FieldChange(field, TagRecordFormatter.Format(before, field), TagRecordFormatter.Format(after, field)))
            .Where(change => !string.Equals(change.Before, change.After, StringComparison.Ordinal)),
    ];
}
