using System.Collections.Concurrent;

namespace Proxus.Server.Telemetry;

/// <summary>
/// The in-memory copy of <c>telemetry_tags</c> (path -> id, unit, source) for the writer. Ids never
/// change, so a cached id is always right; a unit or source that differs from the cached one is
/// written back to the dictionary table.
/// </summary>
internal sealed class TagDictionary
{
    private readonly ConcurrentDictionary<string, TagEntry> _tags = new(StringComparer.Ordinal);

    public int Id(string path) => _tags[path].Id;

    public void Set(string path, TagEntry entry) => _tags[path] = entry;

    /// <summary>
    /// The tags of <paramref name="points"/> that are unknown, or whose stated unit or source
    /// changed (the last one stated in the batch wins; an unstated one keeps the stored one),
    /// sorted by path so that concurrent writers lock dictionary rows in the same order.
    /// </summary>
    public List<PendingTag> Pending(IReadOnlyList<TelemetryPoint> points)
    {
        // The usual batch: every tag known and every stated unit and source the cached one (pooled
        // strings, so mostly a reference comparison). Nothing to write, and no per-batch dictionary.
        if (points.All(IsCurrent))
        {
            return [];
        }

        var desired = new Dictionary<string, PendingTag>(StringComparer.Ordinal);
        foreach (var point in points)
        {
            if (!desired.TryGetValue(point.Path, out var current))
            {
                current = _tags.TryGetValue(point.Path, out var entry) ? new PendingTag(point.Path, entry.Unit, entry.Source) : new PendingTag(point.Path, null, null);
                desired[point.Path] = current;
            }

            if ((point.Unit is not null && point.Unit != current.Unit) || (point.Source is not null && point.Source != current.Source))
            {
                desired[point.Path] = new PendingTag(point.Path, point.Unit ?? current.Unit, point.Source ?? current.Source);
            }
        }

        var pending = desired.Values
            .Where(tag => !_tags.TryGetValue(tag.Path, out var entry) || entry.Unit != tag.Unit || entry.Source != tag.Source)
            .ToList();
        pending.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return pending;
    }

    private bool IsCurrent(TelemetryPoint point)
        => _tags.TryGetValue(point.Path, out var entry)
            && (point.Unit is null || point.Unit == entry.Unit)
            && (point.Source is null || point.Source == entry.Source);
}
