namespace Proxus.Server.Configuration;

/// <summary>
/// The few tag-map versions read most recently, parsed and indexed (<see cref="IndexedTagMap"/>).
/// Versions are immutable, so an entry never goes stale; the least recently used is dropped beyond
/// <see cref="Capacity"/>. Concurrent readers of one version share a single load.
/// </summary>
public sealed class TagMapVersionCache
{
    /// <summary>A 100,000-tag version takes some tens of MB in memory; four bound the cache's share.</summary>
    public const int Capacity = 4;

    private readonly Lock _gate = new();
    private readonly LinkedList<(Guid SiteId, int Version, Lazy<Task<IndexedTagMap>> Entry)> _entries = new();

    /// <summary>Puts a version that is already in memory (one just stored) first in the cache.</summary>
    public void Add(IndexedTagMap indexed)
    {
        ArgumentNullException.ThrowIfNull(indexed);
        var loaded = new Lazy<Task<IndexedTagMap>>(Task.FromResult(indexed));
        lock (_gate)
        {
            for (var node = _entries.First; node is not null; node = node.Next)
            {
                if (node.Value.SiteId == indexed.Info.SiteId && node.Value.Version == indexed.Info.Version)
                {
                    _entries.Remove(node);
                    break;
                }
            }

            while (_entries.Count >= Capacity)
            {
                _entries.RemoveLast();
            }

            _entries.AddFirst((indexed.Info.SiteId, indexed.Info.Version, loaded));
        }
    }

    /// <summary>The indexed version, loaded with <paramref name="load"/> when it is not cached. A failed load is not kept.</summary>
    public async Task<IndexedTagMap> GetAsync(Guid siteId, int version, Func<Task<IndexedTagMap>> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        Lazy<Task<IndexedTagMap>> entry;
        lock (_gate)
        {
            var node = _entries.First;
            while (node is not null && (node.Value.SiteId != siteId || node.Value.Version != version))
            {
                node = node.Next;
            }

            if (node is null)
            {
                node = new((siteId, version, new Lazy<Task<IndexedTagMap>>(load, LazyThreadSafetyMode.ExecutionAndPublication)));
                while (_entries.Count >= Capacity)
                {
                    _entries.RemoveLast();
                }
            }
            else
            {
                _entries.Remove(node);
            }

            _entries.AddFirst(node);
            entry = node.Value.Entry;
        }

        try
        {
            return await entry.Value;
        }
        catch
        {
            lock (_gate)
            {
                for (var node = _entries.First; node is not null; node = node.Next)
                {
                    if (ReferenceEquals(node.Value.Entry, entry))
                    {
                        _entries.Remove(node);
                        break;
                    }
                }
            }

            throw;
        }
    }
}
